"""The admin of unit limits on roles (``role_scopes.UnitScope``).

Site administrators limit roles that do not publish. A limit on a role that
publishes is for superusers only, in every direction: adding one is harmless,
but changing or removing one widens what its holders may publish, which is
exactly what only a superuser may grant (``roles.publishing_permissions``)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import roles
from .role_scopes import UnitScope


def _publishing_group_ids() -> list[int]:
    return [group.pk for group in Group.objects.all() if roles.group_can_publish(group)]


@admin.register(UnitScope)
class UnitScopeAdmin(admin.ModelAdmin):
    list_display = ("group", "member", "unit")
    list_filter = ("group",)
    list_select_related = ("group", "user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    autocomplete_fields = ("user", "unit")

    @admin.display(description=_("usuari"), ordering="user__username")
    def member(self, scope):
        return scope.user.get_username() if scope.user_id else _("tots els membres")

    def _publishes(self, request, obj) -> bool:
        return obj is not None and not request.user.is_superuser and roles.group_can_publish(obj.group)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._publishes(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._publishes(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            groups = Group.objects.filter(name__in=roles.role_names())
            if not request.user.is_superuser:
                groups = groups.exclude(pk__in=_publishing_group_ids())
            kwargs["queryset"] = groups
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)

        class UnitScopeForm(base):
            def clean(self):
                cleaned = super().clean()
                group, user = cleaned.get("group"), cleaned.get("user")
                if group is not None and user is not None and not user.groups.filter(pk=group.pk).exists():
                    raise ValidationError(
                        _("%(user)s no té el rol «%(role)s»: doneu-li el rol abans de limitar-lo.")
                        % {"user": user.get_username(), "role": group.name},
                        code="not_a_member",
                    )
                return cleaned

        return UnitScopeForm
