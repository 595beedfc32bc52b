"""The pace of a mailing: at most its rate per minute on average, in batches,
with no long ETA ever (the next batch is enqueued with a short countdown; the
sweeper restarts a chain that stopped)."""

from datetime import datetime, timedelta

from django.utils import timezone

from .mailings import Mailing


def seconds_per_message(mailing: Mailing) -> float:
    return 60.0 / max(mailing.rate_per_minute(), 1)


def next_batch_countdown(mailing: Mailing, attempted: int, elapsed: float) -> float:
    """How long to wait before the next batch so that the average rate stays
    under the limit (never more than one batch's worth of time)."""
    return max(0.0, attempted * seconds_per_message(mailing) - elapsed)


def stale_after(mailing: Mailing) -> timedelta:
    """A chain of batches that has not attempted anything for this long has
    stopped (a crash, or it ended before a retry fell due)."""
    batch_period = mailing.batch_size() * seconds_per_message(mailing)
    return timedelta(seconds=max(2 * mailing.sweep_seconds(), 3 * batch_period, 1.0))


def needs_resume(mailing: Mailing, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    deliveries = mailing.model.objects
    if not deliveries.due(now).exists():
        return False
    return not deliveries.filter(last_attempt_at__gt=now - stale_after(mailing)).exists()
