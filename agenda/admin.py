# The agenda back-office: one module per part of the agenda.
from . import institutional_admin  # noqa: F401
