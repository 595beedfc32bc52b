"""Press notes, communiqués and notices."""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from comunicacio import uploads
from comunicacio.content import EditorialContent
from comunicacio.publishing.models import PublishableQuerySet, Status
from comunicacio.registry import SearchField
from comunicacio.richtext import RichTextField
from comunicacio.translation import Translated
from comunicacio.uploads import validate_attachment


class Kind(models.TextChoices):
    PRESS_NOTE = "press", _("Nota de premsa")
    COMMUNIQUE = "communique", _("Comunicat")
    NOTICE = "notice", _("Avís")


class Severity(models.IntegerChoices):
    INFO = 1, _("Informació")
    WARNING = 2, _("Important")
    CRITICAL = 3, _("Urgent")


class NewsQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list, feed or card needs, in one query."""
        return (
            self.select_related("unit", "image")
            .defer("body", "body_es", "search_vector")
            .order_by("-publish_at", "-pk")
        )

    def card_rows(self):
        """Light rows, newest first: only what ``news.cards.render_cards``
        needs to find cached cards (full rows are loaded for missing ones)."""
        return self.only("pk", "updated_at", "image_id").order_by("-publish_at", "-pk")

    def active_alerts(self, now: datetime | None = None):
        now = now or timezone.now()
        return (
            self.visible(now)
            .filter(kind=Kind.NOTICE, is_alert=True, alert_start__lte=now)
            .filter(Q(alert_end__isnull=True) | Q(alert_end__gt=now))
            .order_by("-alert_severity", "-alert_start")
        )


class NewsItem(EditorialContent):
    kind = models.CharField(_("tipus"), max_length=16, choices=Kind.choices, default=Kind.PRESS_NOTE)
    body = RichTextField(_("cos"), blank=True)
    body_es = RichTextField(_("cos (castellà)"), blank=True)
    contact_name = models.CharField(_("persona de contacte"), max_length=150, blank=True)
    contact_email = models.EmailField(_("correu de contacte"), blank=True)
    contact_phone = models.CharField(_("telèfon de contacte"), max_length=40, blank=True)
    featured = models.BooleanField(_("destacada"), default=False)
    embargo_until = models.DateTimeField(
        _("embargament fins a"),
        null=True,
        blank=True,
        help_text=_("Només notes de premsa: invisible al públic fins a aquest moment."),
    )
    is_alert = models.BooleanField(
        _("alerta a tot el web"),
        default=False,
        help_text=_("Només avisos urgents: es mostra com a bàner a totes les pàgines."),
    )
    alert_severity = models.PositiveSmallIntegerField(
        _("gravetat"), choices=Severity.choices, default=Severity.WARNING
    )
    alert_start = models.DateTimeField(_("inici de l'alerta"), null=True, blank=True)
    alert_end = models.DateTimeField(_("fi de l'alerta"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = NewsQuerySet.as_manager()

    # The site search (comunicacio.search): a word in the title counts ten
    # times one in the body. The document is stored in search_vector.
    search_fields = (
        SearchField("title", "A"),
        SearchField("title_es", "A", language="es"),
        SearchField("summary", "B"),
        SearchField("summary_es", "B", language="es"),
        SearchField("body", "C"),
        SearchField("body_es", "C", language="es"),
    )

    slug_fallback = "noticia"

    display_body = Translated("body")

    visibility_boundary_fields = (
        "publish_at",
        "expire_at",
        "embargo_until",
        "alert_start",
        "alert_end",
    )

    class Meta:
        verbose_name = _("notícia")
        verbose_name_plural = _("notícies")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(status="published"),
                name="news_published_idx",
            ),
            models.Index(
                fields=["kind", "-publish_at", "-id"],
                condition=Q(status="published"),
                name="news_kind_published_idx",
            ),
            models.Index(
                fields=["unit", "-publish_at", "-id"],
                condition=Q(status="published"),
                name="news_unit_published_idx",
            ),
        ]

    @classmethod
    def visibility_q(cls, now: datetime) -> Q:
        return super().visibility_q(now) & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def public_date(self) -> datetime | None:
        """The date the public sees: the embargo lift if later than publication."""
        if self.embargo_until and self.publish_at and self.embargo_until > self.publish_at:
            return self.embargo_until
        return self.publish_at

    def structured_data(self) -> dict:
        """schema.org NewsArticle for the detail page's JSON-LD."""
        url = settings.SITE_URL + self.get_absolute_url()
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.display_title[:110],
            "description": self.display_summary,
            "datePublished": self.public_date,
            "dateModified": self.updated_at,
            "mainEntityOfPage": url,
            "url": url,
            "inLanguage": get_language() or settings.LANGUAGE_CODE,
            "author": {"@type": "GovernmentOrganization", "name": self.unit.display_name},
            "publisher": {"@type": "GovernmentOrganization", "name": settings.COUNCIL_NAME},
            "keywords": [tag.name for tag in self.tag_list],
        }
        if self.image:
            data["image"] = [settings.SITE_URL + self.image.fallback_url()]
        return data

    def content_problems(self):
        yield from super().content_problems()
        if self.embargo_until and self.kind != Kind.PRESS_NOTE:
            yield "embargo_until", _("Només les notes de premsa poden estar embargades.")
        if self.is_alert:
            if self.kind != Kind.NOTICE:
                yield "is_alert", _("Només els avisos es poden mostrar com a alerta.")
            if not self.alert_start:
                yield "alert_start", _("Una alerta necessita una data d'inici.")
        if self.alert_start and self.alert_end and self.alert_end <= self.alert_start:
            yield "alert_end", _("La fi de l'alerta ha de ser posterior a l'inici.")

    def related(self, limit: int = 3):
        """Other visible news sharing a tag, else from the same unit, as light
        rows (what ``news.cards.render_cards`` needs to find cached cards)."""
        base = NewsItem.objects.visible().card_rows().exclude(pk=self.pk)
        tag_ids = [tag.pk for tag in self.tag_list]
        if tag_ids:
            # EXISTS, not a join + DISTINCT: PostgreSQL walks the newest news
            # on the index and stops at the third match.
            shares_a_tag = TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(NewsItem),
                object_id=OuterRef("pk"),
                tag_id__in=tag_ids,
            )
            by_tag = list(base.filter(Exists(shares_a_tag))[:limit])
            if by_tag:
                return by_tag
        return list(base.filter(unit_id=self.unit_id)[:limit])


class Attachment(models.Model):
    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("títol"), max_length=200)
    file = models.FileField(_("fitxer"), upload_to="attachments/%Y/%m/", validators=[validate_attachment])
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("document adjunt")
        verbose_name_plural = _("documents adjunts")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if uploads.is_fresh_upload(self.file):
            uploads.store_clean(self.file)
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


__all__ = ["Attachment", "Kind", "NewsItem", "Severity", "Status"]

from .press.models import *  # noqa: E402, F403  (media contacts and press distribution)
