"""The workflow: every allowed and forbidden transition, the records it keeps."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Revision, Status, Transition
from tests.factories import make_news

pytestmark = pytest.mark.django_db

ALLOWED = [
    ("submit", Status.DRAFT, Status.REVIEW),
    ("unsubmit", Status.REVIEW, Status.DRAFT),
    ("return", Status.REVIEW, Status.DRAFT),
    ("return", Status.APPROVED, Status.DRAFT),
    ("approve", Status.REVIEW, Status.APPROVED),
    ("schedule", Status.REVIEW, Status.PUBLISHED),
    ("schedule", Status.APPROVED, Status.PUBLISHED),
    ("publish", Status.DRAFT, Status.PUBLISHED),
    ("publish", Status.REVIEW, Status.PUBLISHED),
    ("publish", Status.APPROVED, Status.PUBLISHED),
    ("withdraw", Status.PUBLISHED, Status.WITHDRAWN),
    ("archive", Status.PUBLISHED, Status.ARCHIVED),
    ("archive", Status.WITHDRAWN, Status.ARCHIVED),
    ("reopen", Status.WITHDRAWN, Status.DRAFT),
    ("reopen", Status.ARCHIVED, Status.DRAFT),
]
ALLOWED_PAIRS = {(action, source) for action, source, _target in ALLOWED}
FORBIDDEN = [
    (action, source)
    for action in workflow.ACTIONS
    for source in Status.values
    if (action, source) not in ALLOWED_PAIRS
]


def test_the_table_above_is_the_workflow():
    # Keeps this file honest if an action or a state is added.
    actual = {(name, source) for name, action in workflow.ACTIONS.items() for source in action.sources}
    assert actual == ALLOWED_PAIRS


@pytest.mark.parametrize(("action", "source", "target"), ALLOWED)
def test_allowed_transition(publisher, action, source, target):
    # Their own item: taking a submission back is for its author or submitter.
    item = make_news(status=source, created_by=publisher)
    future = timezone.now() + timedelta(days=1)
    transition = workflow.perform(item, action, publisher, comment="d'acord", publish_at=future)
    item.refresh_from_db()
    assert item.status == target
    assert (transition.from_status, transition.to_status, transition.action) == (source, target, action)
    assert Transition.for_item(item).count() == 1


@pytest.mark.parametrize(("action", "source"), FORBIDDEN)
def test_forbidden_transition_from_wrong_state(publisher, action, source):
    item = make_news(status=source)
    future = timezone.now() + timedelta(days=1)
    with pytest.raises(workflow.TransitionError) as refused:
        workflow.perform(item, action, publisher, publish_at=future)
    assert "No es pot" in str(refused.value)
    item.refresh_from_db()
    assert item.status == source
    assert not Transition.for_item(item).exists()
    assert not Revision.for_item(item).exists()


@pytest.mark.parametrize("name", ["fly", "", "PUBLISH", "publish "])
def test_unknown_action_is_refused_clearly(publisher, draft, name):
    with pytest.raises(workflow.TransitionError, match="no existeix"):
        workflow.perform(draft, name, publisher)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("offset", [None, timedelta(0), timedelta(seconds=-1), timedelta(days=-3)])
def test_schedule_needs_a_future_publish_time(publisher, offset):
    item = make_news(status=Status.APPROVED)
    with time_machine.travel(timezone.now(), tick=False):
        when = None if offset is None else timezone.now() + offset
        with pytest.raises(workflow.TransitionError, match="data de publicació futura"):
            workflow.perform(item, "schedule", publisher, publish_at=when)
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    assert item.publish_at is None
    assert item.publication == 0


def test_schedule_uses_the_items_own_publish_time(publisher):
    when = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    item = make_news(status=Status.APPROVED, publish_at=when)
    workflow.perform(item, "schedule", publisher)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.publish_at == when
    assert item.is_scheduled


def test_publish_now_refused_when_already_expired(publisher):
    item = make_news(status=Status.APPROVED, expire_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(workflow.TransitionError, match="caducitat"):
        workflow.perform(item, "publish", publisher)
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_schedule_after_the_expiry_is_refused(publisher):
    now = timezone.now()
    item = make_news(status=Status.APPROVED, expire_at=now + timedelta(hours=1))
    with pytest.raises(workflow.TransitionError, match="caducitat"):
        workflow.perform(item, "schedule", publisher, publish_at=now + timedelta(hours=2))
    # Exactly at the expiry is refused too: the item would never be visible.
    with pytest.raises(workflow.TransitionError, match="caducitat"):
        workflow.perform(item, "schedule", publisher, publish_at=item.expire_at)
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    workflow.perform(item, "schedule", publisher, publish_at=now + timedelta(minutes=30))
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_publish_now_sets_publish_time_to_now(publisher, draft):
    moment = timezone.now().replace(microsecond=0) + timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        workflow.perform(draft, "publish", publisher)
    draft.refresh_from_db()
    assert draft.publish_at == moment
    assert draft.status == Status.PUBLISHED


def test_publication_counter_increments_on_each_publish(publisher, editor, draft):
    assert draft.publication == 0
    workflow.perform(draft, "publish", publisher)
    assert draft.publication == 1
    workflow.perform(draft, "withdraw", publisher)
    assert draft.publication == 1
    workflow.perform(draft, "reopen", editor)
    workflow.perform(draft, "submit", editor)
    workflow.perform(draft, "schedule", publisher, publish_at=timezone.now() + timedelta(hours=1))
    draft.refresh_from_db()
    assert draft.publication == 2


def test_transition_records_who_when_from_to_and_comment(publisher, draft):
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        workflow.perform(draft, "publish", publisher, comment="Revisat amb l'alcaldia")
    row = Transition.for_item(draft).get()
    assert row.user == publisher
    assert row.at == moment
    assert (row.action, row.from_status, row.to_status) == ("publish", Status.DRAFT, Status.PUBLISHED)
    assert row.comment == "Revisat amb l'alcaldia"


def test_each_transition_records_a_revision(publisher, editor, draft):
    workflow.perform(draft, "submit", editor)
    workflow.perform(draft, "approve", publisher)
    workflow.perform(draft, "publish", publisher)
    history = list(Revision.for_item(draft).order_by("created_at", "pk"))
    assert len(history) == 3
    assert [r.user for r in history] == [editor, publisher, publisher]
    assert [r.comment for r in history] == ["Enviat a revisió", "Aprovat", "Publicat"]
    assert history[-1].data["title"] == draft.title


def test_perform_keeps_the_callers_instance_in_step(publisher, draft):
    workflow.perform(draft, "publish", publisher)
    assert draft.status == Status.PUBLISHED
    assert draft.publish_at is not None
    assert draft.publication == 1


def test_perform_checks_the_state_in_the_database_not_a_stale_copy(publisher, draft):
    stale = type(draft).objects.get(pk=draft.pk)
    workflow.perform(draft, "publish", publisher)
    # ``stale`` still says draft, but the row is published: publishing again
    # must be refused rather than counted twice.
    with pytest.raises(workflow.TransitionError):
        workflow.perform(stale, "publish", publisher)
    draft.refresh_from_db()
    assert draft.publication == 1
    assert Transition.for_item(draft).count() == 1


def test_revision_snapshot_keeps_empty_dates_empty(publisher, draft):
    from comunicacio.publishing import revisions

    revision = revisions.record(draft, publisher)
    assert revision.data["publish_at"] is None
    assert revision.data["expire_at"] is None
    assert revision.data["title"] == draft.title
    assert revision.data["tags"] == []


def test_revisions_recorded_before_the_fix_still_restore(publisher, draft):
    """Snapshots once stored an empty date as ""; they must still restore."""
    from comunicacio.publishing import actions, revisions

    old = revisions.record(draft, publisher)
    old.data["expire_at"] = ""
    old.data["title"] = "Títol antic"
    old.save()
    actions.restore_revision(draft, old, publisher)
    draft.refresh_from_db()
    assert draft.title == "Títol antic"
    assert draft.expire_at is None
    newest = revisions.record(draft, publisher)
    assert revisions.compare(old, newest, type(draft)) == []
