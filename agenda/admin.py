# The agenda back-office: one module per part of the agenda.
from . import events_admin  # noqa: F401
from .proposals import admin as proposals_admin  # noqa: F401
