"""Renditions and crops follow the focal point: every crop has its ratio and
keeps the focal point in view, moving the point (in the image's form)
makes new files and deletes the old ones, and the pages use the crop made
for them (16:9 cards, a 1.91:1 og:image)."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from comunicacio.images import CROPS, crop_key
from comunicacio.media import Image
from tests.factories import make_image, make_live_news, make_user, two_colour_jpeg

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


def make_split_image(**fields) -> Image:
    """1600 x 900, its left quarter red and the rest blue."""
    upload = SimpleUploadedFile("riu.jpg", two_colour_jpeg(), content_type="image/jpeg")
    return Image.objects.create(file=upload, alt_text="El riu", credit="Foto: Ajuntament", **fields)


def opened(name: str) -> PILImage.Image:
    with default_storage.open(name, "rb") as handle:
        image = PILImage.open(handle)
        image.load()
    return image.convert("RGB")


def close_to(pixel, colour) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))


def all_names(image) -> list[str]:
    return [name for sizes in image.renditions.values() for name in sizes.values()]


def test_every_crop_has_its_ratio_at_the_widths_made():
    image = make_split_image()
    for crop, (ratio, _widths, kinds) in CROPS.items():
        for kind in kinds:
            sizes = image.renditions[crop_key(crop, kind)]
            assert sizes, (crop, kind)
            for width, name in sizes.items():
                stored = opened(name)
                assert stored.width == int(width) <= 1600
                assert abs(stored.width / stored.height - ratio) < 0.01, (crop, stored.size)


def test_the_square_crop_keeps_the_focal_point_in_view():
    # The square of 1600 x 900 is 900 wide: with the point on the red
    # quarter it starts at the left edge, with the point far right it
    # shows only blue.
    image = make_split_image(focal_x=0.1, focal_y=0.5)
    square = opened(image.largest_crop_name("1x1"))
    assert close_to(square.getpixel((10, 450 * square.height // 900)), RED)

    image.focal_x = 0.95
    image.save()
    square = opened(image.largest_crop_name("1x1"))
    assert close_to(square.getpixel((10, square.height // 2)), BLUE)
    assert close_to(square.getpixel((square.width - 10, square.height // 2)), BLUE)


def test_moving_the_focal_point_makes_new_renditions_and_deletes_the_old():
    image = make_split_image()
    before = all_names(image)
    image.focal_x, image.focal_y = 0.2, 0.3
    image.save()
    after = all_names(image)
    assert set(before).isdisjoint(after)
    assert all(default_storage.exists(name) for name in after)
    assert not any(default_storage.exists(name) for name in before)


def test_saving_without_moving_the_point_keeps_the_renditions():
    image = make_split_image()
    renditions = dict(image.renditions)
    image = Image.objects.get(pk=image.pk)
    image.credit = "Foto: Arxiu municipal"
    image.save()
    assert Image.objects.get(pk=image.pk).renditions == renditions


def test_an_image_made_before_crops_existed_gets_them_on_its_next_save():
    image = make_image(size=(1200, 800))
    Image.objects.filter(pk=image.pk).update(
        renditions={"webp": image.renditions["webp"], "jpeg": image.renditions["jpeg"]}
    )
    old = Image.objects.get(pk=image.pk)
    # Until then pages fall back to the full frame.
    assert old.srcset("jpeg", "16x9") == old.srcset("jpeg")
    assert old.link_card_url() == default_storage.url(old.renditions["jpeg"]["1200"])
    old.save()
    assert crop_key("16x9", "webp") in Image.objects.get(pk=image.pk).renditions


def form_data(image, **changes) -> dict:
    data = {
        "title": image.title,
        "alt_text": image.alt_text,
        "alt_text_es": image.alt_text_es,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
        "tags": "",
        "unit": "",
    }
    data.update(changes)
    return data


def test_the_change_form_moves_the_focal_point_and_regenerates(client):
    image = make_split_image()
    before = all_names(image)
    client.force_login(make_user("editor"))
    url = f"/admin/comunicacio/image/{image.pk}/change/"
    page = client.get(url).content.decode()
    assert "data-focal-picker" in page and 'name="focal_x"' in page and 'name="focal_y"' in page

    response = client.post(url, form_data(image, focal_x="0.9", focal_y="0.25"))

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.25)
    assert set(before).isdisjoint(all_names(image))
    assert close_to(opened(image.largest_crop_name("1x1")).getpixel((5, 5)), BLUE)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan", "inf", "mig", "1e400"])
def test_a_focal_point_outside_the_image_is_refused_with_a_message(client, value):
    image = make_split_image()
    before = dict(image.renditions)
    client.force_login(make_user("editor"))
    response = client.post(f"/admin/comunicacio/image/{image.pk}/change/", form_data(image, focal_x=value))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["focal_x"]
    image.refresh_from_db()
    assert image.focal_x == 0.5 and image.renditions == before


def test_a_post_without_the_focal_point_keeps_it(client):
    image = make_split_image(focal_x=0.8, focal_y=0.2)
    client.force_login(make_user("editor"))
    data = form_data(image, alt_text="El riu a la tardor")
    del data["focal_x"], data["focal_y"]
    assert client.post(f"/admin/comunicacio/image/{image.pk}/change/", data).status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y, image.alt_text) == (0.8, 0.2, "El riu a la tardor")


def test_cards_use_the_16_9_crop_and_the_detail_page_a_1_91_link_card(client, unit):
    image = make_split_image()
    item = make_live_news(unit, image=image, title="El riu creix")
    card_urls = {default_storage.url(n) for n in image.renditions[crop_key("16x9", "webp")].values()}

    listing = client.get("/ca/noticies/").content.decode()
    assert any(url in listing for url in card_urls)
    assert 'width="960" height="540"' in listing

    detail = client.get(item.get_absolute_url()).content.decode()
    og = re.search(r'<meta property="og:image" content="([^"]+)">', detail).group(1)
    assert og.endswith(image.link_card_url())
    assert '<meta property="og:image:width" content="1200">' in detail
    assert '<meta property="og:image:height" content="628">' in detail


def test_the_command_makes_the_crops_of_images_stored_before_them():
    from io import StringIO

    from django.core.management import call_command

    old, current = make_image(size=(800, 500)), make_image(size=(800, 500))
    Image.objects.filter(pk=old.pk).update(renditions={"jpeg": old.renditions["jpeg"]})
    untouched = dict(current.renditions)
    out = StringIO()
    call_command("make_image_crops", stdout=out)
    assert "Made the crops of 1 images." in out.getvalue()
    assert crop_key("1.91x1", "jpeg") in Image.objects.get(pk=old.pk).renditions
    assert Image.objects.get(pk=current.pk).renditions == untouched
