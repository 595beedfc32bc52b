"""Image uploads: verification, limits, metadata stripping and renditions.

Every image is opened by Pillow with our own pixel limit (decompression bombs
are refused with a clear message, not a crash), re-encoded without metadata
(EXIF, GPS, XMP, comments) after applying its orientation, and turned once into
responsive renditions: several widths, each as WebP and as a JPEG fallback.

Besides the full frame, each image is cut once per ratio the site shows
(``CROPS``: 16:9 cards, 1:1 social posts, 1.91:1 link cards), each crop the
largest box of that ratio centred on the image's focal point as far as the
frame allows. Renditions are stored as ``{kind: {width: name}}``; a crop's
kinds are ``"<crop>-<format>"`` ("16x9-webp"), so every file of an image is
listed in one place (protected media checks names against it)."""

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

CARD = "16x9"
SOCIAL = "1x1"
LINK_CARD = "1.91x1"
# crop: (width / height, widths made, formats). Cards fill a column of at
# most 24em (two densities); social networks take JPEG at 1080 px; link
# cards (og:image) are 1200 x 628.
CROPS: dict[str, tuple[float, tuple[int, ...], tuple[str, ...]]] = {
    CARD: (16 / 9, (480, 960), ("webp", "jpeg")),
    SOCIAL: (1.0, (1080,), ("jpeg",)),
    LINK_CARD: (1.91, (1200,), ("jpeg",)),
}
FORMATS = {
    "webp": ("webp", {"quality": 80, "method": 4}),
    "jpeg": ("jpg", {"quality": 82, "optimize": True, "progressive": True}),
}


def crop_key(crop: str, kind: str) -> str:
    return f"{crop}-{kind}"


def crop_height(crop: str, width: int) -> int:
    return max(1, round(width / CROPS[crop][0]))


def has_every_crop(renditions: dict) -> bool:
    return all(
        renditions.get(crop_key(crop, kind))
        for crop, (_ratio, _widths, kinds) in CROPS.items()
        for kind in kinds
    )


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def focal_crop_box(
    width: int, height: int, ratio: float, focal_x: float = 0.5, focal_y: float = 0.5
) -> tuple[int, int, int, int]:
    """The largest (left, top, right, bottom) box of ``ratio`` (width /
    height) inside a ``width`` x ``height`` frame, centred on the focal point
    (fractions 0-1) as far as the frame allows: it always contains the point."""
    if width < 1 or height < 1 or ratio <= 0:
        raise ValueError("an image has a positive size and a crop a positive ratio")
    focal_x, focal_y = _clamp(focal_x, 0.0, 1.0), _clamp(focal_y, 0.0, 1.0)
    if width / height > ratio:
        box_width, box_height = max(1, min(width, round(height * ratio))), height
    else:
        box_width, box_height = width, max(1, min(height, round(width / ratio)))
    left = round(_clamp(focal_x * width - box_width / 2, 0, width - box_width))
    top = round(_clamp(focal_y * height - box_height / 2, 0, height - box_height))
    return left, top, left + box_width, top + box_height


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


def crop_widths(crop: str, box_width: int) -> list[int]:
    """The widths made of ``crop`` from a box ``box_width`` wide: never
    enlarged, so a small image gets one crop at its own width."""
    widths = CROPS[crop][1]
    return sorted({w for w in widths if w < box_width} | {min(box_width, max(widths))})


def _store(frame: PILImage.Image, kind: str, name: str) -> str:
    extension, options = FORMATS[kind]
    out = io.BytesIO()
    (frame.convert("RGB") if kind == "jpeg" else frame).save(out, kind.upper(), **options)
    name = f"{name}.{extension}"
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(out.getvalue()))


def make_renditions(source_name: str, base: str, focal: tuple[float, float] = (0.5, 0.5)) -> dict:
    """Write the renditions of the stored image ``source_name`` under
    ``base``: the full frame as WebP and JPEG at several widths, and each of
    ``CROPS`` cut around ``focal``; return {kind: {width: name}}."""
    with default_storage.open(source_name, "rb") as handle:
        image = PILImage.open(handle)
        image.load()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    folder = PurePosixPath(base)
    result: dict[str, dict[str, str]] = {"webp": {}, "jpeg": {}}
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), PILImage.Resampling.LANCZOS)
        for kind in ("webp", "jpeg"):
            result[kind][str(width)] = _store(resized, kind, str(folder / str(width)))
    for crop, (ratio, _widths, kinds) in CROPS.items():
        box = focal_crop_box(image.width, image.height, ratio, *focal)
        for width in crop_widths(crop, box[2] - box[0]):
            # Exactly the ratio at every width (the box may be a pixel off).
            resized = image.resize((width, crop_height(crop, width)), PILImage.Resampling.LANCZOS, box=box)
            for kind in kinds:
                result.setdefault(crop_key(crop, kind), {})[str(width)] = _store(
                    resized, kind, str(folder / f"{crop}-{width}")
                )
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
