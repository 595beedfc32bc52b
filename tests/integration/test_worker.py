"""The publishing side effects with a real Celery worker process (prefork pool,
embedded beat) against Redis and PostgreSQL, and a real SMTP conversation.

The worker is another process: it cannot share the tests' transaction (hence
``transactional_db``) nor their frozen clock. Where the tests need time to
pass they move an item's schedule and its effects' ``due_at`` in the
database (moving the schedule, not the clock), and they wait for conditions
(a log line, a row's state) with a deadline, never for the clock.
"""

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicacio import pagecache
from comunicacio.publishing import workflow
from comunicacio.publishing.models import Effect
from tests.support.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    # Kept together where xdist honours it; they are safe apart too (a Redis
    # database per xdist process, see conftest.worker_redis_url).
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL): "
        "the row lock recovery and the Redis broker are what is tested",
    ),
]

# Beat runs the one outbox sweeper; its result says whether it started each
# outbox's drain ("effects=1 press=0 social=0").
SWEEP_DONE = r"comunicacio\.outbox\.sweep\[[^\]]+\] succeeded in [\d.e-]+s: '[^']*\beffects="
SWEEP_FOUND_NOTHING = SWEEP_DONE + r"0\b"
# The effects outbox's drain, which the sweeper starts.
EFFECTS_DRAINED = r"sweep_effects\[[^\]]+\] succeeded in [\d.e-]+s: [1-9]"
RUN_EFFECT_RECEIVED = r"Task comunicacio\.publishing\.tasks\.run_effect\[[^\]]+\] received"


# The foundation's own effects; other apps' handlers (social posts, press
# mailings) run beside them and have their own worker tests.
FOUNDATION_HANDLERS = ("cache.purge", "workflow.notify")


def effects_of(item) -> dict[str, Effect]:
    # The publication's effects (the author's email among them when someone
    # else published it), not the notifications of other transitions.
    rows = Effect.for_item(item).filter(handler__in=FOUNDATION_HANDLERS, key__startswith="published:")
    return {effect.handler: effect for effect in rows}


def all_done(item) -> bool:
    found = effects_of(item)
    return "cache.purge" in found and all(effect.state == Effect.State.DONE for effect in found.values())


def is_locked(effect: Effect) -> bool:
    """Whether another transaction (a worker running it) holds the row."""
    with transaction.atomic():
        return not Effect.objects.select_for_update(skip_locked=True).filter(pk=effect.pk).exists()


def parked_messages(broker) -> list[tuple[str, str]]:
    """(task, args) of messages the Redis transport delivered and is waiting
    to see acknowledged; it redelivers them only after the visibility timeout."""
    parked = []
    for raw in broker.hgetall("unacked").values():
        headers = json.loads(raw)[0]["headers"]
        parked.append((headers["task"], headers["argsrepr"]))
    return parked


def let_sweeps_pass(worker, count: int = 2) -> None:
    """Wait until the sweeper has run ``count`` more times."""
    seen = worker.count(SWEEP_DONE)
    wait_for(lambda: worker.count(SWEEP_DONE) >= seen + count, 10, "the sweeper to run again")


