"""Editorial content: the fields and rules every public content type shares.

A news item, an event (and the catalogue's services or the intranet's
communiqués next) all have a title and a plain-language summary with their
Spanish twins, a stable address made from the title, a main image (whose alt
text lives in the media library), an owning unit and tags. They live here once,
with their rules: the summary's length, an expiry after publication, and the
tags kept in revisions (they live outside the row).

A model adds its own rules by extending ``content_problems`` (``yield from
super().content_problems()`` and then its own), so that ``clean()`` reports
every broken rule at once, field by field, as the admin shows them.
"""

from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import class_prepared
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .publishing.models import Publishable
from .registry import Teaser
from .slugs import slug_locked, unique_slug
from .tagging import tags_of
from .translation import Translated, falls_back, interpolate_lazy

SUMMARY_MAX_LENGTH = 300

Problem = tuple[str, str]  # (field name, message)


def publication_problems(item) -> Iterator[Problem]:
    """The rule of every publishable's dates: an item that expires before it
    is published would never be visible."""
    if item.publish_at and item.expire_at and item.expire_at <= item.publish_at:
        yield "expire_at", _("La caducitat ha de ser posterior a la publicació.")


def raise_problems(problems) -> None:
    """One ValidationError carrying every problem under its field."""
    errors: dict[str, list] = {}
    for field, message in problems:
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


class EditorialContent(Publishable):
    """Abstract base of public content written by the communications staff."""

    title = models.CharField(_("títol"), max_length=200)
    title_es = models.CharField(_("títol (castellà)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("adreça"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Es genera del títol i no canvia quan el títol canvia."),
    )
    # Its help text is the model's ``summary_advice`` (see _summary_help_text).
    summary = models.TextField(_("resum"), max_length=SUMMARY_MAX_LENGTH)
    summary_es = models.TextField(_("resum (castellà)"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    image = models.ForeignKey(
        "comunicacio.Image",
        verbose_name=_("imatge principal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The unit that owns the item. A model whose owner is named otherwise
    # removes this field (``unit = None``) and names its own in ``unit_field``.
    unit = models.ForeignKey(
        "comunicacio.Unit", verbose_name=_("unitat"), on_delete=models.PROTECT, related_name="+"
    )
    tags = TaggableManager(_("etiquetes"), blank=True)

    # The field holding the owning unit (unit-scoped permissions read it).
    unit_field = "unit"
    # The address of an item whose title has no letters to make one from.
    slug_fallback = "contingut"
    # What a plain-language summary of this kind of content says; "%(max)s"
    # is the length limit.
    summary_advice = _("En llenguatge planer: què passa, a qui afecta, què cal fer. Màxim %(max)s caràcters.")

    display_title = Translated("title")
    display_summary = Translated("summary")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @cached_property
    def tag_list(self) -> list:
        return tags_of(self)

    def as_teaser(self, kind: str, date) -> Teaser:
        """The item as search, the home page, social posts and feeds read it
        (``registry.Teaser``), in Catalan where it has no translation."""
        return Teaser(
            kind=kind,
            title=self.display_title,
            summary=self.display_summary,
            url=self.get_absolute_url(),
            date=date,
            language=settings.LANGUAGE_CODE if falls_back(self, "title") else get_language(),
            image=self.image,
            image_alt=self.image.alt if self.image else "",
            item=self,
        )

    def content_problems(self) -> Iterator[Problem]:
        """(field, message) for every shared rule the item breaks."""
        # TextField's max_length only reaches form widgets; enforce it for
        # every path that validates the model (imports, API, shell).
        for field in ("summary", "summary_es"):
            length = len(getattr(self, field) or "")
            if length > SUMMARY_MAX_LENGTH:
                yield (
                    field,
                    _("El resum no pot passar de %(max)s caràcters (en té %(length)s).")
                    % {"max": SUMMARY_MAX_LENGTH, "length": length},
                )
        stored = getattr(self, "_stored_slug", None)
        if stored and slug_locked(self) and self.slug != stored:
            yield "slug", _("L'adreça d'un element ja publicat no es pot canviar: trencaria els enllaços.")
        yield from publication_problems(self)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What the address was when read: once published it must stay so.
        instance._stored_slug = instance.__dict__.get("slug")
        return instance

    def clean(self) -> None:
        raise_problems(self.content_problems())

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                type(self)._default_manager.all(), self.title, fallback=self.slug_fallback, exclude_pk=self.pk
            )
        super().save(*args, **kwargs)

    # Revisions: tags live outside the row.
    def snapshot_extra(self) -> dict:
        return {"tags": sorted(self.tags.names())} if self.pk else {}

    def restore_extra(self, data: dict) -> None:
        if "tags" in data:
            self.tags.set(data["tags"], clear=True)


def _summary_help_text(sender, **kwargs) -> None:
    """Give each model's summary field its own advice. Every concrete model
    gets its own copy of the abstract field, so this touches that model only;
    the text is lazy, so it follows the request's language."""
    if issubclass(sender, EditorialContent):
        sender._meta.get_field("summary").help_text = interpolate_lazy(
            sender.summary_advice, {"max": SUMMARY_MAX_LENGTH}
        )


class_prepared.connect(_summary_help_text)
