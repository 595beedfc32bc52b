"""Role × content type × unit × action, through the real checks (the
admin's and the workflow's).

The roles are every declared role, the content types every publishable
model, both read from the running apps; what each case expects is read from
the roles' declarations (the permission names they list) and the unit rule,
never from the code under test. A content type without a builder here fails
``test_every_content_type_has_a_builder``, so a new app joins the matrix.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone

from comunicacio import roles
from comunicacio.publishing import workflow
from comunicacio.publishing.models import Status
from comunicacio.role_scopes import UnitScope
from tests.factories import make_event, make_news, make_unit, make_user

pytestmark = pytest.mark.django_db

ACTIONS = ("list", "edit", "submit", "publish", "withdraw", "delete")
# How a role reaches the user: a plain membership, a membership limited to
# one unit, or the whole role limited to that unit.
SCOPES = ("everywhere", "member_limited", "role_limited")
# Where the item sits, seen from the limit's unit.
PLACES = ("own_unit", "sub_unit", "other_unit")


def _news(status, unit):
    return make_news(status=status, unit=unit or make_unit())


def _event(status, unit):
    published = status == Status.PUBLISHED
    return make_event(
        status=status,
        publish_at=timezone.now() - timedelta(days=1) if published else None,
        organiser_unit=unit,
    )


def _institutional_entry(status, unit):
    from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry

    holder, _ = Holder.objects.get_or_create(
        slug="alcaldessa", defaults={"name": "Anna Puig i Serra", "position": "Alcaldessa", "order": 1}
    )
    return InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=3),
        subject="Reunió amb el veïnat",
        category=InstitutionalCategory.MEETING,
        status=status,
        publish_at=timezone.now() - timedelta(days=1) if status == Status.PUBLISHED else None,
    )


# Builders by model label: (status, unit or None) -> a saved item.
BUILDERS = {
    "news.newsitem": _news,
    "agenda.event": _event,
    "institutional.institutionalentry": _institutional_entry,
}

# The site's content types (not the test-only one of tests/testapp).
CONTENT_TYPES = sorted(
    model._meta.label_lower for model in roles.publishable_models() if model._meta.app_label != "testapp"
)


def test_every_content_type_has_a_builder():
    assert set(CONTENT_TYPES) <= set(BUILDERS), "add a builder for the new content type to BUILDERS"
    assert CONTENT_TYPES, "no publishable model found"


def model_of(label):
    return next(model for model in roles.publishable_models() if model._meta.label_lower == label)


def expected(role, scope, label, place) -> dict[str, bool]:
    """What the declarations say ``role`` may do, read as permission names."""
    model = model_of(label)
    app, name = model._meta.app_label, model._meta.model_name
    declared = roles.declared_role_permissions()[role]
    has_unit = roles.unit_field(model) is not None
    reached = scope == "everywhere" or (has_unit and place in ("own_unit", "sub_unit"))
    change, view = f"{app}.change_{name}" in declared, f"{app}.view_{name}" in declared
    publish, delete = f"{app}.publish_{name}" in declared, f"{app}.delete_{name}" in declared
    return {
        "list": (change or view) and reached,
        "edit": change and reached,
        "submit": change and reached,
        "publish": change and publish and reached,
        "withdraw": change and publish and reached,
        "delete": change and delete and reached,
    }


def actual(user, label, unit) -> dict[str, bool]:
    model = model_of(label)
    build = BUILDERS[label]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = user
    draft = build(Status.DRAFT, unit)
    approved = build(Status.APPROVED, unit)
    published = build(Status.PUBLISHED, unit)

    def performs(item, action):
        try:
            workflow.perform(item, action, user)
        except workflow.TransitionError:
            return False
        item.refresh_from_db()
        return True

    return {
        "list": model_admin.get_queryset(request).filter(pk=draft.pk).exists(),
        "edit": model_admin.has_change_permission(request, draft),
        "delete": model_admin.has_delete_permission(request, draft),
        "submit": performs(draft, "submit"),
        "publish": performs(approved, "publish"),
        "withdraw": performs(published, "withdraw"),
    }


CASES = [
    pytest.param(role, scope, label, place, id=f"{role}-{scope}-{label}-{place}")
    for role in roles.role_names()
    for scope in SCOPES
    for label in CONTENT_TYPES
    for place in PLACES
]


@pytest.mark.parametrize(("role", "scope", "label", "place"), CASES)
def test_role_matrix(role, scope, label, place):
    limit = make_unit(name="Àrea de Cultura")
    units = {
        "own_unit": limit,
        "sub_unit": make_unit(
            name="Servei de Biblioteques", parent=make_unit(name="Biblioteques", parent=limit)
        ),
        "other_unit": make_unit(name="Àrea d'Esports"),
    }
    group = Group.objects.get(name=role)
    user = make_user(None)
    user.groups.add(group)
    if scope == "member_limited":
        UnitScope.objects.create(group=group, user=user, unit=limit)
    elif scope == "role_limited":
        UnitScope.objects.create(group=group, unit=limit)
    user = type(user).objects.get(pk=user.pk)  # permission caches start empty
    model = model_of(label)
    unit = units[place] if roles.unit_field(model) is not None else None

    assert actual(user, label, unit) == expected(role, scope, label, place)


def test_the_matrix_is_not_all_no():
    # Guards the oracle: every action is granted somewhere and refused somewhere.
    table = [expected(*case.values) for case in CASES]
    for action in ACTIONS:
        assert {row[action] for row in table} == {True, False}, action
