"""Roles: groups created by migration, permissions synchronised after migrate,
and who may do what in the workflow."""

import pytest
from django.contrib.auth.models import Group

from comunicacio import roles
from comunicacio.publishing import workflow
from comunicacio.publishing.models import Revision, Status, Transition
from tests.factories import make_news, make_user

pytestmark = pytest.mark.django_db

PUBLISHER_ACTIONS = ["approve", "schedule", "publish", "withdraw", "return", "archive"]


def test_the_three_roles_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redacció", "Cap de comunicació", "Administració del web"} <= names


def perms(group_name):
    group = Group.objects.get(name=group_name)
    found = group.permissions.select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for p in found}


def test_permissions_are_synchronised_per_role():
    editors, publishers, admins = perms(roles.EDITORS), perms(roles.PUBLISHERS), perms(roles.SITE_ADMINS)

    assert {"news.add_newsitem", "news.change_newsitem", "news.view_newsitem"} <= editors
    assert not roles.publish_permissions() & editors
    assert "news.delete_newsitem" not in editors

    assert {"news.change_newsitem", "news.publish_newsitem"} <= publishers
    # Publishers publish every content type of the site, each by its own
    # permission (the test-only type declares no roles).
    site_types = {p for p in roles.publish_permissions() if not p.startswith("testapp.")}
    expected = {"news.publish_newsitem", "agenda.publish_event", "institutional.publish_institutionalentry"}
    assert expected <= site_types
    assert site_types <= publishers

    assert {"comunicacio.change_unit", "comunicacio.change_building", "auth.change_user"} <= admins
    assert "comunicacio.change_sitepage" in admins
    assert "news.change_newsitem" not in admins
    assert not roles.publish_permissions() & admins


def test_sync_is_idempotent_and_repairs_a_tampered_group():
    group = Group.objects.get(name=roles.EDITORS)
    expected = perms(roles.EDITORS)
    group.permissions.clear()
    roles.sync_role_permissions()
    roles.sync_role_permissions()
    assert perms(roles.EDITORS) == expected


@pytest.mark.parametrize(
    ("role", "edit", "publish"),
    [("editor", True, False), ("publisher", True, True), ("siteadmin", False, False), (None, False, False)],
)
def test_capabilities_by_role(role, edit, publish):
    user = make_user(role)
    item = make_news()
    assert roles.can(user, roles.EDIT, item) is edit
    assert roles.can(user, roles.PUBLISH, item) is publish


def test_inactive_or_non_staff_user_has_no_capability():
    item = make_news()
    inactive = make_user("publisher", is_active=False)
    not_staff = make_user("publisher", staff=False)
    for user in (inactive, not_staff):
        assert not roles.can(user, roles.EDIT, item)
        assert not roles.can(user, roles.PUBLISH, item)


def test_editor_may_submit_a_draft(editor, draft):
    transition = workflow.perform(draft, "submit", editor)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert transition.user == editor


@pytest.mark.parametrize("action", PUBLISHER_ACTIONS)
def test_editor_is_refused_every_publisher_action(editor, action):
    # Each item sits in a state where the action would be allowed to a publisher,
    # so the only reason for refusal is the role.
    state = {
        "approve": Status.REVIEW,
        "schedule": Status.APPROVED,
        "publish": Status.APPROVED,
        "withdraw": Status.PUBLISHED,
        "return": Status.REVIEW,
        "archive": Status.PUBLISHED,
    }[action]
    item = make_news(status=state)
    revisions_before = Revision.for_item(item).count()
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.perform(item, action, editor, publish_at=None)
    assert "No teniu permís" in str(refused.value)
    item.refresh_from_db()
    assert item.status == state
    assert not Transition.for_item(item).exists()
    assert Revision.for_item(item).count() == revisions_before


@pytest.mark.parametrize("role", ["siteadmin", None])
def test_site_admin_and_roleless_staff_cannot_even_submit(role):
    user = make_user(role)
    item = make_news()
    with pytest.raises(workflow.TransitionError, match="No teniu permís"):
        workflow.perform(item, "submit", user)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert not Transition.for_item(item).exists()


def test_editor_sees_only_editor_actions(editor, draft):
    assert [a.name for a in workflow.available_actions(draft, editor)] == ["submit"]
    review = make_news(status=Status.REVIEW)
    assert workflow.available_actions(review, editor) == []


def test_publisher_sees_every_action_of_the_state(publisher):
    review = make_news(status=Status.REVIEW)
    names = {a.name for a in workflow.available_actions(review, publisher)}
    assert names == {"return", "approve", "schedule", "publish"}
