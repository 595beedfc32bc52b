"""Roles of the back-office, as Django groups.

The groups are created by a migration; their permissions are (re)synchronised
after every ``migrate`` from what each app declares in ``role_permissions`` on
its AppConfig, because model permissions only exist after migrations ran."""

from django.apps import apps

EDITORS = "Redacció"
PUBLISHERS = "Cap de comunicació"
SITE_ADMINS = "Administració del web"
ROLES = [EDITORS, PUBLISHERS, SITE_ADMINS]

EDIT = "edit"
PUBLISH = "publish"
PUBLISH_PERMISSION = "comunicacio.publish_content"


def can(user, capability: str, item) -> bool:
    """Whether ``user`` may exercise ``capability`` on ``item``."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    opts = item._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    if capability == PUBLISH:
        return user.has_perm(PUBLISH_PERMISSION)
    return capability == EDIT


def declared_role_permissions() -> dict[str, set[str]]:
    """What every app declares each role may do ("app_label.codename")."""
    wanted: dict[str, set[str]] = {role: set() for role in ROLES}
    for config in apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            wanted[role].update(codenames)
    return wanted


def publishing_permissions() -> frozenset[str]:
    """The permissions that make a role able to publish: the publish
    permission and whatever else only publishers are declared to hold
    (deleting content, sending social posts...). Only a superuser may hand
    them out: to a user, through a group, or by adding them to a group."""
    declared = declared_role_permissions()
    only_publishers = declared[PUBLISHERS] - declared[EDITORS] - declared[SITE_ADMINS]
    return frozenset({PUBLISH_PERMISSION, *only_publishers})


def publishing_among(permissions) -> list:
    """The publishing permissions among ``permissions`` (Permission objects)."""
    wanted = publishing_permissions()
    return [
        permission
        for permission in permissions
        if f"{permission.content_type.app_label}.{permission.codename}" in wanted
    ]


def group_can_publish(group) -> bool:
    return bool(publishing_among(group.permissions.select_related("content_type")))


def user_can_publish(user) -> bool:
    """Whether ``user`` holds a publishing permission, directly or through a
    group (superusers hold them all)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    if user.is_superuser:
        return True
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user)).select_related("content_type")
    return bool(publishing_among(held.distinct()))


def sync_role_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    wanted = declared_role_permissions()
    for role, perms in wanted.items():
        group, _ = Group.objects.get_or_create(name=role)
        objects = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                objects.append(permission)
        group.permissions.set(objects)


def model_permissions(app_label: str, model: str, actions=("add", "change", "view")) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]
