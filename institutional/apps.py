from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from comunicacio import roles

from .roles import permissions


class InstitutionalConfig(AppConfig):
    """The institutional agenda: the public diary of the mayor and the
    councillors. It shares nothing with the activity agenda (``agenda``)."""

    name = "institutional"
    label = "institutional"
    verbose_name = _("Agenda institucional")

    role_permissions = {role: permissions(role) for role in roles.ROLES}
