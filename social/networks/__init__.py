"""One module per social network; each registers an ``Adapter`` subclass
(see ``base``). Adding a network means adding a module here: every module of
this package but ``base`` is loaded."""

import importlib
import pkgutil


def load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
