"""The image of a post, fitted to what each network accepts."""

import io

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image as PILImage

from .networks.base import Adapter, OutgoingImage


class ImageDoesNotFit(ValueError):
    pass


def _largest_jpeg(image, crop: str = "") -> str:
    """The stored JPEG rendition to start from: the largest one of the
    network's crop (cut around the focal point), or of the full frame."""
    return image.largest_crop_name(crop)


def fit(image, adapter: type[Adapter]) -> OutgoingImage:
    """A JPEG of ``image`` within the network's byte and side limits: the
    largest rendition, scaled down and re-encoded at decreasing quality until
    it fits. Raises ``ImageDoesNotFit`` with a clear message otherwise."""
    name = _largest_jpeg(image, adapter.image_crop)
    with default_storage.open(name, "rb") as handle:
        source = PILImage.open(handle)
        source.load()
    source = source.convert("RGB")
    if max(source.size) > adapter.image_max_side:
        source.thumbnail((adapter.image_max_side, adapter.image_max_side), PILImage.Resampling.LANCZOS)
    data = b""
    for scale in (1.0, 0.8, 0.6, 0.45):
        frame = source
        if scale < 1.0:
            frame = source.resize(
                (max(1, int(source.width * scale)), max(1, int(source.height * scale))),
                PILImage.Resampling.LANCZOS,
            )
        for quality in (85, 75, 65):
            out = io.BytesIO()
            frame.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
            data = out.getvalue()
            if len(data) <= adapter.image_max_bytes:
                return OutgoingImage(
                    data=data,
                    content_type="image/jpeg",
                    alt=image.alt,
                    url=settings.SITE_URL + default_storage.url(name),
                    width=frame.width,
                    height=frame.height,
                )
    raise ImageDoesNotFit(
        _("La imatge no cap al límit de %(network)s (%(limit)s kB) ni reduïda; trieu-ne una altra.")
        % {"network": adapter.label, "limit": adapter.image_max_bytes // 1024}
    )
