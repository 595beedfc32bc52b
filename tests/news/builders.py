"""Small builders for the news and core tests (kept here rather than in the
shared factories so these tests do not depend on another helper's work)."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

_counter = itertools.count(1)


def make_unit(name="Àrea de Comunicació", slug=None, **fields):
    from comunicacio.models import Unit

    slug = slug or f"unitat-{next(_counter)}"
    return Unit.objects.create(name=name, slug=slug, **fields)


def make_news(unit, *, title=None, tags=(), **fields):
    """A news item that is visible now unless ``fields`` say otherwise."""
    from news.models import Kind, NewsItem, Status

    number = next(_counter)
    values = {
        "title": title or f"Notícia número {number}",
        "summary": f"Resum planer de la notícia {number}.",
        "body": f"<p>Cos de la notícia {number}.</p>",
        "kind": Kind.PRESS_NOTE,
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=1, minutes=number),
        "unit": unit,
    }
    values.update(fields)
    item = NewsItem.objects.create(**values)
    if tags:
        item.tags.add(*tags)
    return item


def jpeg_bytes(size=(1200, 800), color=(200, 30, 30), exif=None, **save_options) -> bytes:
    out = io.BytesIO()
    image = PILImage.new("RGB", size, color)
    if exif is not None:
        save_options["exif"] = exif
    image.save(out, "JPEG", quality=85, **save_options)
    return out.getvalue()


def png_bytes(size=(600, 400), color=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_upload(name="foto.jpg", **options) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**options), content_type="image/jpeg")


def make_image(name="foto.jpg", alt="Façana de l'Ajuntament", **options):
    from comunicacio.media import Image

    return Image.objects.create(
        file=jpeg_upload(name, **options), alt_text=alt, credit="Foto: Ajuntament", title=alt
    )
