"""What the back-office tells a member of staff: one row per recipient and
event (an item sent to review, returned, published...), shown on their
dashboard and, through a recorded side effect, emailed to them in their own
language (``comunicacio.preferences``).

A notification stores who did what (the transition) rather than a sentence:
it is worded when shown, in the reader's language."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .publishing.models import TargetMixin, Transition


class Notification(TargetMixin):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Enviat a revisió")
        RETURNED = "returned", _("Retornat a esborrany")
        APPROVED = "approved", _("Aprovat")
        SCHEDULED = "scheduled", _("Programat")
        PUBLISHED = "published", _("Publicat")
        WITHDRAWN = "withdrawn", _("Retirat")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatari"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("tipus"), max_length=16, choices=Kind.choices)
    transition = models.ForeignKey(
        Transition, verbose_name=_("canvi d'estat"), null=True, blank=True, on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("moment"), default=timezone.now)
    read_at = models.DateTimeField(_("llegit"), null=True, blank=True)

    class Meta:
        verbose_name = _("avís")
        verbose_name_plural = _("avisos")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "transition", "kind"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"
