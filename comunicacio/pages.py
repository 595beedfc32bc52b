"""Editable institutional pages: accessibility statement, legal notice,
privacy policy and the like."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .richtext import RichTextField
from .translation import Translated


class SitePage(models.Model):
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    title = models.CharField(_("títol"), max_length=200)
    title_es = models.CharField(_("títol (castellà)"), max_length=200, blank=True)
    body = RichTextField(_("contingut"))
    body_es = RichTextField(_("contingut (castellà)"), blank=True)
    show_in_footer = models.BooleanField(_("enllaç al peu"), default=True)
    updated_at = models.DateTimeField(_("actualitzada"), auto_now=True)

    display_title = Translated("title")
    display_body = Translated("body")

    class Meta:
        verbose_name = _("pàgina institucional")
        verbose_name_plural = _("pàgines institucionals")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site_page", kwargs={"slug": self.slug})
