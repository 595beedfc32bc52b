"""Celery entry points of the agenda."""

from celery import shared_task

from . import recurrence


@shared_task(name="agenda.tasks.extend_horizon")
def extend_horizon() -> dict:
    """Daily (beat): materialise the occurrences of running series that
    entered the AGENDA_HORIZON_DAYS window."""
    return recurrence.extend_horizon()
