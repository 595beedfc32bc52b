"""The media library: images used by any content, each with its alt text and
credit, stored clean of metadata and with responsive renditions."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    alt = Translated("alt_text")

    class Meta:
        verbose_name = _("imatge")
        verbose_name_plural = _("imatges")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.alt_text

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
        if fresh or not self.renditions:
            previous = self.renditions
            # A random folder per set of renditions: their names cannot be
            # enumerated (they are served through the same visibility check
            # as the original anyway, see media_access).
            folder = f"renditions/{self.pk}/{secrets.token_hex(12)}"
            self.renditions = images.make_renditions(self.file.name, folder)
            super().save(update_fields=["renditions"])
            images.delete_renditions(previous)

    def srcset(self, kind: str) -> str:
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(name)} {width}w"
            for width, name in sorted(self.renditions.get(kind, {}).items(), key=lambda pair: int(pair[0]))
        )

    def fallback_url(self) -> str:
        from django.core.files.storage import default_storage

        jpegs = self.renditions.get("jpeg") or {}
        if not jpegs:
            return self.file.url
        middle = sorted(jpegs, key=int)[len(jpegs) // 2]
        return default_storage.url(jpegs[middle])
