"""Side effects of publishing are recorded once per handler and event, due
at the right moment, and run on commit when due."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from comunicacio import pagecache
from comunicacio.publishing import actions, effects, tasks, workflow
from comunicacio.publishing.models import Effect, Status
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def effect_rows(item, key=None):
    rows = Effect.for_item(item)
    if key:
        rows = rows.filter(key=key)
    return {(row.handler, row.key): row for row in rows}


def handler_names(event):
    return {handler.name for handler in effects.handlers_for(event)}


def test_the_foundation_registers_purge_and_notification_handlers():
    assert "cache.purge" in handler_names(effects.PUBLISHED)
    assert "cache.purge" in handler_names(effects.WITHDRAWN)
    assert "cache.purge" in handler_names(effects.CHANGED)
    # One email per recipient of a transition (publishing.notify), recorded
    # by the transition itself rather than per event.
    assert effects.get_handler("workflow.notify") is not None
    assert "workflow.notify" not in handler_names(effects.PUBLISHED) | handler_names(effects.WITHDRAWN)


def test_publishing_records_one_effect_per_published_handler(publisher, draft):
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        transition = workflow.perform(draft, "publish", publisher)
    rows = effect_rows(draft)
    # The author's email belongs to the publication too: it waits like the rest.
    author_email = ("workflow.notify", f"published:1:notify:{transition.pk}:{draft.created_by.pk}")
    assert set(rows) == {(name, "published:1") for name in handler_names(effects.PUBLISHED)} | {author_email}
    assert {row.due_at for row in rows.values()} == {moment}
    assert {row.state for row in rows.values()} == {Effect.State.PENDING}


def test_scheduling_makes_effects_due_at_the_publication_time(publisher):
    item = make_news(status=Status.APPROVED)
    publish_at = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    workflow.perform(item, "schedule", publisher, publish_at=publish_at)
    rows = effect_rows(item)
    assert rows and {row.due_at for row in rows.values()} == {publish_at}


def test_resaving_does_not_duplicate_effects(publisher, draft):
    workflow.perform(draft, "publish", publisher)
    before = Effect.for_item(draft).filter(key="published:1").count()
    # The same event scheduled again (a retried request, a second save) is a no-op.
    assert effects.schedule(draft, effects.PUBLISHED, "published:1", draft.publish_at) == []
    draft.title = "Títol corregit"
    draft.save()
    assert Effect.for_item(draft).filter(key="published:1").count() == before


def test_withdraw_schedules_the_withdrawn_event(publisher, draft):
    workflow.perform(draft, "publish", publisher)
    workflow.perform(draft, "withdraw", publisher)
    rows = effect_rows(draft, key="withdrawn:1")
    assert set(rows) == {(name, "withdrawn:1") for name in handler_names(effects.WITHDRAWN)}


def test_archiving_a_published_item_purges_too(publisher, draft):
    workflow.perform(draft, "publish", publisher)
    workflow.perform(draft, "archive", publisher)
    assert effect_rows(draft, key="withdrawn:1")


def test_republication_gets_its_own_effects(publisher, editor, draft):
    workflow.perform(draft, "publish", publisher)
    workflow.perform(draft, "withdraw", publisher)
    workflow.perform(draft, "reopen", editor)
    workflow.perform(draft, "publish", publisher)
    keys = {key for _handler, key in effect_rows(draft)}
    assert {"published:1", "withdrawn:1", "published:2"} <= keys


def test_editing_a_published_item_schedules_a_changed_purge(publisher, draft):
    workflow.perform(draft, "publish", publisher)
    draft.title = "Títol corregit"
    draft.save()
    revision = actions.record_edit(draft, publisher)
    rows = effect_rows(draft, key=f"changed:{revision.pk}")
    assert set(rows) == {(name, f"changed:{revision.pk}") for name in handler_names(effects.CHANGED)}


def test_editing_a_draft_schedules_nothing(editor, draft):
    actions.record_edit(draft, editor)
    assert not Effect.for_item(draft).exists()


def test_unpublished_transitions_schedule_nothing_but_their_emails(publisher, editor, draft):
    workflow.perform(draft, "submit", editor)
    workflow.perform(draft, "approve", publisher)
    workflow.perform(draft, "return", publisher)
    assert set(Effect.for_item(draft).values_list("handler", flat=True)) == {"workflow.notify"}


class TestRunOnCommit:
    def test_publishing_now_runs_the_effects_once_after_commit(
        self, publisher, draft, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            workflow.perform(draft, "publish", publisher)
        # One enqueue of the effects, one of the author's email, and the
        # request's own page-cache purge.
        assert len(callbacks) == 3 and pagecache.purge in callbacks
        assert {row.state for row in Effect.for_item(draft)} == {Effect.State.DONE}
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [draft.created_by.email]
        assert draft.title in mail.outbox[0].subject + mail.outbox[0].body
        # Running every effect again (a redelivered message, the sweeper) does nothing.
        for row in Effect.for_item(draft):
            assert tasks.run_effect.delay(row.pk).get() == "skipped"
        assert len(mail.outbox) == 1

    def test_nothing_runs_if_the_transaction_rolls_back(
        self, publisher, draft, django_capture_on_commit_callbacks
    ):
        # Effects of a refused transition are neither recorded nor enqueued.
        draft.expire_at = timezone.now() - timedelta(days=1)
        draft.save()
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(workflow.TransitionError),
        ):
            workflow.perform(draft, "publish", publisher)
        assert callbacks == []
        assert not Effect.for_item(draft).exists()

    def test_scheduled_effects_wait_for_their_time_then_the_sweeper_runs_them(
        self, publisher, django_capture_on_commit_callbacks
    ):
        item = make_news(status=Status.APPROVED, created_by=publisher)
        start = timezone.now().replace(microsecond=0)
        publish_at = start + timedelta(hours=1)
        with time_machine.travel(start, tick=False):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                workflow.perform(item, "schedule", publisher, publish_at=publish_at)
            # Not due: nothing was enqueued with an ETA (the pages are purged,
            # so that their generation learns the publication time).
            assert callbacks == [pagecache.purge]
            assert tasks.sweep_effects.delay().get() == 0
        assert mail.outbox == []
        with time_machine.travel(publish_at, tick=False):
            assert tasks.sweep_effects.delay().get() == len(effect_rows(item))
            assert tasks.sweep_effects.delay().get() == 0
        assert {row.state for row in Effect.for_item(item)} == {Effect.State.DONE}
        # The publisher scheduled their own item: nobody to tell.
        assert mail.outbox == []
