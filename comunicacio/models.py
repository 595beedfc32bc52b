# Django discovers the building blocks' models here; each lives in a module
# named for what it does.
from .media import Image
from .notifications import Notification
from .organisation import Building, Unit
from .pages import SitePage
from .preferences import StaffPreference
from .publishing.models import Effect, Revision, Transition
from .publishing.working_copies import WorkingCopy
from .role_scopes import UnitScope
from .share_links.models import ShareLink

__all__ = [
    "Building",
    "Effect",
    "Image",
    "Notification",
    "Revision",
    "SitePage",
    "ShareLink",
    "StaffPreference",
    "Transition",
    "Unit",
    "UnitScope",
    "WorkingCopy",
]
