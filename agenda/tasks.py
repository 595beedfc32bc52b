"""Celery entry points of the agenda."""

from celery import shared_task

from . import actions


@shared_task(name="agenda.tasks.extend_horizon")
def extend_horizon() -> dict:
    """Daily (beat): materialise the occurrences of running series that
    entered the AGENDA_HORIZON_DAYS window."""
    return actions.extend_horizon()
