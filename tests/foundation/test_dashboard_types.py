"""The dashboard's own panels know no app: a type registered later (the
test type, public or staff-only) shows in drafts, the review queue,
scheduled items and the activity with no code of its own."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from comunicacio import roles
from comunicacio.dashboard import queries
from comunicacio.publishing import actions
from comunicacio.publishing.models import Status

pytestmark = pytest.mark.django_db


def notice_permissions(*codenames):
    return Permission.objects.filter(content_type__app_label="testapp", codename__in=codenames)


@pytest.fixture
def writer(django_user_model):
    user = django_user_model.objects.create_user("redactora", first_name="Marta", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    user.user_permissions.add(*notice_permissions("view_notice", "change_notice"))
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("cap", first_name="Joan", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.PUBLISHERS))
    user.user_permissions.add(*notice_permissions("view_notice", "change_notice", "publish_notice"))
    return user


def check_panels(make_notice, writer, reviewer):
    draft = make_notice("Esborrany d'avís", status=Status.DRAFT, publish_at=None, created_by=writer)
    sent = make_notice("Avís per revisar", status=Status.DRAFT, publish_at=None, created_by=writer)
    actions.submit(sent, writer, comment="Mireu-lo")
    make_notice("Avís programat", publish_at=timezone.now() + timedelta(days=2))
    now = timezone.now()

    assert [row.title for row in queries.my_drafts(writer, now)] == [draft.title]
    review = queries.awaiting_review(reviewer, now)
    assert [row.title for row in review] == ["Avís per revisar"]
    assert review[0].note == "Mireu-lo"
    assert queries.awaiting_review(writer, now) == []
    assert not queries.may_publish_some(writer)
    assert [row.title for row in queries.scheduled_soon(reviewer, now)] == ["Avís programat"]
    assert [row.title for row in queries.activity(reviewer, now)] == [
        "Marta ha enviat a revisió «Avís per revisar»"
    ]


def test_a_public_type_registered_later(make_notice, writer, reviewer):
    check_panels(make_notice, writer, reviewer)


def test_a_staff_only_type(staff_only, make_notice, writer, reviewer):
    check_panels(make_notice, writer, reviewer)
