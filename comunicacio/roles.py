"""Roles of the back-office, as Django groups, and who may do what to which item.

A role is a group whose permissions are (re)synchronised after every
``migrate`` from what the apps declare: ``register_role(name, permissions)``
from an app's ``hooks.py`` (a new role, or more permissions for an existing
one) or the ``role_permissions`` dict on its AppConfig. Model permissions
only exist after migrations ran, hence the synchronisation.

Each publishable model has its own publish permission (``news.publish_newsitem``,
``agenda.publish_event``...), created like Django's add/change/delete/view
ones, so a role can publish exactly the content types it needs.

A role can be limited to a unit and its sub-units, for all its members or
for one user's membership (``role_scopes.UnitScope``): what the role gives
then applies only to items of those units.
"""

from dataclasses import dataclass, field

from django.apps import apps

EDITORS = "Redacció"
PUBLISHERS = "Cap de comunicació"
SITE_ADMINS = "Administració del web"
# The foundation's own roles; apps add theirs with ``register_role``.
ROLES = [EDITORS, PUBLISHERS, SITE_ADMINS]

EDIT = "edit"
PUBLISH = "publish"
DELETE = "delete"
# The model permission each capability needs (besides "change", which all need).
_CAPABILITY_ACTIONS = {EDIT: "change", PUBLISH: "publish", DELETE: "delete"}

# Stored like Django's own "Can add ..." names: not translated.
PUBLISH_PERMISSION_NAME = "Pot aprovar, programar, publicar i retirar: %s"

_registered: dict[str, set[str]] = {}


def register_role(name: str, permissions=()) -> str:
    """Declare the role ``name`` ("app_label.codename" permissions). Declaring
    a role again adds to its permissions, so an app can extend the
    foundation's roles as well as bring its own. Its group is created, and its
    permissions synchronised, after the next ``migrate``."""
    _registered.setdefault(name, set()).update(permissions)
    return name


for _role in ROLES:
    register_role(_role)


def declared_role_permissions() -> dict[str, set[str]]:
    """What every app declares each role may do ("app_label.codename")."""
    wanted = {role: set(perms) for role, perms in _registered.items()}
    for config in apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            wanted.setdefault(role, set()).update(codenames)
    return wanted


def role_names() -> list[str]:
    """Every declared role: the foundation's first, then the apps' in order."""
    return list(declared_role_permissions())


# --- permissions per content type ----------------------------------------------
def publishable_models() -> list:
    from .publishing.models import Publishable

    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def permission_for(capability: str, model) -> str:
    """The permission ("app_label.codename") that ``capability`` needs on ``model``."""
    opts = model._meta
    return f"{opts.app_label}.{_CAPABILITY_ACTIONS[capability]}_{opts.model_name}"


def publish_permission(model) -> str:
    return permission_for(PUBLISH, model)


def publish_permissions() -> frozenset[str]:
    return frozenset(publish_permission(model) for model in publishable_models())


def create_publish_permissions(**kwargs) -> None:
    """Create ``publish_<model>`` for every publishable model, as Django's
    ``create_permissions`` creates add/change/delete/view after migrate."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    # As Django's create_permissions: after a flush (transactional tests)
    # the cache holds content types whose rows are gone.
    ContentType.objects.clear_cache()
    for model in publishable_models():
        content_type = ContentType.objects.get_for_model(model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model._meta.model_name}",
            defaults={"name": PUBLISH_PERMISSION_NAME % model._meta.verbose_name_raw},
        )


def model_permissions(app_label: str, model: str, actions=("add", "change", "view")) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]


# --- who holds what, and where ----------------------------------------------------
@dataclass(frozen=True)
class Grants:
    """A user's permissions: those held everywhere, and those a unit-scoped
    role gives only within some units (unit ids, sub-units included)."""

    everywhere: frozenset[str]
    within: dict[str, frozenset[int]] = field(default_factory=dict)


def grants(user) -> Grants:
    """``user``'s grants, computed once per user object (like Django's own
    permission cache: load the user again to see changed roles)."""
    cached = getattr(user, "_role_grants", None)
    if cached is None:
        from .role_scopes import grants_of

        cached = grants_of(user)
        user._role_grants = cached
    return cached


def unit_field(model):
    """The foreign key that places ``model``'s items in a unit: the model's
    ``unit_field`` if it names one, else its only foreign key to Unit (or,
    among several, the one named ``unit``); None for content of no unit."""
    name = getattr(model, "unit_field", None)
    if name:
        return model._meta.get_field(name)
    from .organisation import Unit

    found = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Unit]
    if len(found) > 1:
        found = [f for f in found if f.name == "unit"]
    return found[0] if len(found) == 1 else None


def unit_id_of(item) -> int | None:
    found = unit_field(type(item))
    return getattr(item, found.attname) if found is not None else None


def holds(user, permission: str, item) -> bool:
    """Whether ``user`` holds ``permission`` for ``item``: everywhere, or
    through a unit-scoped role that covers the item's unit. ``item`` may be a
    model class: then, for some item of it (a scoped role counts)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = grants(user)
    if permission in held.everywhere:
        return True
    units = held.within.get(permission)
    if not units:
        return False
    if isinstance(item, type):
        return True
    return unit_id_of(item) in units


