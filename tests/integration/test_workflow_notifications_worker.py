"""Workflow notifications with a real Celery worker, Redis, PostgreSQL and a
real SMTP conversation: a worker killed while emailing one of several
recipients of a transition; every recipient ends with exactly one message."""

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicacio.publishing import effects, notify, workflow
from comunicacio.publishing.models import Effect
from tests.factories import make_user
from tests.support.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL): row locks and the Redis broker",
    ),
]


def emails(item) -> list[Effect]:
    return list(Effect.for_item(item).filter(handler=notify.HANDLER).order_by("pk"))


def delivered_to(sink, address: str) -> int:
    return sum(1 for message in sink.delivered if message["To"] == address)


def test_a_worker_killed_mid_send_repeats_only_the_unsent_email(
    celery_workers, smtp_sink, make_notice, author
):
    smtp_sink.start()
    first_publisher, second_publisher = make_user("publisher"), make_user("publisher")
    editor = make_user("editor")
    item = make_notice(title="Festa major")
    # The first worker never sweeps: it only runs what the commit enqueued.
    first = celery_workers(sweep_seconds=3600)

    with transaction.atomic():
        transition = workflow.perform(item, "submit", editor, comment="Per a dijous")
        # The second email is not due yet when the commit enqueues both: the
        # worker sends the first and skips the second.
        held_back = Effect.for_item(item).get(key=f"notify:{transition.pk}:{second_publisher.pk}")
        Effect.objects.filter(pk=held_back.pk).update(due_at=timezone.now() + timezone.timedelta(hours=1))

    wait_for(lambda: delivered_to(smtp_sink, first_publisher.email) == 1, 20, "the first email delivered")
    sent = Effect.objects.get(key=f"notify:{transition.pk}:{first_publisher.pk}")
    # Accepted by the server just before the worker commits the row.
    wait_for(
        lambda: Effect.objects.get(pk=sent.pk).state == Effect.State.DONE, 10, "the first email recorded"
    )
    sent.refresh_from_db()
    assert sent.attempts == 1

    # The second email reaches DATA, and the worker dies before the answer.
    smtp_sink.hold()
    Effect.objects.filter(pk=held_back.pk).update(due_at=timezone.now())
    effects.enqueue([held_back.pk])
    wait_for(lambda: any(a.outcome == "waiting" for a in smtp_sink.attempts), 20, "the second email at DATA")
    first.kill()
    smtp_sink.release()
    wait_for(lambda: all(a.outcome != "waiting" for a in smtp_sink.attempts), 10, "the sink to see it gone")
    held_back.refresh_from_db()
    wait_for(
        lambda: Effect.objects.get(pk=held_back.pk).state == Effect.State.PENDING,
        10,
        "the attempt rolled back",
    )
    assert delivered_to(smtp_sink, second_publisher.email) == 0

    second = celery_workers()
    wait_for(
        lambda: Effect.objects.get(pk=held_back.pk).state == Effect.State.DONE, 20, "the sweeper's retry"
    )
    # Let more sweeps pass: nothing is sent again.
    seen = second.count(r"comunicacio\.outbox\.sweep\[[^\]]+\] succeeded")
    wait_for(
        lambda: second.count(r"comunicacio\.outbox\.sweep\[[^\]]+\] succeeded") >= seen + 2, 10, "sweeps"
    )

    assert delivered_to(smtp_sink, first_publisher.email) == 1
    assert delivered_to(smtp_sink, second_publisher.email) == 1
    assert len(smtp_sink.delivered) == 2
    retried = [a for a in smtp_sink.attempts if second_publisher.email in a.recipients]
    # The killed attempt and its retry carry the same Message-ID.
    assert len({attempt.message["Message-ID"] for attempt in retried}) == 1
    assert [effect.state for effect in emails(item)] == [Effect.State.DONE, Effect.State.DONE]
