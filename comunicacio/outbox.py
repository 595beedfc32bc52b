"""Durable delivery rows and the one sweeper beat runs for all of them.

An *outbox* is a table of things to deliver to the outside world (a
publishing side effect, a social post, a press email to one journalist; later
bulletins and intranet reminders): each row carries its state, when it is due,
how many attempts it took and the last error. Rows are the source of truth;
Celery messages only say "look now", so a lost message loses nothing.

Each outbox keeps the strategy its guarantee was proven with (this module does
not impose one):

* ``LOCK``: the worker holds the row's lock (``SELECT ... FOR UPDATE SKIP
  LOCKED``) while it talks to the outside world and records the outcome in the
  same transaction; a dead worker's transaction rolls back and the row is due
  again (publishing effects; press emails, one lock per message);
* ``LEASE``: the worker claims the row (``state=sending``, ``lease_until``)
  in a short transaction and records the outcome in another; a row whose
  lease ran out is due again (social posts, whose network calls are too slow
  and too many to hold a lock across).

Apps declare their outbox from code with ``register(...)``: which model, how
to find its due rows, the Celery task that works them off (its *drain*) and how
often beat should look. Beat runs one task, ``comunicacio.outbox.sweep``, which
asks every registered outbox whether it has work and enqueues that outbox's
drain when it does, so a slow machine (a social network timing out) never
holds up another (a scheduled publication's cache purge).
"""

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app, shared_task
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

LOCK = "lock"
LEASE = "lease"


def backoff(attempts: int) -> timedelta:
    """Exponential backoff (30 s, 1 min, 2 min... capped at one hour) with
    jitter over the upper half, so failures that happened together (an SMTP
    server that was down) do not all come back in the same second."""
    ceiling = min(3600, 30 * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


class OutboxRow(models.Model):
    """The fields every durable delivery row has. Subclasses redeclare
    ``state`` with their own choices and default."""

    state = models.CharField(_("estat"), max_length=16)
    due_at = models.DateTimeField(_("previst"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("intents"), default=0)
    last_error = models.TextField(_("darrer error"), blank=True)

    class Meta:
        abstract = True


class LeasedOutboxRow(OutboxRow):
    """A row claimed for a while rather than locked: due again once
    ``lease_until`` passed with the row still being sent."""

    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Outbox:
    name: str
    model: type[models.Model]
    strategy: str
    # The Celery task (by name) that works off the due rows.
    drain: str
    # Seconds between sweeps (read at beat start, so settings apply).
    interval: Callable[[], float]
    # The rows that should be attempted at ``now``.
    due: Callable[[datetime], models.QuerySet]
    # Whether the drain must be started; defaults to "some row is due".
    # (The press mailing chains its own batches: only a stalled chain needs it.)
    needs_drain: Callable[[datetime], bool] | None = None

    def has_work(self, now: datetime) -> bool:
        if self.needs_drain is not None:
            return self.needs_drain(now)
        return self.due(now).exists()


_outboxes: dict[str, Outbox] = {}


def register(
    name: str,
    *,
    model: type[models.Model],
    strategy: str,
    drain: str,
    interval: Callable[[], float],
    due: Callable[[datetime], models.QuerySet],
    needs_drain: Callable[[datetime], bool] | None = None,
) -> Outbox:
    if strategy not in (LOCK, LEASE):
        raise ValueError(f"Unknown outbox strategy {strategy!r}")
    outbox = Outbox(name, model, strategy, drain, interval, due, needs_drain)
    _outboxes[name] = outbox
    return outbox


def outboxes(names: list[str] | tuple[str, ...] | None = None) -> list[Outbox]:
    if names is None:
        return list(_outboxes.values())
    return [_outboxes[name] for name in names if name in _outboxes]


def get(name: str) -> Outbox | None:
    return _outboxes.get(name)


def beat_entries() -> list[tuple[float, tuple[str, ...]]]:
    """(interval, outbox names) for each distinct interval: beat runs the
    sweeper once per entry, so every outbox keeps its own setting."""
    from django.apps import apps

    if not apps.ready:  # a beat process started before Django
        import django

        django.setup()
    groups: dict[float, list[str]] = {}
    for outbox in _outboxes.values():
        groups.setdefault(float(outbox.interval()), []).append(outbox.name)
    return sorted((interval, tuple(sorted(names))) for interval, names in groups.items())


def sweep_now(names=None, now: datetime | None = None) -> dict[str, bool]:
    """Ask each outbox for due rows and start the drain of those that have
    some. Returns {outbox name: whether its drain was started}."""
    now = now or timezone.now()
    started: dict[str, bool] = {}
    for outbox in outboxes(names):
        try:
            work = outbox.has_work(now)
            if work:
                # Superseded by the next sweep if it waited longer than one
                # interval (busy or stopped workers): no pile-up in the queue.
                current_app.signature(outbox.drain).apply_async(expires=outbox.interval())
        except Exception:  # one broken outbox must not stop the others
            logger.exception("Sweeping the %s outbox failed", outbox.name)
            work = False
        started[outbox.name] = work
    return started


@shared_task(name="comunicacio.outbox.sweep", soft_time_limit=60, time_limit=90)
def sweep(names=None) -> str:
    """Beat's one sweeper. Its result ("effects=0 press=1") says which drains
    it started."""
    return " ".join(f"{name}={int(work)}" for name, work in sweep_now(names).items())
