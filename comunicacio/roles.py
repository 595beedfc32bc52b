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


def sync_role_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    wanted: dict[str, set[str]] = {role: set() for role in ROLES}
    for config in apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            wanted[role].update(codenames)
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
