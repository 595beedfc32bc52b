"""One module per social network; each registers an ``Adapter`` subclass
(see ``base``). Adding a network means adding a module here: every module of
this package but ``base`` and private helpers (``_graph``) is loaded."""

import importlib
import pkgutil


def load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
