"""Event proposals sent by entities and associations through the public form.

A proposal is never public: an editor approves it (which creates a draft
event that follows the normal publishing workflow) or rejects it. The rules
(approval, rejection) live in ``agenda.proposals.actions``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models.events import SUMMARY_MAX_LENGTH, Audience, Category
from comunicacio.images import ImageUploadField
from comunicacio.mail.deliveries import MailDelivery
from comunicacio.storage import private_storage

__all__ = ["EventProposal", "NoticeKind", "ProposalNotice", "ProposalState"]


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Pendent")
    APPROVED = "approved", _("Aprovada")
    REJECTED = "rejected", _("Rebutjada")


class EventProposal(models.Model):
    # Who proposes it.
    proposer_name = models.CharField(_("nom i cognoms"), max_length=150)
    entity = models.CharField(_("entitat o associació"), max_length=150, blank=True)
    email = models.EmailField(_("correu electrònic"))
    phone = models.CharField(_("telèfon"), max_length=40, blank=True)

    # The event.
    title = models.CharField(_("títol de l'activitat"), max_length=200)
    summary = models.TextField(_("resum"), max_length=SUMMARY_MAX_LENGTH)
    description = models.TextField(_("descripció"), blank=True)
    category = models.CharField(_("categoria"), max_length=20, choices=Category.choices)
    audiences = models.ManyToManyField(Audience, verbose_name=_("públics"), blank=True, related_name="+")
    start = models.DateTimeField(_("inici"))
    end = models.DateTimeField(_("fi"))
    all_day = models.BooleanField(_("tot el dia"), default=False)
    venue_text = models.CharField(_("lloc"), max_length=255)
    is_free = models.BooleanField(_("gratuïta"), default=True)
    price_text = models.CharField(_("preu"), max_length=200, blank=True)
    # Unmoderated: kept outside the public media (no URL at all), stripped of
    # metadata and renamed on receipt, deleted when the proposal is decided
    # (approval copies it into the media library first).
    image = ImageUploadField(_("imatge"), upload_to="proposals/%Y/%m/", blank=True, storage=private_storage)
    image_description = models.CharField(_("descripció de la imatge"), max_length=250, blank=True)
    consent_at = models.DateTimeField(_("consentiment acceptat"))

    # Moderation.
    state = models.CharField(
        _("estat"), max_length=10, choices=ProposalState.choices, default=ProposalState.PENDING, db_index=True
    )
    moderation_notes = models.TextField(_("notes de moderació"), blank=True)
    rejection_reason = models.TextField(_("motiu del rebuig"), blank=True)
    event = models.ForeignKey(
        "agenda.Event",
        verbose_name=_("activitat creada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decidida per"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decidida"), null=True, blank=True)
    created_at = models.DateTimeField(_("rebuda"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposta d'activitat")
        verbose_name_plural = _("propostes d'activitats")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser(self) -> str:
        return self.entity or self.proposer_name


class NoticeKind(models.TextChoices):
    APPROVED = "approved", _("Aprovació")
    REJECTED = "rejected", _("Rebuig")


class ProposalNotice(MailDelivery):
    """The email that tells a proposer what was decided: one row per
    proposal and decision, recorded with the decision and sent once
    (``agenda.proposals.notices``), retried with backoff when the mail
    server is away."""

    message_id_kind = "proposta"

    proposal = models.ForeignKey(
        EventProposal, verbose_name=_("proposta"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("decisió"), max_length=10, choices=NoticeKind.choices)
    created_at = models.DateTimeField(_("creat"), auto_now_add=True)

    class Meta:
        verbose_name = _("correu a qui proposa")
        verbose_name_plural = _("correus a qui proposa")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind"], name="agenda_proposal_notice_once"),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="agenda_notice_due_idx")]
