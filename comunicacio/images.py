"""Image uploads: verification, limits, metadata stripping and renditions.

Every image is opened by Pillow with our own pixel limit (decompression bombs
are refused with a clear message, not a crash), re-encoded without metadata
(EXIF, GPS, XMP, comments) after applying its orientation, and turned once into
responsive renditions: several widths, each as WebP and as a JPEG fallback."""

import io
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _open_checked(data: bytes) -> PILImage.Image:
    """Open and fully decode ``data`` within the configured limits."""
    limit = settings.IMAGE_MAX_PIXELS
    previous = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x the limit; refuse those too.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            try:
                probe = PILImage.open(io.BytesIO(data))
                probe.verify()
                image = PILImage.open(io.BytesIO(data))
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("Format d'imatge no admès (%(format)s). Feu servir JPEG, PNG, WebP o GIF.")
                        % {"format": image.format},
                        code="format",
                    )
                if image.width * image.height > limit:
                    raise PILImage.DecompressionBombError("too many pixels")
                image.load()
            except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
                raise ValidationError(
                    _(
                        "La imatge és massa gran en píxels (el màxim és %(limit)s megapíxels). "
                        "Reduïu-ne les dimensions i torneu-la a pujar."
                    )
                    % {"limit": limit // 1_000_000},
                    code="pixels",
                ) from None
            except ValidationError:
                raise
            except Exception:
                raise ValidationError(
                    _("El fitxer no és una imatge vàlida o està malmès."), code="invalid"
                ) from None
    finally:
        PILImage.MAX_IMAGE_PIXELS = previous
    return image


def validate_upload(upload) -> PILImage.Image:
    """Check size, type and pixels of an uploaded file; return the decoded image."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("La imatge ocupa %(size)s; el màxim és %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
            code="size",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return _open_checked(data)


def strip_metadata(image: PILImage.Image) -> tuple[bytes, str]:
    """Re-encode ``image`` with its orientation applied and no metadata."""
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if source_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    elif source_format == "GIF":
        image.save(out, "GIF")
    elif source_format == "WEBP":
        image.save(out, "WEBP", quality=90)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue(), ACCEPTED_FORMATS[source_format]


def rendition_widths(original_width: int) -> list[int]:
    widths = [w for w in settings.IMAGE_RENDITION_WIDTHS if w < original_width]
    return widths + [min(original_width, max(settings.IMAGE_RENDITION_WIDTHS))]


def make_renditions(source_name: str, base: str) -> dict:
    """Write WebP and JPEG renditions of the stored image ``source_name``
    under ``base``; return {"webp": {width: name}, "jpeg": {width: name}}."""
    with default_storage.open(source_name, "rb") as handle:
        image = PILImage.open(handle)
        image.load()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    result: dict[str, dict[str, str]] = {"webp": {}, "jpeg": {}}
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), PILImage.Resampling.LANCZOS)
        for kind, extension, options in (
            ("webp", "webp", {"quality": 80, "method": 4}),
            ("jpeg", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
        ):
            out = io.BytesIO()
            frame = resized.convert("RGB") if kind == "jpeg" else resized
            frame.save(out, kind.upper(), **options)
            name = str(PurePosixPath(base) / f"{width}.{extension}")
            if default_storage.exists(name):
                default_storage.delete(name)
            result[kind][str(width)] = default_storage.save(name, ContentFile(out.getvalue()))
    return result


def delete_renditions(renditions: dict) -> None:
    """Remove the files of a replaced set of renditions."""
    for sizes in (renditions or {}).values():
        for name in sizes.values():
            default_storage.delete(name)


class ImageFormField(forms.ImageField):
    """Runs our checks before Django's own, so that every refusal has a clear
    message (Django would call a decompression bomb merely "not valid")."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        image = validate_upload(data)
        data.image = image
        data.content_type = PILImage.MIME.get(image.format)
        return data


class ImageUploadField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})
