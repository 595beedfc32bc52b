"""One module per social network; each registers an ``Adapter`` subclass
(see ``base``). Adding a network means adding a module here and its name to
``MODULES``."""

import importlib

MODULES = ("mastodon", "bluesky", "telegram", "facebook", "instagram", "x", "linkedin")


def load_all() -> None:
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
