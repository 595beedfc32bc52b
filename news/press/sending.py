"""Sending a press note to the media: the press mailing, the first user of
the mail building block (``comunicacio.mail``).

Publishing a press note records the ``press.distribute`` side effect. It runs
as soon as the note is published and its publish time has passed, *even while
an embargo still hides it from the public* (``wait_for_embargo=False``):
journalists must have the note before the embargo lifts. It creates one
``PressDelivery`` per journalist on the chosen lists (each journalist once,
however many lists they are on; unsubscribed ones recorded as skipped), and
sending happens in batches (``news.tasks.send_press_batch``) by
``comunicacio.mail.batches``, whose docstring states the delivery guarantee
(one row lock per message, held while it is sent).

Rate: a batch sends at most ``PRESS_BATCH_SIZE`` messages, and the next batch
is enqueued with a short countdown so that the average stays under
``PRESS_SEND_RATE_PER_MINUTE`` (both default to the generic ``MAIL_*``
settings). No long ETA is ever used; the shared outbox sweeper starts
``news.tasks.resume_press_deliveries`` when the chain stopped (a crash, a
retry that fell due).

What confirming a mailing to journalists added later does is the action
``news.actions.send_press_note``.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from comunicacio import outbox
from comunicacio.mail import batches, mailings, pacing
from comunicacio.mail.mailings import Hold, Mailing
from comunicacio.publishing import effects
from comunicacio.publishing.models import Effect, Status

from .mail import build_message, press_address
from .models import MediaContact, PressDelivery, PressDistribution

logger = logging.getLogger(__name__)


# --- the side effect ----------------------------------------------------------------
@effects.register("press.distribute", events={effects.PUBLISHED}, wait_for_embargo=False, public=True)
def distribute_press_note(item, effect) -> None:
    from ..models import Kind, NewsItem

    if not isinstance(item, NewsItem) or item.kind != Kind.PRESS_NOTE:
        return
    distribution = PressDistribution.objects.filter(news=item).first()
    if distribution is None:
        return
    if create_deliveries(distribution):
        transaction.on_commit(enqueue_batch)


@effects.register("press.cancel", events={effects.WITHDRAWN}, public=True)
def cancel_unsent_deliveries(item, effect) -> None:
    """The note was withdrawn: deliveries not sent yet never will be
    (recorded as skipped; a batch would also hold them at sending time)."""
    cancelled = PressDelivery.objects.filter(distribution__news_id=item.pk).skip_pending(WITHDRAWN_REASON)
    if cancelled:
        finish_distributions()


WITHDRAWN_REASON = "Cancelled: the note was withdrawn."


def unsent_deliveries(item) -> int:
    """Deliveries of ``item`` waiting to be sent (what withdrawing cancels)."""
    return PressDelivery.objects.filter(
        distribution__news_id=item.pk, state=PressDelivery.State.PENDING
    ).count()


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
        PressDelivery.initial(
            subscribed=unsubscribed_at is None,
            distribution=distribution,
            contact_id=pk,
            email=email,
            due_at=now,
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
# already had the note gets it twice, whatever runs first): the action
# ``news.actions.send_press_note``.
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


def contacts_not_sent(distribution: PressDistribution):
    """Subscribed journalists on the distribution's lists who have no
    delivery of this note yet (a queryset)."""
    return (
        MediaContact.objects.subscribed()
        .filter(lists__pressdistribution=distribution)
        .exclude(deliveries__distribution=distribution)
        .distinct()
    )


def recipients_not_sent(distribution: PressDistribution) -> int:
    return contacts_not_sent(distribution).count()


def awaiting_confirmation(distribution: PressDistribution, now: datetime | None = None) -> int:
    """How many journalists only the publisher's confirmation will send the
    note to (0 while publishing will still send it by itself)."""
    from ..models import Kind

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


def enqueue_batch(countdown: float = 0) -> None:
    from ..tasks import send_press_batch

    try:
        send_press_batch.apply_async(countdown=countdown)
    except Exception:  # broker down: the beat sweep resumes the deliveries
        logger.warning("Could not enqueue a press batch; the sweep will resume it")


# --- the mailing --------------------------------------------------------------------
def hold(delivery: PressDelivery, now: datetime) -> Hold | None:
    """Why a claimed delivery must not go out now (judged at sending time)."""
    item = delivery.distribution.news
    if delivery.contact.unsubscribed_at is not None:
        return Hold(reason="Unsubscribed.")
    expired = item.expire_at is not None and item.expire_at <= now
    if item.status != Status.PUBLISHED or expired:
        return Hold(reason=f"The note is no longer published ({item.status}).")
    if item.publish_at is None or item.publish_at > now:
        # Rescheduled after the deliveries were created: wait for it.
        return Hold(until=item.publish_at or now + timedelta(minutes=5))
    return None


def finish_distributions(now: datetime | None = None) -> int:
    """Distributions with nothing left to send are done."""
    pending = PressDelivery.objects.filter(distribution=OuterRef("pk"), state=PressDelivery.State.PENDING)
    return (
        PressDistribution.objects.filter(state=PressDistribution.State.SENDING)
        .exclude(Exists(pending))
        .update(state=PressDistribution.State.DONE, finished_at=now or timezone.now())
    )


PRESS = mailings.register(
    Mailing(
        name="press",
        model=PressDelivery,
        build_message=build_message,
        return_address=press_address,
        hold=hold,
        select_related=("contact", "distribution__news"),
        after_batch=finish_distributions,
        **mailings.settings_of("PRESS"),
    )
)


def send_batch(limit: int | None = None) -> batches.BatchResult:
    """Send up to ``limit`` (``PRESS_BATCH_SIZE``) due press deliveries over
    one SMTP connection."""
    return batches.send_batch(PRESS, limit)


def next_batch_countdown(attempted: int, elapsed: float) -> float:
    return pacing.next_batch_countdown(PRESS, attempted, elapsed)


def stale_after() -> timedelta:
    return pacing.stale_after(PRESS)


def needs_resume(now: datetime | None = None) -> bool:
    return pacing.needs_resume(PRESS, now)


# The press outbox: one lock per message (``comunicacio.mail.batches``). The
# batches chain themselves; the shared sweeper only restarts a stalled chain.
outbox.register(
    "press",
    model=PressDelivery,
    strategy=outbox.LOCK,
    drain="news.tasks.resume_press_deliveries",
    interval=lambda: settings.PUBLISHING_SWEEP_SECONDS,
    due=lambda now: PressDelivery.objects.due(now),
    needs_drain=needs_resume,
)
