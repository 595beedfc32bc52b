"""Media relations: the journalists the council sends its press notes to, the
distribution lists they are on, and one delivery row per note and journalist.

A ``PressDelivery`` is a delivery row of the mail building block
(``comunicacio.mail.deliveries.MailDelivery``, sent by
``comunicacio.mail.batches``): unique per (distribution, contact), it is sent
while its row is locked and marked in the same transaction, so a crash never
loses a message and repeats one only between the SMTP ``250`` and our COMMIT.
"""

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.mail.deliveries import MailDelivery, MailDeliveryQuerySet


class Language(models.TextChoices):
    CATALAN = "ca", _("Català")
    SPANISH = "es", _("Castellà")


class Beat(models.Model):
    """A subject a journalist covers (urbanisme, cultura, esports...)."""

    name = models.CharField(_("nom"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("àmbit informatiu")
        verbose_name_plural = _("àmbits informatius")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MediaContactQuerySet(models.QuerySet):
    def subscribed(self):
        return self.filter(unsubscribed_at__isnull=True)


class MediaContact(models.Model):
    name = models.CharField(_("nom"), max_length=150)
    outlet = models.CharField(_("mitjà"), max_length=150, blank=True)
    position = models.CharField(_("càrrec"), max_length=150, blank=True)
    beats = models.ManyToManyField(Beat, verbose_name=_("àmbits"), blank=True, related_name="contacts")
    language = models.CharField(_("idioma"), max_length=2, choices=Language.choices, default=Language.CATALAN)
    email = models.EmailField(_("correu electrònic"))
    phone = models.CharField(_("telèfon"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    unsubscribed_at = models.DateTimeField(
        _("donat de baixa"),
        null=True,
        blank=True,
        help_text=_("Des d'aquest moment no rep cap nota de premsa."),
    )
    created_at = models.DateTimeField(_("creat"), default=timezone.now, editable=False)

    objects = MediaContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contacte de premsa")
        verbose_name_plural = _("contactes de premsa")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="mediacontact_email_ci_unique",
                violation_error_message=_("Ja hi ha un contacte amb aquest correu electrònic."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.outlet})" if self.outlet else self.name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip()
        super().save(*args, **kwargs)

    @property
    def is_subscribed(self) -> bool:
        return self.unsubscribed_at is None

    def unsubscribe(self, now=None) -> bool:
        """Stop sending to this contact (idempotent); pending deliveries are
        skipped. Returns whether anything changed."""
        now = now or timezone.now()
        changed = MediaContact.objects.filter(pk=self.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now
        )
        PressDelivery.objects.filter(contact=self).skip_pending()
        if changed:
            self.unsubscribed_at = now
        return bool(changed)


class DistributionList(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    description = models.TextField(_("descripció"), blank=True)
    contacts = models.ManyToManyField(
        MediaContact, verbose_name=_("contactes"), blank=True, related_name="lists"
    )

    class Meta:
        verbose_name = _("llista de distribució")
        verbose_name_plural = _("llistes de distribució")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PressDistribution(models.Model):
    """How one press note goes to the media: which lists, with or without its
    attached documents. Sent when the note is published (before its embargo
    lifts)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Pendent de publicació")
        SENDING = "sending", _("S'està enviant")
        DONE = "done", _("Enviada")

    news = models.OneToOneField(
        "news.NewsItem",
        verbose_name=_("nota de premsa"),
        on_delete=models.CASCADE,
        related_name="press_distribution",
    )
    lists = models.ManyToManyField(DistributionList, verbose_name=_("llistes"), blank=True)
    attach_files = models.BooleanField(
        _("adjunta els documents"),
        default=False,
        help_text=_("Si no, el correu enllaça la nota al web en lloc d'adjuntar-los."),
    )
    state = models.CharField(_("estat"), max_length=16, choices=State.choices, default=State.WAITING)
    started_at = models.DateTimeField(_("inici de l'enviament"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fi de l'enviament"), null=True, blank=True)

    class Meta:
        verbose_name = _("distribució als mitjans")
        verbose_name_plural = _("distribucions als mitjans")

    def __str__(self) -> str:
        return str(self.news)

    def counts(self) -> dict[str, int]:
        return PressDelivery.objects.counts_by_news([self.news_id]).get(self.news_id, empty_counts())


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(PressDelivery.State.values, 0)


class PressDeliveryQuerySet(MailDeliveryQuerySet):
    def counts_by_news(self, news_ids) -> dict[int, dict[str, int]]:
        """{news id: {state: count}} in one query."""
        rows = (
            self.filter(distribution__news_id__in=list(news_ids))
            .values("distribution__news_id")
            .annotate(**{state: Count("pk", filter=Q(state=state)) for state in PressDelivery.State.values})
        )
        return {
            row.pop("distribution__news_id"): {state: row[state] for state in PressDelivery.State.values}
            for row in rows
        }


class PressDelivery(MailDelivery):
    """One press note to one journalist (state, attempts, due time, address,
    Message-ID: see ``MailDelivery``)."""

    message_id_kind = "press"

    distribution = models.ForeignKey(
        PressDistribution, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("distribució")
    )
    contact = models.ForeignKey(
        MediaContact, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("contacte")
    )

    objects = PressDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enviament de premsa")
        verbose_name_plural = _("enviaments de premsa")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["distribution", "contact"], name="pressdelivery_once"),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"], name="pressdelivery_due_idx"),
            models.Index(fields=["last_attempt_at"], name="pressdelivery_attempt_idx"),
        ]


__all__ = [
    "Beat",
    "DistributionList",
    "Language",
    "MediaContact",
    "PressDelivery",
    "PressDistribution",
]
