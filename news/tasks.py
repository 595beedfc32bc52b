"""Celery entry points of the press mailing (see ``news.press.sending``).
The task names are kept: messages already queued under them still run."""

import time

from celery import shared_task
from django.conf import settings

from .press import sending as press_sending
from .press.models import PressDelivery

# A batch stuck on a dead SMTP peer keeps one delivery locked: the hard limit
# kills that pool process and the database rolls the delivery back to pending.
LEASE = settings.PUBLISHING_EFFECT_LEASE_SECONDS


@shared_task(name="news.tasks.send_press_batch", acks_late=True, soft_time_limit=LEASE, time_limit=LEASE + 30)
def send_press_batch() -> int:
    """Send one batch, then enqueue the next with a countdown that keeps the
    configured rate, while deliveries are due."""
    started = time.monotonic()
    result = press_sending.send_batch()
    if not result.stopped and PressDelivery.objects.due().exists():
        countdown = press_sending.next_batch_countdown(result.attempted, time.monotonic() - started)
        press_sending.enqueue_batch(countdown=countdown)
    return result.sent


@shared_task(name="news.tasks.resume_press_deliveries", soft_time_limit=LEASE, time_limit=LEASE + 30)
def resume_press_deliveries() -> int:
    """The press outbox's drain, started by the shared sweeper: restart the
    chain of batches when due deliveries wait and no batch has attempted
    anything for a while (a worker died mid-batch, the broker lost the
    message, or a retry's backoff has passed)."""
    if not press_sending.needs_resume():
        return 0
    return send_press_batch()
