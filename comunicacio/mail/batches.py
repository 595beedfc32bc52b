"""Sending a mailing's due deliveries in batches over one SMTP connection.

Delivery guarantee (the same as ``comunicacio.publishing.effects.run``)
----------------------------------------------------------------------
A batch takes deliveries one at a time with ``SELECT ... FOR UPDATE SKIP
LOCKED``, sends each over the batch's single SMTP connection while holding its
row lock, and marks it in that same transaction, committed before the next one
is taken. A worker killed mid-batch loses nothing (the message in flight is
rolled back to ``pending`` and sent again by the next batch or the sweeper)
and repeats nothing that was committed. The one duplicate window is between the
SMTP server's ``250`` and our COMMIT; the copy then carries the same
``Message-ID`` (``<kind-<pk>@domain>``). Two batches never send the same
delivery: the second one skips locked rows.

Failures (``smtp.classify``): a permanent refusal (5xx) marks the delivery
``refused`` with the server's reason; a temporary one (4xx, a connection
problem) retries it later with exponential backoff, up to the mailing's
maximum attempts (then ``failed``). A connection the server closed ends the
batch.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .mailings import Mailing
from .smtp import classify

logger = logging.getLogger(__name__)


@dataclass
class BatchResult:
    sent: int = 0
    refused: int = 0
    retried: int = 0
    skipped: int = 0
    # Why the batch ended before its size (the SMTP server went away).
    stopped: str = ""

    @property
    def attempted(self) -> int:
        return self.sent + self.refused + self.retried


def send_batch(mailing: Mailing, limit: int | None = None) -> BatchResult:
    """Send up to ``limit`` due deliveries of ``mailing`` over one SMTP
    connection."""
    limit = limit or mailing.batch_size()
    result = BatchResult()
    connection = get_connection(fail_silently=False)
    opened = False
    try:
        for _ in range(limit):
            # One transaction per message: the failure or success of each is
            # committed before the next one is taken.
            with transaction.atomic():
                delivery = (
                    mailing.model.objects.select_for_update(skip_locked=True, of=("self",))
                    .due()
                    .select_related(*mailing.select_related)
                    .order_by("due_at", "pk")
                    .first()
                )
                if delivery is None:
                    break
                if not opened:
                    try:
                        connection.open()
                        opened = True
                    except Exception as exc:
                        _failed(mailing, delivery, exc, result)
                        result.stopped = delivery.last_error
                if opened:
                    result.stopped = _send_one(mailing, delivery, connection, result)
            if result.stopped:
                break
    finally:
        if opened:
            try:
                connection.close()
            except Exception:  # the server already went away
                logger.debug("SMTP connection close failed", exc_info=True)
    mailing.after_batch()
    return result


def _send_one(mailing: Mailing, delivery, connection, result: BatchResult) -> str:
    """Send one claimed delivery and record the outcome in the caller's
    transaction (which holds its row lock). Returns why the batch must stop
    (the connection is unusable), or an empty string."""
    now = timezone.now()
    hold = mailing.hold(delivery, now)
    if hold is not None:
        if hold.until is not None:
            delivery.postpone(hold.until)
        else:
            delivery.mark_skipped(hold.reason)
        result.skipped += 1
        return ""
    try:
        message = mailing.build_message(delivery, now=now, connection=connection)
        connection.send_messages([message])
    except Exception as exc:
        return delivery.last_error if _failed(mailing, delivery, exc, result) else ""
    delivery.mark_sent()
    result.sent += 1
    return ""


def _failed(mailing: Mailing, delivery, exc: Exception, result: BatchResult) -> bool:
    """Record a failed attempt; returns whether the connection is unusable."""
    verdict = classify(exc)
    if not isinstance(exc, smtplib.SMTPException | OSError):
        logger.exception("%s delivery %s could not be sent", mailing.name, delivery.pk)
    state = delivery.mark_failed(verdict, mailing.max_attempts())
    if state == delivery.State.PENDING:
        result.retried += 1
    else:
        result.refused += 1
    return verdict.connection_lost
