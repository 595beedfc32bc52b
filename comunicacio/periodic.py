"""Periodic jobs that apps declare from their hooks.py, so that a new app's
nightly or hourly work needs no edit of the Celery app (``config/celery.py``
asks this registry when beat starts). Outbox sweeps are declared apart,
with their rows (``comunicacio.outbox``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str  # shown in beat's log
    task: str  # the Celery task's explicit name
    every_seconds: float
    # A run that waited this long in the queue (workers busy or down) is
    # dropped: the next one does the same work.
    expires: float | None = None


_jobs: dict[str, Job] = {}


def register(name: str, task: str, every_seconds: float, expires: float | None = None) -> Job:
    job = Job(name, task, every_seconds, expires)
    _jobs[name] = job
    return job


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)
