"""Roles limited to a unit and its sub-units.

A ``UnitScope`` row limits what a role (a group) gives to the items of one
unit and every unit under it: for all the role's members when it names no
user, or for one user's membership. A membership with several scopes covers
all their units; a membership with none is not limited. Removing a scope
widens what its holders may do, so scopes of roles that publish are for
superusers only (``role_scopes_admin``).

Content belongs to a unit through its unit foreign key (``roles.unit_field``);
content of no unit is outside every scope.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitScope(models.Model):
    group = models.ForeignKey(
        "auth.Group", verbose_name=_("rol"), on_delete=models.CASCADE, related_name="unit_scopes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuari"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="unit_scopes",
        help_text=_("Buit: el límit s'aplica a tots els membres del rol."),
    )
    # PROTECT: deleting the unit must not silently widen the role to everything.
    unit = models.ForeignKey(
        "comunicacio.Unit",
        verbose_name=_("unitat"),
        on_delete=models.PROTECT,
        related_name="role_scopes",
        help_text=_("El rol només s'aplica als continguts d'aquesta unitat i de les que en depenen."),
    )

    class Meta:
        verbose_name = _("límit per unitat")
        verbose_name_plural = _("límits per unitat")
        ordering = ["group__name", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "unit"], condition=Q(user__isnull=True), name="unitscope_unique_for_role"
            ),
            models.UniqueConstraint(
                fields=["group", "user", "unit"],
                condition=Q(user__isnull=False),
                name="unitscope_unique_for_member",
            ),
        ]

    def __str__(self) -> str:
        who = self.user.get_username() if self.user_id else _("tots els membres")
        return f"{self.group} · {who} · {self.unit}"


def units_under(unit_ids) -> frozenset[int]:
    """``unit_ids`` and every unit below them (the tree is small: read once)."""
    from .organisation import Unit

    children: dict[int, list[int]] = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, pending = set(), list(unit_ids)
    while pending:
        unit_id = pending.pop()
        if unit_id not in found:
            found.add(unit_id)
            pending.extend(children.get(unit_id, ()))
    return frozenset(found)


def grants_of(user):
    """``roles.Grants`` of ``user``: one query when no role of theirs is scoped."""
    from django.contrib.auth.models import Permission

    from .roles import Grants

    if not user.is_active or user.pk is None:
        return Grants(frozenset())
    scopes: dict[int, set[int]] = {}
    rows = UnitScope.objects.filter(Q(user=user) | Q(user__isnull=True), group__user=user)
    for group_id, unit_id in rows.values_list("group_id", "unit_id"):
        scopes.setdefault(group_id, set()).add(unit_id)
    if not scopes:
        return Grants(frozenset(user.get_all_permissions()))

    def dotted(rows):
        return {f"{app_label}.{codename}" for app_label, codename in rows}

    fields = ("content_type__app_label", "codename")
    everywhere = dotted(Permission.objects.filter(user=user).values_list(*fields))
    unscoped_groups = user.groups.exclude(pk__in=scopes)
    everywhere |= dotted(Permission.objects.filter(group__in=unscoped_groups).values_list(*fields))
    within: dict[str, set[int]] = {}
    for group_id, units in scopes.items():
        covered = units_under(units)
        for permission in dotted(Permission.objects.filter(group=group_id).values_list(*fields)):
            if permission not in everywhere:
                within.setdefault(permission, set()).update(covered)
    return Grants(frozenset(everywhere), {name: frozenset(units) for name, units in within.items()})
