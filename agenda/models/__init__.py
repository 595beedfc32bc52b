# The agenda's models live in modules named for what they hold.
from agenda.proposals.models import *  # noqa: F403

from .events import *  # noqa: F403
