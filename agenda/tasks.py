"""Celery entry points of the agenda."""

from celery import shared_task

from . import actions


@shared_task(name="agenda.tasks.extend_horizon")
def extend_horizon() -> dict:
    """Daily (beat): materialise the occurrences of running series that
    entered the AGENDA_HORIZON_DAYS window."""
    return actions.extend_horizon()


@shared_task(name="agenda.tasks.send_proposal_notice", acks_late=True)
def send_proposal_notice(pk: int) -> str:
    """Send one proposer's approval or rejection email (recorded with the
    decision; see ``agenda.proposals.notices``)."""
    from .proposals import notices

    return notices.send(pk)


@shared_task(name="agenda.tasks.send_due_proposal_notices", soft_time_limit=300, time_limit=360)
def send_due_proposal_notices() -> int:
    """The drain the outbox sweeper starts when proposer emails are due
    (retries, and any whose message was lost)."""
    from .proposals import notices

    return notices.send_due()
