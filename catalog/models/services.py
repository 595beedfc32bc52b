"""What a service page lists: channels, documents, fees, legal bases, and
the status periods (suspended, limited, closed) scheduled like content."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comunicacio.translation import Translated

from .core import Office, Service

__all__ = [
    "Appointment",
    "ChannelKind",
    "LegalBasis",
    "ServiceChannel",
    "ServiceDocument",
    "ServiceFee",
    "ServiceStatus",
    "StatusPeriod",
]


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("En línia")
    IN_PERSON = "in_person", _("Presencialment")
    PHONE = "phone", _("Per telèfon")
    EMAIL = "email", _("Per correu electrònic")
    POST = "post", _("Per correu postal")


class Appointment(models.TextChoices):
    NONE = "none", _("Sense cita prèvia")
    OPTIONAL = "optional", _("Amb cita prèvia o sense")
    REQUIRED = "required", _("Només amb cita prèvia")


class ServiceChannel(models.Model):
    """One way of doing the service (CPSV-AP's Channel)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("canal"), max_length=12, choices=ChannelKind.choices)
    position = models.PositiveSmallIntegerField(_("posició"), default=0)
    url = models.URLField(_("enllaç"), max_length=500, blank=True)
    phone = models.CharField(_("telèfon"), max_length=40, blank=True)
    email = models.EmailField(_("correu electrònic"), blank=True)
    postal_address = models.TextField(_("adreça postal"), blank=True)
    offices = models.ManyToManyField(Office, verbose_name=_("oficines"), blank=True, related_name="channels")
    appointment = models.CharField(
        _("cita prèvia"), max_length=10, choices=Appointment.choices, default=Appointment.NONE
    )
    appointment_url = models.URLField(_("enllaç per demanar cita"), max_length=500, blank=True)
    instructions = models.TextField(_("instruccions"), blank=True)
    instructions_es = models.TextField(_("instruccions (castellà)"), blank=True)

    display_instructions = Translated("instructions")

    class Meta:
        verbose_name = _("canal")
        verbose_name_plural = _("canals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ServiceDocument(models.Model):
    """A document or evidence the citizen has to bring (CPSV-AP's Evidence)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("nom"), max_length=200)
    name_es = models.CharField(_("nom (castellà)"), max_length=200, blank=True)
    description = models.TextField(_("descripció"), blank=True)
    description_es = models.TextField(_("descripció (castellà)"), blank=True)
    required = models.BooleanField(_("obligatori"), default=True)
    form_url = models.URLField(_("model o formulari (enllaç)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("posició"), default=0)

    display_name = Translated("name")
    display_description = Translated("description")

    class Meta:
        verbose_name = _("document necessari")
        verbose_name_plural = _("documents necessaris")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class ServiceFee(models.Model):
    """A fee (CPSV-AP's Cost): amount, currency, the channel it applies to."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="fees")
    description = models.CharField(_("concepte"), max_length=200)
    description_es = models.CharField(_("concepte (castellà)"), max_length=200, blank=True)
    amount = models.DecimalField(_("import"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("moneda"), max_length=3, default="EUR")
    # Empty: every channel.
    channel = models.CharField(_("canal"), max_length=12, choices=ChannelKind.choices, blank=True)
    ordinance_url = models.URLField(_("ordenança fiscal (enllaç)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("posició"), default=0)

    display_description = Translated("description")

    class Meta:
        verbose_name = _("taxa")
        verbose_name_plural = _("taxes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class LegalBasis(models.Model):
    """A law or ordinance the service rests on (CPSV-AP's hasLegalResource)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="legal_bases")
    title = models.CharField(_("norma"), max_length=300)
    title_es = models.CharField(_("norma (castellà)"), max_length=300, blank=True)
    url = models.URLField(_("enllaç"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("posició"), default=0)

    display_title = Translated("title")

    class Meta:
        verbose_name = _("base legal")
        verbose_name_plural = _("bases legals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class ServiceStatus(models.TextChoices):
    AVAILABLE = "available", _("Disponible")
    LIMITED = "limited", _("Limitat temporalment")
    SUSPENDED = "suspended", _("Suspès temporalment")
    CLOSED = "closed", _("Tancat")


class StatusPeriod(models.Model):
    """A scheduled status of a service: from ``starts_at`` until ``ends_at``
    (open-ended when empty), with the reason the citizen reads. Outside
    every period a service is available."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="status_periods")
    status = models.CharField(_("estat"), max_length=10, choices=ServiceStatus.choices)
    starts_at = models.DateTimeField(_("des de"))
    ends_at = models.DateTimeField(_("fins a"), null=True, blank=True)
    reason = models.TextField(_("motiu"))
    reason_es = models.TextField(_("motiu (castellà)"), blank=True)
    # A closed service points to what replaces it.
    replaced_by = models.ForeignKey(
        Service,
        verbose_name=_("substituït per"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_as_alert = models.BooleanField(_("mostra-ho com a avís a tot el web"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("creat"), auto_now_add=True)

    display_reason = Translated("reason")

    class Meta:
        verbose_name = _("estat programat")
        verbose_name_plural = _("estats programats")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.get_status_display()
