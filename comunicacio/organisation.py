"""The council's organisation: units (àrees, departaments, serveis) and
municipal buildings (dependències). Content belongs to a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .translation import Translated


class Unit(models.Model):
    class Kind(models.TextChoices):
        AREA = "area", _("Àrea")
        DEPARTMENT = "department", _("Departament")
        SERVICE = "service", _("Servei")

    name = models.CharField(_("nom"), max_length=150)
    name_es = models.CharField(_("nom (castellà)"), max_length=150, blank=True)
    slug = models.SlugField(_("identificador"), max_length=160, unique=True)
    kind = models.CharField(_("tipus"), max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("depèn de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("correu electrònic"), blank=True)
    phone = models.CharField(_("telèfon"), max_length=40, blank=True)
    building = models.ForeignKey(
        "comunicacio.Building",
        verbose_name=_("dependència"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    display_name = Translated("name")

    class Meta:
        verbose_name = _("unitat organitzativa")
        verbose_name_plural = _("unitats organitzatives")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identificador"), max_length=160, unique=True)
    address = models.CharField(_("adreça"), max_length=255)
    postal_code = models.CharField(_("codi postal"), max_length=10, blank=True)
    opening_hours = models.TextField(_("horari d'atenció"), blank=True)
    accessibility = models.TextField(_("accessibilitat"), blank=True)
    latitude = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("dependència municipal")
        verbose_name_plural = _("dependències municipals")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
