"""A back-office with one item of each kind, so that every changelist has a
change form, history and revisions to visit."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from comunicacio import roles
from comunicacio.publishing import actions
from tests.factories import make_event, make_user
from tests.factories.site import build_site


@pytest.fixture
def filled_admin(_eager_celery, superuser, django_capture_on_commit_callbacks):
    from institutional.models import Holder, InstitutionalEntry

    with django_capture_on_commit_callbacks(execute=True):
        site = build_site()
        event = make_event(title="Concert de la banda municipal")
        holder = Holder.objects.create(name="Anna Alcaldessa", position="Alcaldessa", slug="anna")
        entry = InstitutionalEntry.objects.create(
            holder=holder,
            start=timezone.now() + timedelta(days=2),
            subject="Visita a la depuradora",
            category="visit",
        )
        for item in (site.detail, event, entry):
            actions.record_edit(item, superuser, created=False)
    return site


@pytest.fixture
def role_users(db):
    """One member of every declared role, the apps' own included."""
    users = {}
    for number, role in enumerate(roles.role_names()):
        user = make_user(username=f"rol{number}")
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users
