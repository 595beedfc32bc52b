# The catalogue's models live in modules named for what they hold.
from .core import *  # noqa: F403
from .services import *  # noqa: F403
