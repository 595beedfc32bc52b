"""Per-recipient delivery rows of a bulk mailing: an abstract model any app
subclasses (the press mailing's ``news.PressDelivery``; later bulletins).

A delivery is the unit of the mailing's guarantee (see ``batches``): sent
while its row is locked and marked in the same transaction. Its state changes
only here, through the methods below, whoever asks (a batch, an unsubscribe, a
bounce)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.outbox import OutboxRow, backoff

from .compose import stable_message_id
from .smtp import Verdict


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pendent")
    SENT = "sent", _("Enviat")
    REFUSED = "refused", _("Rebutjat")
    BOUNCED = "bounced", _("Retornat")
    FAILED = "failed", _("Fallit")
    SKIPPED = "skipped", _("No enviat")


UNSUBSCRIBED = "Unsubscribed."


class MailDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(state=DeliveryState.PENDING, due_at__lte=now or timezone.now())

    def skip_pending(self, reason: str = UNSUBSCRIBED) -> int:
        """Pending deliveries that must not go out any more (the recipient
        unsubscribed): recorded as skipped with the reason."""
        return self.filter(state=DeliveryState.PENDING).update(state=DeliveryState.SKIPPED, last_error=reason)


class MailDelivery(OutboxRow):
    """One message of a mailing to one recipient. Subclasses add what it is
    about (a foreign key to the mailing's own record and to the recipient) and
    set ``message_id_kind``."""

    State = DeliveryState
    # The stable Message-ID is <kind-pk@domain>; bounces are matched on it.
    message_id_kind = "mail"

    state = models.CharField(
        _("estat"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    # The address it went to, kept even if the recipient's address changes.
    email = models.EmailField(_("correu electrònic"))
    last_attempt_at = models.DateTimeField(_("darrer intent"), null=True, blank=True)
    sent_at = models.DateTimeField(_("enviat"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)

    objects = MailDeliveryQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.email} ({self.get_state_display()})"

    @property
    def stable_message_id(self) -> str:
        """Identical on every attempt, so a copy re-sent after a crash between
        the SMTP acceptance and our COMMIT can be recognised and dropped."""
        return stable_message_id(self.message_id_kind, self.pk)

    @classmethod
    def initial(cls, *, subscribed: bool, **fields):
        """A new delivery: pending, or skipped when the recipient is
        unsubscribed (kept, so the mailing's counts show it)."""
        if subscribed:
            return cls(state=DeliveryState.PENDING, last_error="", **fields)
        return cls(state=DeliveryState.SKIPPED, last_error=UNSUBSCRIBED, **fields)

    # --- outcomes (called inside the transaction holding the row lock) -----------
    def mark_sent(self) -> None:
        self.state = DeliveryState.SENT
        self.attempts += 1
        self.sent_at = self.last_attempt_at = timezone.now()
        self.message_id = self.stable_message_id
        self.last_error = ""
        self.save(
            update_fields=["state", "attempts", "sent_at", "last_attempt_at", "message_id", "last_error"]
        )

    def mark_failed(self, verdict: Verdict, max_attempts: int | None = None) -> str:
        """Record a failed attempt: refused for good, failed after the last
        attempt, or retried after a backoff. Returns the new state."""
        max_attempts = max_attempts or settings.PUBLISHING_MAX_ATTEMPTS
        self.attempts += 1
        self.last_attempt_at = timezone.now()
        self.last_error = verdict.reason[:2000]
        if verdict.permanent:
            self.state = DeliveryState.REFUSED
        elif self.attempts >= max_attempts:
            self.state = DeliveryState.FAILED
        else:
            self.due_at = timezone.now() + backoff(self.attempts)
        self.save(update_fields=["state", "attempts", "last_attempt_at", "last_error", "due_at"])
        return self.state

    def mark_skipped(self, reason: str) -> None:
        self.state = DeliveryState.SKIPPED
        self.last_error = reason
        self.save(update_fields=["state", "last_error"])

    def postpone(self, until) -> None:
        """Not an attempt: what it is about is not ready to go out yet."""
        self.due_at = until
        self.save(update_fields=["due_at"])

    def record_bounce(self, permanent: bool, reason: str) -> None:
        """A DSN came back: a permanent failure marks it bounced, a delay
        only notes it."""
        if permanent:
            self.state = DeliveryState.BOUNCED
        self.last_error = f"Bounce: {reason}"[:2000]
        self.save(update_fields=["state", "last_error"])