def test_publish_now_emails_the_author_once_and_purges_the_public_pages(
    celery_workers, smtp_sink, make_notice, superuser
):
    smtp_sink.start()
    item = make_notice(title="Tall d'aigua a la plaça de l'Església")
    generation_before, _ = pagecache.current_generation()
    worker = celery_workers()

    workflow.perform(item, "publish", superuser)

    wait_for(lambda: all_done(item), 20, "both effects done")
    found = effects_of(item)
    assert [(found[name].state, found[name].attempts) for name in ("cache.purge", "workflow.notify")] == [
        ("done", 1),
        ("done", 1),
    ]
    assert len(smtp_sink.delivered) == 1
    message = smtp_sink.delivered[0]
    assert message["To"] == "autora@ajuntament.example"
    # Django folds a long encoded subject onto a continuation line, which
    # Python's parser keeps as leading whitespace (mail clients drop it).
    assert message["Subject"].strip() == "Publicat: Tall d'aigua a la plaça de l'Església"
    assert message["Message-ID"] == f"<effect-{found['workflow.notify'].pk}@ajuntament.example>"
    assert item.get_absolute_url() in message.get_body(("plain",)).get_content()
    assert pagecache.current_generation()[0] != generation_before

    # The on-commit task and the sweeper both had the chance to run them
    # again: neither did.
    let_sweeps_pass(worker)
    assert len(smtp_sink.attempts) == 1
    assert [effect.attempts for effect in effects_of(item).values()] == [1, 1]
    # The on-commit enqueue reached the broker (the sweeper would have hidden
    # a failure to publish): one message per effect of the publication.
    assert worker.count(RUN_EFFECT_RECEIVED) == Effect.for_item(item).count()


def test_scheduled_item_effects_wait_for_their_moment_and_the_sweeper_runs_them_once(
    celery_workers, smtp_sink, make_notice, superuser
):
    # The worker lives in another process with the real clock, so time_machine
    # cannot move its "now". Faking the worker's clock (libfaketime) would test
    # a clock nobody runs in production, and a publication a couple of seconds
    # ahead would race the sweeps on a busy machine. Instead the item is
    # scheduled an hour ahead; once two whole sweeps have passed it over, its
    # moment is brought to now in the database (moving the schedule, not the
    # clock) and the sweeper must run each effect once, never before due_at.
    smtp_sink.start()
    worker = celery_workers()
    # Their own notice: no workflow email (publishing.notify) to anyone.
    item = make_notice()
    type(item).objects.filter(pk=item.pk).update(created_by=superuser)
    item.refresh_from_db()
    workflow.perform(item, "submit", superuser)
    workflow.perform(item, "schedule", superuser, publish_at=timezone.now() + timedelta(hours=1))
    sweeps_after_scheduling = worker.count(SWEEP_FOUND_NOTHING)

    # A sweep counted above may have begun before the commit; the next ones
    # could not, and found nothing due.
    wait_for(
        lambda: worker.count(SWEEP_FOUND_NOTHING) >= sweeps_after_scheduling + 2,
        15,
        "two sweeps that found nothing due",
    )
    assert all(
        effect.state == Effect.State.PENDING and effect.attempts == 0 for effect in effects_of(item).values()
    )
    assert smtp_sink.attempts == []

    publish_at = timezone.now()
    type(item).objects.filter(pk=item.pk).update(publish_at=publish_at)
    Effect.for_item(item).filter(state=Effect.State.PENDING).update(due_at=publish_at)
    wait_for(lambda: all_done(item), 15, "both effects done after publish_at")
    for effect in effects_of(item).values():
        assert effect.due_at == publish_at
        assert effect.done_at >= publish_at
        assert effect.attempts == 1
    assert smtp_sink.delivered == []
    # Nothing was enqueued for a future item: only the sweeper ran it.
    assert worker.count(RUN_EFFECT_RECEIVED) == 0

    let_sweeps_pass(worker)
    assert smtp_sink.attempts == []


