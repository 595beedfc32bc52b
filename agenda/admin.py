# The agenda back-office: one module per part of the agenda.
from . import events_admin, proposal_admin  # noqa: F401
