# The agenda's models live in modules named for what they hold.
from .events import *  # noqa: F403
from .proposals import *  # noqa: F403

# The institutional agenda's models moved to the ``institutional`` app.
# TEMPORARY, for agenda/institutional_demo.py only, which still imports them
# from here until the dev-only demo app takes it over: resolved on first use
# (never while the agenda itself loads), and to be deleted with that move.
_MOVED_TO_INSTITUTIONAL = {"Guest", "Holder", "InstitutionalCategory", "InstitutionalEntry", "Rsvp"}


def __getattr__(name):
    if name in _MOVED_TO_INSTITUTIONAL:
        from institutional import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