def test_worker_killed_mid_email_neither_loses_nor_duplicates_it(
    celery_workers, smtp_sink, redis_broker, make_notice, superuser
):
    smtp_sink.start()
    smtp_sink.hold()
    # The first worker never sweeps, so the attempt it dies in is the one the
    # on-commit message started, the path whose message Redis then parks.
    first = celery_workers(sweep_seconds=3600)
    item = make_notice()

    workflow.perform(item, "publish", superuser)
    effect_count = Effect.for_item(item).count()

    wait_for(lambda: smtp_sink.attempts, 20, "the email to reach DATA")
    notify = effects_of(item)["workflow.notify"]
    assert smtp_sink.attempts[0].outcome == "waiting"
    assert is_locked(notify)
    assert ("comunicacio.publishing.tasks.run_effect", f"({notify.pk},)") in parked_messages(redis_broker)

    first.kill()

    # PostgreSQL saw the connection drop and rolled the attempt back.
    wait_for(lambda: not is_locked(notify), 10, "the row lock to be released")
    notify.refresh_from_db()
    assert (notify.state, notify.attempts) == (Effect.State.PENDING, 0)
    smtp_sink.release()
    wait_for(lambda: smtp_sink.attempts[0].outcome != "waiting", 5, "the sink to see the sender gone")
    assert smtp_sink.attempts[0].outcome == "abandoned"
    assert smtp_sink.delivered == []

    second = celery_workers()

    wait_for(lambda: all_done(item), 20, "the email effect to be recovered")
    # Recovery came from the sweeper: the dead worker's message is still
    # parked in Redis (visibility timeout) and was never redelivered. The
    # second worker only received the messages the first never took (the
    # other apps' effects, queued behind the email).
    # (The email is enqueued on its own, before the other effects.)
    assert second.count(RUN_EFFECT_RECEIVED) == effect_count - 1
    assert re.search(SWEEP_DONE + r"1", second.log())
    assert re.search(EFFECTS_DRAINED, second.log())
    assert ("comunicacio.publishing.tasks.run_effect", f"({notify.pk},)") in parked_messages(redis_broker)
    assert len(smtp_sink.delivered) == 1
    assert smtp_sink.delivered[0]["Message-ID"] == smtp_sink.attempts[0].message["Message-ID"]
    assert Effect.for_item(item).count() == effect_count
    notify.refresh_from_db()
    assert notify.attempts == 1

    let_sweeps_pass(second)
    assert len(smtp_sink.delivered) == 1


def test_refused_email_is_retried_with_growing_backoff_until_the_server_accepts_it(
    celery_workers, smtp_sink, make_notice, superuser
):
    # The sink is not started yet: nothing listens on the worker's SMTP port.
    celery_workers()
    item = make_notice()

    workflow.perform(item, "publish", superuser)
    first_due = effects_of(item)["workflow.notify"].due_at

    wait_for(lambda: effects_of(item)["workflow.notify"].attempts == 1, 20, "a first, failed attempt")
    notify = effects_of(item)["workflow.notify"]
    assert notify.state == Effect.State.PENDING
    assert "ConnectionRefusedError" in notify.last_error
    assert timedelta(seconds=15) <= notify.due_at - first_due
    assert notify.due_at <= timezone.now() + timedelta(seconds=30)
    wait_for(lambda: effects_of(item)["cache.purge"].state == Effect.State.DONE, 10, "the purge done")

    smtp_sink.refusal = "451 4.3.0 Mailbox temporarily unavailable"
    smtp_sink.start()
    moved_at = timezone.now()
    Effect.objects.filter(pk=notify.pk).update(due_at=moved_at)

    wait_for(lambda: effects_of(item)["workflow.notify"].attempts == 2, 20, "a second, refused attempt")
    notify = effects_of(item)["workflow.notify"]
    assert notify.state == Effect.State.PENDING
    assert "451" in notify.last_error
    assert timedelta(seconds=30) <= notify.due_at - moved_at
    assert notify.due_at <= timezone.now() + timedelta(seconds=60)
    assert smtp_sink.delivered == []

    smtp_sink.refusal = None
    Effect.objects.filter(pk=notify.pk).update(due_at=timezone.now())

    wait_for(lambda: effects_of(item)["workflow.notify"].state == Effect.State.DONE, 20, "the email sent")
    notify = effects_of(item)["workflow.notify"]
    assert (notify.attempts, notify.last_error) == (3, "")
    assert [attempt.outcome for attempt in smtp_sink.attempts] == ["rejected", "accepted"]
    assert len({attempt.message["Message-ID"] for attempt in smtp_sink.attempts}) == 1
