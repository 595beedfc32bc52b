from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from . import roles


class CommunicationAdminSite(admin.AdminSite):
    """The back-office: only active staff with a role (or superusers) enter;
    a user without a role sees nothing of it."""

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or user.groups.filter(name__in=roles.ROLES).exists()


class CommunicationAdminConfig(AdminConfig):
    default_site = "comunicacio.admin_site.CommunicationAdminSite"
