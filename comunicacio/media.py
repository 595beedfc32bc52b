"""The media library: images used by any content, each with its alt text and
credit, stored clean of metadata and with responsive renditions."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from . import images
from .storage import safe_filename
from .translation import Translated


class Image(models.Model):
    title = models.CharField(_("títol"), max_length=200, blank=True)
    file = images.ImageUploadField(
        _("fitxer"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    alt_text = models.CharField(
        _("text alternatiu"),
        max_length=250,
        help_text=_("Descriu què mostra la imatge per a qui no la pot veure."),
    )
    alt_text_es = models.CharField(_("text alternatiu (castellà)"), max_length=250, blank=True)
    credit = models.CharField(_("autoria"), max_length=150, help_text=_("Ex.: Foto: Ajuntament"))
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(_("pujada"), auto_now_add=True)
    # Where the subject is, as fractions of the width and height: every
    # rendition and crop keeps it in view (see images.focal_crop_box).
    focal_x = models.FloatField(
        _("punt focal horitzontal"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("De 0 (vora esquerra) a 1 (vora dreta)."),
    )
    focal_y = models.FloatField(
        _("punt focal vertical"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("De 0 (vora superior) a 1 (vora inferior)."),
    )
    unit = models.ForeignKey(
        "comunicacio.Unit",
        verbose_name=_("unitat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = TaggableManager(_("etiquetes"), blank=True, help_text=_("Etiquetes separades per comes."))

    alt = Translated("alt_text")

    class Meta:
        verbose_name = _("imatge")
        verbose_name_plural = _("imatges")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.alt_text

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        # What the stored renditions were cut around: a moved focal point
        # regenerates them on save.
        image._stored_focal = (image.__dict__.get("focal_x"), image.__dict__.get("focal_y"))
        return image

    @property
    def focal_point(self) -> tuple[float, float]:
        return (self.focal_x, self.focal_y)

    def _renditions_outdated(self) -> bool:
        if not self.renditions or not images.has_every_crop(self.renditions):
            return True
        stored = getattr(self, "_stored_focal", None)
        return stored is not None and None not in stored and stored != self.focal_point

    def save(self, *args, **kwargs):
        # Only a new upload is processed; reading ``.file`` of a stored image
        # would open it from storage on every save.
        fresh = bool(self.file) and not self.file._committed and isinstance(self.file.file, UploadedFile)
        if fresh:
            decoded = images.validate_upload(self.file.file)
            data, extension = images.strip_metadata(decoded)
            stem = self.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:80]
            filename = safe_filename(f"{stem}.{extension}", fallback="imatge")
            # A named ContentFile: Django reads the dimension fields from the
            # content it assigns, and skips that for a nameless one.
            self.file.save(filename, ContentFile(data, name=filename), save=False)
        super().save(*args, **kwargs)
        if fresh or self._renditions_outdated():
            previous = self.renditions
            # A random folder per set of renditions: their names cannot be
            # enumerated (they are served through the same visibility check
            # as the original anyway, see media_access).
            folder = f"renditions/{self.pk}/{secrets.token_hex(12)}"
            self.renditions = images.make_renditions(self.file.name, folder, self.focal_point)
            super().save(update_fields=["renditions"])
            self._stored_focal = self.focal_point
            images.delete_renditions(previous)

    def _sizes(self, kind: str, crop: str = "") -> dict[str, str]:
        """{width: name} of one format, of ``crop`` when it was made (an
        image saved before crops existed falls back to its full frame)."""
        if crop:
            cropped = self.renditions.get(images.crop_key(crop, kind))
            if cropped:
                return cropped
        return self.renditions.get(kind) or {}

    def srcset(self, kind: str, crop: str = "") -> str:
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(name)} {width}w"
            for width, name in sorted(self._sizes(kind, crop).items(), key=lambda pair: int(pair[0]))
        )

    def fallback_url(self, crop: str = "") -> str:
        from django.core.files.storage import default_storage

        jpegs = self._sizes("jpeg", crop)
        if not jpegs:
            return self.file.url
        middle = sorted(jpegs, key=int)[len(jpegs) // 2]
        return default_storage.url(jpegs[middle])

    def thumbnail_url(self) -> str:
        """The smallest full-frame JPEG: what lists and the chooser show."""
        from django.core.files.storage import default_storage

        jpegs = self._sizes("jpeg")
        if not jpegs:
            return self.file.url
        return default_storage.url(jpegs[min(jpegs, key=int)])

    def crop_size(self, crop: str = "") -> tuple[int, int]:
        """Width and height (of the largest rendition) a <picture> of
        ``crop`` reserves: its ratio, so the page does not jump."""
        jpegs = self._sizes("jpeg", crop)
        if not crop or not self.renditions.get(images.crop_key(crop, "jpeg")):
            return self.width, self.height
        width = max(int(w) for w in jpegs)
        return width, images.crop_height(crop, width)

    def largest_crop_name(self, crop: str) -> str:
        """The stored name of ``crop``'s largest JPEG (the original when the
        image has no such crop yet)."""
        jpegs = self._sizes("jpeg", crop)
        if not jpegs:
            return self.file.name
        return jpegs[max(jpegs, key=int)]

    def link_card_url(self) -> str:
        """The 1.91:1 picture of link cards (og:image, structured data)."""
        from django.core.files.storage import default_storage

        return default_storage.url(self.largest_crop_name(images.LINK_CARD))

    def link_card_size(self) -> tuple[int, int]:
        return self.crop_size(images.LINK_CARD)
