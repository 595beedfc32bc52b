"""Telling a proposer what was decided, exactly once.

Approving or rejecting a proposal records a ``ProposalNotice`` row in the
same transaction as the decision (unique per proposal and decision, so a
second click or a retry records nothing new); once committed, a Celery task
sends it. The sender holds the row's lock (``SELECT ... FOR UPDATE SKIP
LOCKED``) while it talks to the mail server and marks the row sent in the
same transaction, as the publishing effects do: a worker killed mid-send
rolls back and the row is due again, two workers never send the same row,
and the stable Message-ID (``<proposta-<pk>@domain>``) lets mail systems
drop the copy in the one window left (after the server's 250, before our
COMMIT). A failure is retried with the shared backoff; the shared beat
sweeper (``comunicacio.outbox``) starts the drain when rows are due, so a
lost message or a broker outage loses nothing.
"""

import logging

from django.conf import settings
from django.db import transaction

from comunicacio import outbox
from comunicacio.mail import compose
from comunicacio.mail.smtp import classify

from .models import EventProposal, NoticeKind, ProposalNotice

logger = logging.getLogger(__name__)

TEMPLATES = {
    NoticeKind.APPROVED: "emails/event_proposal_approved",
    NoticeKind.REJECTED: "emails/event_proposal_rejected",
}


def record(proposal: EventProposal, kind: str) -> ProposalNotice | None:
    """Record the notice of ``kind`` for ``proposal`` (inside the decision's
    transaction) and send it once that commits. None if it exists already."""
    notice, created = ProposalNotice.objects.get_or_create(
        proposal=proposal, kind=kind, defaults={"email": proposal.email}
    )
    if not created:
        return None
    transaction.on_commit(lambda: enqueue([notice.pk]))
    return notice


def enqueue(notice_ids: list[int]) -> None:
    from agenda.tasks import send_proposal_notice

    for pk in notice_ids:
        try:
            send_proposal_notice.delay(pk)
        except Exception:  # broker down: the sweeper will pick it up
            logger.warning("Could not enqueue proposal notice %s; the sweeper will send it", pk)


def due(now=None):
    return ProposalNotice.objects.due(now)


def send(pk: int) -> str:
    """Send one due notice if nobody else is: ``sent``, ``failed`` (will be
    retried, or refused for good) or ``skipped``."""
    with transaction.atomic():
        notice = (
            due()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("proposal")
            .filter(pk=pk)
            .first()
        )
        if notice is None:
            return "skipped"
        proposal = notice.proposal
        context = {
            "proposal": proposal,
            "council": settings.COUNCIL_NAME,
            "contact": settings.PRESS_CONTACT,
        }
        try:
            compose(
                TEMPLATES[notice.kind],
                context,
                to=[notice.email],
                language=settings.LANGUAGE_CODE,
                message_id=notice.stable_message_id,
            ).send()
        except Exception as exc:
            logger.warning("Proposal notice %s not sent: %s", pk, exc)
            notice.mark_failed(classify(exc))
            return "failed"
        notice.mark_sent()
        return "sent"


def send_due(limit: int = 200) -> int:
    """Send what is due (the drain the sweeper starts). Returns how many went."""
    ids = list(due().order_by("due_at").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if send(pk) == "sent")


outbox.register(
    "proposal notices",
    model=ProposalNotice,
    strategy=outbox.LOCK,
    drain="agenda.tasks.send_due_proposal_notices",
    interval=lambda: settings.PUBLISHING_SWEEP_SECONDS,
    due=lambda now: due(now),
)