def can(user, capability: str, item) -> bool:
    """Whether ``user`` may exercise ``capability`` (EDIT, PUBLISH, DELETE) on
    ``item``, an instance or, for "on some item of it", a model class."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    model = item if isinstance(item, type) else type(item)
    if capability not in _CAPABILITY_ACTIONS or not holds(user, permission_for(EDIT, model), item):
        return False
    return holds(user, permission_for(capability, model), item)


def may_view(user, item) -> bool:
    """Whether ``user`` may see ``item`` in the back-office (view or change
    permission for it)."""
    opts = item._meta
    names = (f"{opts.app_label}.{action}_{opts.model_name}" for action in ("view", "change"))
    return any(holds(user, name, item) for name in names)


def limit_to_scope(user, queryset):
    """The items of ``queryset`` that ``user`` may see or change: all of them
    with the view or change permission everywhere, else those of the units
    their scoped roles cover."""
    model = queryset.model
    if user.is_superuser:
        return queryset
    wanted = (f"{model._meta.app_label}.{action}_{model._meta.model_name}" for action in ("view", "change"))
    held = grants(user)
    units: set[int] = set()
    for permission in wanted:
        if permission in held.everywhere:
            return queryset
        units |= held.within.get(permission, frozenset())
    found = unit_field(model)
    if found is None or not units:
        return queryset.none()
    return queryset.filter(**{f"{found.attname}__in": units})


def units_for(user, model):
    """The unit ids whose items ``user`` may change, or None for all (not
    limited to units)."""
    if user.is_superuser:
        return None
    permission = permission_for(EDIT, model)
    held = grants(user)
    if permission in held.everywhere:
        return None
    return held.within.get(permission, frozenset())


# --- granting publishing rights ---------------------------------------------------
def publishing_roles(declared=None) -> set[str]:
    declared = declared_role_permissions() if declared is None else declared
    publishing = publish_permissions()
    return {role for role, perms in declared.items() if perms & publishing}


def publishing_permissions() -> frozenset[str]:
    """The permissions that make a role able to publish: every publish
    permission and whatever else only publishing roles are declared to hold
    (deleting content, sending social posts...). Only a superuser may hand
    them out: to a user, through a group, or by adding them to a group."""
    declared = declared_role_permissions()
    publishers = publishing_roles(declared)
    only_publishers = set().union(*(declared[role] for role in publishers)) if publishers else set()
    for role, perms in declared.items():
        if role not in publishers:
            only_publishers -= perms
    return frozenset({*publish_permissions(), *only_publishers})


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
    """Give every declared role's group (created if missing) exactly the
    declared permissions that exist."""
    from django.contrib.auth.models import Group, Permission

    app_config = kwargs.get("app_config")
    if app_config is not None and "apps" in kwargs:
        # post_migrate runs its receivers app by app, and this one (connected
        # by the first installed app) before contenttypes' and auth's for the
        # same app: create that app's content types and permissions first, or
        # the last installed app's would never reach its roles.
        from django.contrib.auth.management import create_permissions
        from django.contrib.contenttypes.management import create_contenttypes

        options = {"verbosity": 0, "using": kwargs.get("using", "default"), "apps": kwargs["apps"]}
        create_contenttypes(app_config, **options)
        create_permissions(app_config, **options)
    create_publish_permissions()
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
