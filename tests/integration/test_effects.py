"""The effects mechanism in process, on SQLite and PostgreSQL: running,
scheduling, retrying with backoff, and the cases where an effect must not run
(not due, being run elsewhere, unknown handler, deleted item, item no longer
live in the publication that scheduled it)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from comunicacio.organisation import Unit
from comunicacio.publishing import effects, tasks, workflow
from comunicacio.publishing.models import Effect
from news.models import Kind

EVENT = "test-event"


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Tasks enqueued on commit run in this process (other fixtures may have
    set the app's configuration, which hides the Django setting)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def recorder():
    """A handler of a test-only event that records its calls and can fail."""

    class Recorder:
        def __init__(self):
            self.calls: list[tuple[int, int]] = []
            self.error: Exception | None = None

        def __call__(self, item, effect):
            self.calls.append((item.pk, effect.pk))
            if self.error is not None:
                raise self.error

    import dataclasses

    from comunicacio import registry
    from news.models import NewsItem

    handler = Recorder()
    effects.register("test.recorder", events={EVENT})(handler)
    # Effects are recorded per content type: news declares this one too.
    news = registry.spec_for(NewsItem)
    registry.register_content(dataclasses.replace(news, effects=(*news.effects, "test.recorder")))
    yield handler
    registry.register_content(news)
    del effects._handlers["test.recorder"]


@pytest.fixture
def now():
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        yield moment


def effect_for(item, handler="test.recorder", key="event:1", due_at=None) -> Effect:
    return Effect.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        handler=handler,
        key=key,
        due_at=due_at or timezone.now(),
    )


def reload(effect: Effect) -> Effect:
    effect.refresh_from_db()
    return effect


@pytest.mark.django_db
class TestRun:
    def test_a_due_effect_runs_once(self, recorder, make_notice, now):
        item = make_notice()
        effect = effect_for(item)

        assert effects.run(effect.pk) == "done"
        assert effects.run(effect.pk) == "skipped"

        assert recorder.calls == [(item.pk, effect.pk)]
        effect = reload(effect)
        assert (effect.state, effect.attempts, effect.done_at) == (Effect.State.DONE, 1, now)

    def test_an_effect_not_due_yet_does_not_run(self, recorder, make_notice, now):
        effect = effect_for(make_notice(), due_at=now + timedelta(seconds=1))

        assert effects.run(effect.pk) == "skipped"

        assert recorder.calls == []
        assert (reload(effect).state, effect.attempts) == (Effect.State.PENDING, 0)

    def test_a_failure_is_recorded_and_retried_later_with_growing_backoff(self, recorder, make_notice, now):
        recorder.error = ConnectionRefusedError("SMTP server down")
        effect = effect_for(make_notice())

        assert effects.run(effect.pk) == "failed"
        effect = reload(effect)
        assert (effect.state, effect.attempts) == (Effect.State.PENDING, 1)
        assert effect.last_error == "ConnectionRefusedError: SMTP server down"
        assert now + timedelta(seconds=15) <= effect.due_at <= now + timedelta(seconds=30)
        # Retrying before the backoff has passed does nothing.
        assert effects.run(effect.pk) == "skipped"

        with time_machine.travel(effect.due_at, tick=False):
            assert effects.run(effect.pk) == "failed"
            effect = reload(effect)
            assert effect.attempts == 2
            assert timezone.now() + timedelta(seconds=30) <= effect.due_at
            assert effect.due_at <= timezone.now() + timedelta(seconds=60)

        recorder.error = None
        with time_machine.travel(effect.due_at, tick=False):
            assert effects.run(effect.pk) == "done"
        effect = reload(effect)
        assert (effect.state, effect.attempts, effect.last_error) == (Effect.State.DONE, 3, "")
        assert len(recorder.calls) == 3

    def test_after_the_last_attempt_the_effect_is_failed_for_good(self, recorder, make_notice, settings):
        settings.PUBLISHING_MAX_ATTEMPTS = 2
        recorder.error = RuntimeError("554 rejected")
        effect = effect_for(make_notice())

        for _ in range(2):
            Effect.objects.filter(pk=effect.pk).update(due_at=timezone.now())
            assert effects.run(effect.pk) == "failed"

        effect = reload(effect)
        assert (effect.state, effect.attempts) == (Effect.State.FAILED, 2)
        assert "554 rejected" in effect.last_error
        assert effects.due_effect_ids() == []
        assert effects.run(effect.pk) == "skipped"
        assert len(recorder.calls) == 2

    def test_database_writes_of_a_failed_handler_are_rolled_back(self, recorder, make_notice):
        def half_done(item, effect):
            Unit.objects.create(name="Mig fet", slug="mig-fet")
            raise RuntimeError("failed after writing")

        recorder.error = None
        effects._handlers["test.recorder"] = effects.Handler("test.recorder", frozenset({EVENT}), half_done)
        effect = effect_for(make_notice())

        assert effects.run(effect.pk) == "failed"

        assert not Unit.objects.filter(slug="mig-fet").exists()
        assert reload(effect).attempts == 1

    def test_an_unknown_handler_is_retried_rather_than_lost(self, make_notice, now):
        # A worker running older code than the one that scheduled the effect.
        effect = effect_for(make_notice(), handler="social.mastodon")

        assert effects.run(effect.pk) == "failed"

        effect = reload(effect)
        assert effect.state == Effect.State.PENDING
        assert effect.attempts == 1
        assert "LookupError" in effect.last_error and "social.mastodon" in effect.last_error
        assert effect.due_at > now

    def test_the_effect_of_a_deleted_item_is_finished_without_running(self, recorder, make_notice):
        item = make_notice()
        effect = effect_for(item)
        item.delete()

        assert effects.run(effect.pk) == "done"

        assert recorder.calls == []
        assert reload(effect).state == Effect.State.DONE


@pytest.mark.django_db
class TestBackoff:
    @pytest.mark.parametrize(
        ("attempts", "ceiling"),
        [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (40, 3600)],
    )
    def test_delays_double_up_to_an_hour_with_jitter_in_the_upper_half(self, attempts, ceiling):
        delays = [effects.backoff(attempts).total_seconds() for _ in range(200)]
        assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
        # Failures that happened together come back spread out.
        assert len(set(delays)) > 100


@pytest.mark.django_db
class TestSchedule:
    def test_one_effect_per_handler_once_per_key(self, recorder, make_notice):
        item = make_notice()

        first = effects.schedule(item, EVENT, "event:1")
        again = effects.schedule(item, EVENT, "event:1")

        assert len(first) == 1 and again == []
        assert Effect.for_item(item).count() == 1

    def test_due_effects_are_enqueued_after_commit_and_run(
        self, recorder, make_notice, django_capture_on_commit_callbacks
    ):
        item = make_notice()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            effects.schedule(item, EVENT, "event:1")
            assert recorder.calls == []

        assert len(callbacks) == 1
        assert len(recorder.calls) == 1

    def test_future_effects_are_left_to_the_sweeper(
        self, recorder, make_notice, now, django_capture_on_commit_callbacks
    ):
        item = make_notice()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            effects.schedule(item, EVENT, "event:1", due_at=now + timedelta(hours=1))

        assert callbacks == []
        assert tasks.sweep_effects() == 0
        with time_machine.travel(now + timedelta(hours=1), tick=False):
            assert tasks.sweep_effects() == 1
            assert tasks.sweep_effects() == 0
        assert len(recorder.calls) == 1

    def test_an_enqueue_failure_leaves_the_effect_to_the_sweeper(self, recorder, make_notice, monkeypatch):
        def broker_down(*args, **kwargs):
            raise ConnectionError("broker unreachable")

        monkeypatch.setattr(tasks.run_effect, "delay", broker_down)
        item = make_notice()
        [effect_id] = effects.schedule(item, EVENT, "event:1")

        effects.enqueue([effect_id])

        assert recorder.calls == []
        assert tasks.sweep_effects() == 1
        assert reload(Effect.objects.get(pk=effect_id)).state == Effect.State.DONE

    def test_retry_puts_a_failed_effect_back_and_leaves_done_ones_alone(
        self, recorder, make_notice, django_capture_on_commit_callbacks
    ):
        item = make_notice()
        failed = effect_for(item, key="event:1")
        Effect.objects.filter(pk=failed.pk).update(state=Effect.State.FAILED, attempts=8)
        done = effect_for(item, key="event:2")
        Effect.objects.filter(pk=done.pk).update(state=Effect.State.DONE, attempts=1)

        with django_capture_on_commit_callbacks(execute=True):
            effects.retry(reload(failed))
            effects.retry(reload(done))

        assert (reload(failed).state, failed.attempts) == (Effect.State.DONE, 1)
        assert (reload(done).state, done.attempts) == (Effect.State.DONE, 1)
        assert recorder.calls == [(item.pk, failed.pk)]


@pytest.mark.django_db
class TestPublishedEffectsFollowTheItem:
    """Effects of a publication run only while the item is live in it."""

    def published_effects(self, item):
        rows = Effect.for_item(item).filter(key__startswith="published:")
        return {effect.handler: effect for effect in rows}

    def test_withdrawn_before_its_time_nothing_is_announced(self, make_notice, superuser, now):
        item = make_notice()
        workflow.perform(item, "submit", superuser)
        workflow.perform(item, "schedule", superuser, publish_at=now + timedelta(hours=1))
        workflow.perform(item, "withdraw", superuser)

        with time_machine.travel(now + timedelta(hours=1), tick=False):
            tasks.sweep_effects()

        # The author was told it was scheduled, then withdrawn: never that it
        # went live.
        assert sorted(message.subject.split(":")[0] for message in mail.outbox) == ["Programat", "Retirat"]
        for effect in self.published_effects(item).values():
            assert effect.state == Effect.State.DONE
            assert effect.last_error.startswith("Skipped: the item is withdrawn")
        # The withdrawal's own effects (cache purge, removing social posts) did run.
        withdrawal = Effect.for_item(item).filter(key="withdrawn:1")
        assert {effect.handler for effect in withdrawal} == {"cache.purge", "social.withdraw", "press.cancel"}
        assert all(effect.state == Effect.State.DONE for effect in withdrawal)

    def test_an_embargoed_press_note_is_announced_when_the_embargo_lifts(self, make_notice, superuser, now):
        item = make_notice(kind=Kind.PRESS_NOTE, embargo_until=now + timedelta(hours=2))
        workflow.perform(item, "publish", superuser)

        tasks.sweep_effects()

        assert mail.outbox == []
        waiting = self.published_effects(item)
        # The press mailing must reach journalists before the embargo lifts
        # (registered with wait_for_embargo=False); it ran, sending nothing
        # here since the note has no distribution lists.
        assert waiting.pop("press.distribute").state == Effect.State.DONE
        for effect in waiting.values():
            assert (effect.state, effect.attempts) == (Effect.State.PENDING, 0)
            assert effect.due_at == now + timedelta(hours=2)
        with time_machine.travel(now + timedelta(hours=2), tick=False):
            assert tasks.sweep_effects() == len(waiting)
        assert len(mail.outbox) == 1

    def test_an_item_that_expired_before_its_effects_ran_is_not_announced(self, make_notice, superuser, now):
        item = make_notice(expire_at=now + timedelta(hours=1))
        workflow.perform(item, "publish", superuser)

        # Every worker was down until after the expiry.
        with time_machine.travel(now + timedelta(hours=3), tick=False):
            tasks.sweep_effects()

        assert mail.outbox == []
        notify = self.published_effects(item)["workflow.notify"]
        assert notify.state == Effect.State.DONE
        assert notify.last_error.startswith("Skipped: the item expired")

    def test_a_republication_announces_only_itself(self, make_notice, superuser, now):
        item = make_notice()
        workflow.perform(item, "publish", superuser)
        workflow.perform(item, "withdraw", superuser)
        workflow.perform(item, "reopen", superuser)
        workflow.perform(item, "publish", superuser)

        tasks.sweep_effects()

        notify = {
            effect.key.split(":notify:")[0]: effect
            for effect in Effect.for_item(item).filter(
                handler="workflow.notify", key__startswith="published:"
            )
        }
        assert notify["published:1"].last_error.startswith("Skipped")
        assert (notify["published:2"].state, notify["published:2"].last_error) == (Effect.State.DONE, "")
        # Told of the second publication (and of the withdrawal), never of
        # the first once it was over.
        assert sorted(message.subject.split(":")[0] for message in mail.outbox) == ["Publicat", "Retirat"]


@pytest.mark.django_db
class TestAuthorEmail:
    def test_the_author_gets_a_catalan_email_with_a_stable_message_id(self, make_notice, superuser):
        item = make_notice(title="Tall d'aigua a la plaça de l'Església")
        workflow.perform(item, "publish", superuser)
        notify = Effect.for_item(item).get(handler="workflow.notify")

        assert effects.run(notify.pk) == "done"

        [message] = mail.outbox
        assert message.to == ["autora@ajuntament.example"]
        assert message.subject == "Publicat: Tall d'aigua a la plaça de l'Església"
        assert "«Tall d'aigua a la plaça de l'Església» ja és visible al web." in message.body
        assert item.get_absolute_url() in message.body
        assert message.extra_headers["Message-ID"] == f"<effect-{notify.pk}@ajuntament.example>"
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"

    def test_an_item_without_an_author_email_is_done_quietly(self, make_notice, superuser, author):
        author.email = ""
        author.save()
        item = make_notice()
        workflow.perform(item, "publish", superuser)
        notify = Effect.for_item(item).get(handler="workflow.notify")

        assert effects.run(notify.pk) == "done"
        assert mail.outbox == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_an_effect_being_run_elsewhere_is_skipped_not_run_twice(recorder, make_notice):
    effect = effect_for(make_notice())
    locked, release = threading.Event(), threading.Event()

    def another_worker():
        try:
            with transaction.atomic():
                Effect.objects.select_for_update().get(pk=effect.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=another_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert effects.run(effect.pk) == "skipped"
        assert effects.due_effect_ids() == [effect.pk]
    finally:
        release.set()
        thread.join()
    assert recorder.calls == []
    assert effects.run(effect.pk) == "done"
