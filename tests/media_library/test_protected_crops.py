"""Every crop is a file of the library image, under the same rule as the
original: unreachable while no visible item shows it, public when one
does, readable by staff who may preview."""

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from comunicacio.images import CROPS, crop_key
from comunicacio.publishing.models import Status
from tests.factories import make_image, make_live_news, make_user

pytestmark = pytest.mark.django_db


def crop_urls(image) -> list[str]:
    names = [
        name
        for crop, (_ratio, _widths, kinds) in CROPS.items()
        for kind in kinds
        for name in image.renditions[crop_key(crop, kind)].values()
    ]
    assert len(names) >= len(CROPS)
    return [default_storage.url(name) for name in names]


def test_an_unpublished_items_crops_are_refused_to_the_public_and_shown_to_staff(unit):
    image = make_image(size=(1600, 900))
    make_live_news(unit, image=image, status=Status.DRAFT, publish_at=None)
    staff = Client()
    staff.force_login(make_user("editor"))
    for url in crop_urls(image):
        assert Client().get(url).status_code == 404, url
        assert staff.get(url).status_code == 200, url


def test_a_live_items_crops_are_public(unit):
    image = make_image(size=(1600, 900))
    make_live_news(unit, image=image)
    for url in crop_urls(image):
        response = Client().get(url)
        assert response.status_code == 200, url


def test_crops_replaced_by_a_new_focal_point_are_gone(unit):
    image = make_image(size=(1600, 900))
    make_live_news(unit, image=image)
    old = crop_urls(image)
    image.focal_x = 0.1
    image.save()
    for url in old:
        assert Client().get(url).status_code == 404, url
    for url in crop_urls(image):
        assert Client().get(url).status_code == 200, url
