"""Sending a press note to the media.

Publishing a press note records the ``press.distribute`` side effect. It runs
as soon as the note is published and its publish time has passed, *even while
an embargo still hides it from the public* (``wait_for_embargo=False``):
journalists must have the note before the embargo lifts. It creates one
``PressDelivery`` per journalist on the chosen lists (each journalist once,
however many lists they are on; unsubscribed ones recorded as skipped), and
sending happens in batches (``news.tasks.send_press_batch``).

Delivery guarantee (the same as ``comunicacio.publishing.effects.run``)
----------------------------------------------------------------------
A batch takes deliveries one at a time with ``SELECT ... FOR UPDATE SKIP
LOCKED``, sends each over the batch's single SMTP connection while holding its
row lock, and marks it in that same transaction, committed before the next one
is taken. A worker killed mid-batch loses nothing (the message in flight is
rolled back to ``pending`` and sent again by the next batch or the beat
sweep) and repeats nothing that was committed. The one duplicate window is
between the SMTP server's ``250`` and our COMMIT; the copy then carries the
same ``Message-ID`` (``<press-<pk>@domain>``). Two batches never send the same
delivery: the second one skips locked rows.

Failures: a permanent refusal (5xx) marks the delivery ``refused`` with the
server's reason; a temporary one (4xx, a connection problem) retries it later
with exponential backoff, up to ``PUBLISHING_MAX_ATTEMPTS`` (then ``failed``).

Rate: a batch sends at most ``PRESS_BATCH_SIZE`` messages, and the next batch
is enqueued with a short countdown so that the average stays under
``PRESS_SEND_RATE_PER_MINUTE``. No long ETA is ever used; the beat entry
``resume_press_deliveries`` restarts the chain when it stopped (a crash, a
retry that fell due).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comunicacio import roles
from comunicacio.publishing import effects, workflow
from comunicacio.publishing.models import Effect, Status

from .media_relations import MediaContact, PressDelivery, PressDistribution
from .press_mail import build_message

logger = logging.getLogger(__name__)


# --- the side effect ----------------------------------------------------------------
@effects.register("press.distribute", events={effects.PUBLISHED}, wait_for_embargo=False, public=True)
def distribute_press_note(item, effect) -> None:
    from .models import Kind, NewsItem

    if not isinstance(item, NewsItem) or item.kind != Kind.PRESS_NOTE:
        return
    distribution = PressDistribution.objects.filter(news=item).first()
    if distribution is None:
        return
    if create_deliveries(distribution):
        transaction.on_commit(enqueue_batch)


def create_deliveries(distribution: PressDistribution, now: datetime | None = None) -> int:
    """One delivery per contact on the distribution's lists, once (rows that
    exist are left alone: a republished note is not sent twice). Returns how
    many will be sent."""
    now = now or timezone.now()
    contacts = (
        MediaContact.objects.filter(lists__pressdistribution=distribution)
        .values_list("pk", "email", "unsubscribed_at")
        .distinct()
    )
    rows = [
        PressDelivery(
            distribution=distribution,
            contact_id=pk,
            email=email,
            due_at=now,
            state=PressDelivery.State.PENDING if unsubscribed_at is None else PressDelivery.State.SKIPPED,
            last_error="" if unsubscribed_at is None else "Unsubscribed.",
        )
        for pk, email, unsubscribed_at in contacts
    ]
    PressDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    pending = distribution.deliveries.filter(state=PressDelivery.State.PENDING).count()
    if pending:
        PressDistribution.objects.filter(pk=distribution.pk).exclude(
            state=PressDistribution.State.SENDING
        ).update(state=PressDistribution.State.SENDING, started_at=now, finished_at=None)
    else:
        PressDistribution.objects.filter(pk=distribution.pk).update(
            state=PressDistribution.State.DONE, finished_at=now
        )
    return pending


# --- a distribution added to a note that is already out --------------------------
# The ``press.distribute`` effect runs once per publication. Lists added after
# it ran (a distribution added to a live note, or more lists on one that was
# sent) would wait for a publication that already happened; instead, the
# publisher is asked to confirm and the added journalists are sent through the
# same deliveries (unique per distribution and journalist, so nobody who
# already had the note gets it twice, whatever runs first).
class NothingToSend(Exception):
    """The note is not out yet (publishing will send it) or nobody is new."""


def is_released(item, now: datetime | None = None) -> bool:
    """Out to the media: published and past its publish time, not expired.
    An embargo does not count: journalists get the note before it lifts."""
    now = now or timezone.now()
    return (
        item.status == Status.PUBLISHED
        and item.publish_at is not None
        and item.publish_at <= now
        and (item.expire_at is None or item.expire_at > now)
    )


def recipients_not_sent(distribution: PressDistribution) -> int:
    """Subscribed journalists on the distribution's lists who have no
    delivery of this note yet."""
    return (
        MediaContact.objects.subscribed()
        .filter(lists__pressdistribution=distribution)
        .exclude(deliveries__distribution=distribution)
        .distinct()
        .count()
    )


def awaiting_confirmation(distribution: PressDistribution, now: datetime | None = None) -> int:
    """How many journalists only the publisher's confirmation will send the
    note to (0 while publishing will still send it by itself)."""
    from .models import Kind

    item = distribution.news
    if item.kind != Kind.PRESS_NOTE or not is_released(item, now) or distribution_effect_pending(item):
        return 0
    return recipients_not_sent(distribution)


def distribution_effect_pending(item) -> bool:
    """The publication's ``press.distribute`` effect has not run yet (a busy
    worker): it will read the lists as they are when it runs."""
    return (
        Effect.for_item(item)
        .filter(handler="press.distribute", key=f"published:{item.publication}", state=Effect.State.PENDING)
        .exists()
    )


def send_to_added_recipients(distribution: PressDistribution, user, now: datetime | None = None) -> int:
    """The publisher confirmed: send a live note to the journalists added to
    its distribution. Records who confirmed on the note; the batches start
    after the commit (the beat sweep resumes them if the broker is down).
    Returns how many journalists it goes to."""
    from .models import Kind, NewsItem

    with transaction.atomic():
        item = NewsItem.objects.select_for_update().get(pk=distribution.news_id)
        if not roles.can(user, roles.PUBLISH, item):
            raise PermissionDenied
        if item.kind != Kind.PRESS_NOTE or not is_released(item, now):
            raise NothingToSend(_("La nota no és publicada: s'enviarà quan es publiqui."))
        count = recipients_not_sent(distribution)
        if not count:
            raise NothingToSend(_("No hi ha cap destinatari nou per enviar."))
        create_deliveries(distribution, now)
        workflow.note(
            item,
            user,
            "press_sent",
            ngettext(
                "Enviada als mitjans: %(count)s destinatari afegit a la distribució.",
                "Enviada als mitjans: %(count)s destinataris afegits a la distribució.",
                count,
            )
            % {"count": count},
        )
        transaction.on_commit(enqueue_batch)
    return count


def enqueue_batch(countdown: float = 0) -> None:
    from .tasks import send_press_batch

    try:
        send_press_batch.apply_async(countdown=countdown)
    except Exception:  # broker down: the beat sweep resumes the deliveries
        logger.warning("Could not enqueue a press batch; the sweep will resume it")


# --- batches ------------------------------------------------------------------------
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


def classify(exc: Exception) -> tuple[bool, bool, str]:
    """(permanent, connection unusable, reason) of an SMTP failure."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        return 500 <= code < 600, False, f"{code} {_decode(text)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # About us, not the journalist: retry, and stop sending for now.
        return False, True, f"{exc.smtp_code} {_decode(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return 500 <= code < 600, code == 421, f"{code} {_decode(exc.smtp_error)}"
    # SMTPServerDisconnected, refused connection, timeout...
    return False, True, f"{type(exc).__name__}: {exc}"


def _decode(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def send_batch(limit: int | None = None) -> BatchResult:
    """Send up to ``limit`` due deliveries over one SMTP connection."""
    limit = limit or settings.PRESS_BATCH_SIZE
    result = BatchResult()
    connection = get_connection(fail_silently=False)
    opened = False
    try:
        for _ in range(limit):
            # One transaction per message: the failure or success of each is
            # committed before the next one is taken.
            with transaction.atomic():
                delivery = (
                    PressDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .due()
                    .select_related("contact", "distribution__news")
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
                        _failed(delivery, exc, result)
                        result.stopped = delivery.last_error
                if opened:
                    result.stopped = _send_one(delivery, connection, result)
            if result.stopped:
                break
    finally:
        if opened:
            try:
                connection.close()
            except Exception:  # the server already went away
                logger.debug("SMTP connection close failed", exc_info=True)
    finish_distributions()
    return result


def _send_one(delivery: PressDelivery, connection, result: BatchResult) -> str:
    """Send one claimed delivery and record the outcome in the caller's
    transaction (which holds its row lock). Returns why the batch must stop
    (the connection is unusable), or an empty string."""
    now = timezone.now()
    item = delivery.distribution.news
    if delivery.contact.unsubscribed_at is not None:
        _mark(delivery, PressDelivery.State.SKIPPED, "Unsubscribed.")
        result.skipped += 1
        return ""
    expired = item.expire_at is not None and item.expire_at <= now
    if item.status != Status.PUBLISHED or expired:
        _mark(delivery, PressDelivery.State.SKIPPED, f"The note is no longer published ({item.status}).")
        result.skipped += 1
        return ""
    if item.publish_at is None or item.publish_at > now:
        # Rescheduled after the deliveries were created: wait for it.
        delivery.due_at = item.publish_at or now + timedelta(minutes=5)
        delivery.save(update_fields=["due_at"])
        result.skipped += 1
        return ""
    try:
        message = build_message(delivery, now=now, connection=connection)
        connection.send_messages([message])
    except Exception as exc:
        return delivery.last_error if _failed(delivery, exc, result) else ""
    delivery.state = PressDelivery.State.SENT
    delivery.attempts += 1
    delivery.sent_at = delivery.last_attempt_at = timezone.now()
    delivery.message_id = delivery.stable_message_id
    delivery.last_error = ""
    delivery.save(
        update_fields=["state", "attempts", "sent_at", "last_attempt_at", "message_id", "last_error"]
    )
    result.sent += 1
    return ""


def _failed(delivery: PressDelivery, exc: Exception, result: BatchResult) -> bool:
    """Record a failed attempt; returns whether the connection is unusable."""
    permanent, connection_lost, reason = classify(exc)
    if not isinstance(exc, smtplib.SMTPException | OSError):
        logger.exception("Press delivery %s could not be sent", delivery.pk)
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    delivery.last_error = reason[:2000]
    if permanent:
        delivery.state = PressDelivery.State.REFUSED
        result.refused += 1
    elif delivery.attempts >= settings.PUBLISHING_MAX_ATTEMPTS:
        delivery.state = PressDelivery.State.FAILED
        result.refused += 1
    else:
        delivery.due_at = timezone.now() + effects.backoff(delivery.attempts)
        result.retried += 1
    delivery.save(update_fields=["state", "attempts", "last_attempt_at", "last_error", "due_at"])
    return connection_lost


def _mark(delivery: PressDelivery, state: str, reason: str) -> None:
    delivery.state = state
    delivery.last_error = reason
    delivery.save(update_fields=["state", "last_error"])


def finish_distributions(now: datetime | None = None) -> int:
    """Distributions with nothing left to send are done."""
    pending = PressDelivery.objects.filter(distribution=OuterRef("pk"), state=PressDelivery.State.PENDING)
    return (
        PressDistribution.objects.filter(state=PressDistribution.State.SENDING)
        .exclude(Exists(pending))
        .update(state=PressDistribution.State.DONE, finished_at=now or timezone.now())
    )


# --- pace ---------------------------------------------------------------------------
def seconds_per_message() -> float:
    return 60.0 / max(settings.PRESS_SEND_RATE_PER_MINUTE, 1)


def next_batch_countdown(attempted: int, elapsed: float) -> float:
    """How long to wait before the next batch so that the average rate stays
    under the limit (never more than one batch's worth of time)."""
    return max(0.0, attempted * seconds_per_message() - elapsed)


def stale_after() -> timedelta:
    """A chain of batches that has not attempted anything for this long has
    stopped (a crash, or it ended before a retry fell due)."""
    batch_period = settings.PRESS_BATCH_SIZE * seconds_per_message()
    return timedelta(seconds=max(2 * settings.PUBLISHING_SWEEP_SECONDS, 3 * batch_period, 1.0))


def needs_resume(now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not PressDelivery.objects.due(now).exists():
        return False
    return not PressDelivery.objects.filter(last_attempt_at__gt=now - stale_after()).exists()
