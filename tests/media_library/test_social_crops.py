"""Social networks get the crop made for them: Instagram the square cut
around the focal point, the others the full frame."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from social.imaging import fit
from social.networks.instagram import InstagramAdapter
from social.networks.mastodon import MastodonAdapter
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def test_instagram_gets_the_square_crop_and_mastodon_the_full_frame():
    image = make_image(size=(1600, 900))
    square = fit(image, InstagramAdapter)
    assert square.url.endswith(default_storage.url(image.largest_crop_name("1x1")))
    assert PILImage.open(io.BytesIO(square.data)).size == (900, 900) == (square.width, square.height)

    full = fit(image, MastodonAdapter)
    assert full.url.endswith(default_storage.url(image.largest_crop_name("")))
    assert full.width / full.height == pytest.approx(16 / 9, abs=0.01)
