# The agenda's models live in modules named for what they hold.
from .events import *  # noqa: F403
from .proposals import *  # noqa: F403
