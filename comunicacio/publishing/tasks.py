"""Celery entry points of the publishing side effects (see ``effects``)."""

import time

from celery import shared_task
from django.conf import settings

from . import effects

# A handler stuck on a dead peer keeps the effect's row locked: the hard limit
# kills that pool process, the database rolls its transaction back and the
# sweeper runs the effect again.
LEASE = settings.PUBLISHING_EFFECT_LEASE_SECONDS


@shared_task(
    name="comunicacio.publishing.tasks.run_effect",
    acks_late=True,
    soft_time_limit=LEASE,
    time_limit=LEASE + 30,
)
def run_effect(effect_id: int) -> str:
    return effects.run(effect_id)


@shared_task(
    name="comunicacio.publishing.tasks.sweep_effects",
    soft_time_limit=LEASE,
    time_limit=LEASE + 30,
)
def sweep_effects() -> int:
    """The effects outbox's drain, started by the shared sweeper
    (``comunicacio.outbox.sweep``) when effects are due: run every effect that
    is due: scheduled publications, retries after backoff, and anything a dead
    worker or a lost message left behind.

    Effects run one after another, each in its own transaction, and the sweep
    stops taking new ones after half the lease so a long backlog is worked off
    by successive sweeps instead of hitting the time limit."""
    deadline = time.monotonic() + LEASE / 2
    ran = 0
    for effect_id in effects.due_effect_ids():
        if time.monotonic() > deadline:
            break
        if effects.run(effect_id) != "skipped":
            ran += 1
    return ran
