"""The media library in a real browser: an editor sets an image's focal
point by clicking on it (the crops follow), and chooses a news item's image
through the chooser's thumbnails; the image list, the image form and the
chooser have no axe violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from comunicacio.media import Image
from news.models import NewsItem
from tests.factories import landscape_jpeg, make_image, make_news, make_unit, make_user
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser


def assert_accessible(page, context="#content-main"):
    results = Axe().run(page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_set_the_focal_point_by_clicking(open_session, roles_ready):
    image = make_image(alt="El pont vell sobre el riu", size=(1600, 900))
    old_square = image.largest_crop_name("1x1")
    session = open_session()
    log_in(session, make_user("editor", username="redactora"))

    session.goto("/admin/comunicacio/image/")
    assert_accessible(session.page)

    session.goto(f"/admin/comunicacio/image/{image.pk}/change/")
    page = session.page
    assert_accessible(page)
    picture = page.locator("[data-focal-picker] img")
    box = picture.bounding_box()
    # A click three quarters across and a fifth down.
    picture.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.2})
    assert abs(float(page.locator("#id_focal_x").input_value()) - 0.75) < 0.01
    assert abs(float(page.locator("#id_focal_y").input_value()) - 0.2) < 0.01
    marker = page.locator(".focal-picker__marker").bounding_box()
    assert abs(marker["x"] + marker["width"] / 2 - (box["x"] + box["width"] * 0.75)) < 3

    # The keyboard way: the number fields move the marker too.
    page.locator("#id_focal_y").fill("0.6")
    page.locator("#id_focal_y").dispatch_event("input")
    marker = page.locator(".focal-picker__marker").bounding_box()
    assert abs(marker["y"] + marker["height"] / 2 - (box["y"] + box["height"] * 0.6)) < 3

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    image.refresh_from_db()
    assert abs(image.focal_x - 0.75) < 0.01 and image.focal_y == 0.6
    assert image.largest_crop_name("1x1") != old_square
    assert session.csp_violations() == []


def test_choose_a_news_items_image_through_the_chooser(open_session, roles_ready):
    unit = make_unit(name="Servei de Cultura", slug="cultura")
    for number in range(3):
        make_image(alt=f"Foto de l'arxiu {number}", size=(320, 200))
    castle = make_image(alt="El castell il·luminat", size=(320, 200))
    castle.tags.add("patrimoni")
    item = make_news(unit=unit, title="La nit del castell")
    session = open_session()
    log_in(session, make_user("editor", username="redactor"))

    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    page = session.page
    # With JavaScript the select gives way to the chooser's button.
    assert page.locator("#id_image").is_hidden()
    page.get_by_role("tab", name="Imatge i etiquetes").click()
    page.get_by_role("button", name="Tria una imatge").click()
    dialog = page.locator("dialog.image-chooser__dialog")
    dialog.locator("[data-chooser-choice]").first.wait_for()
    assert dialog.locator("[data-chooser-choice]").count() == 4
    assert_accessible(page, context="dialog.image-chooser__dialog")

    # Search by keyboard, then choose with Enter.
    dialog.get_by_label("Cerca").fill("castell")
    dialog.get_by_label("Cerca").press("Enter")
    page.wait_for_function("() => document.querySelectorAll('dialog [data-chooser-choice]').length === 1")
    choice = dialog.locator("[data-chooser-choice]")
    choice.focus()
    page.keyboard.press("Enter")
    assert not dialog.is_visible()
    assert page.locator("#id_image").input_value() == str(castle.pk)
    assert page.locator(".image-chooser__preview img").get_attribute("alt") == "El castell il·luminat"
    assert page.evaluate("document.activeElement.classList.contains('image-chooser__open')")

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert NewsItem.objects.get(pk=item.pk).image_id == castle.pk
    assert page.locator(".image-chooser__preview img").get_attribute("alt") == "El castell il·luminat"
    assert session.csp_violations() == [] and session.console_errors == []
    assert Image.objects.count() == 4


def test_the_chooser_page_itself_is_accessible(open_session, roles_ready):
    for number in range(30):
        make_image(alt=f"Imatge de prova {number}", size=(160, 90))
    session = open_session()
    log_in(session, make_user("editor", username="redactora2"))
    session.goto("/admin/comunicacio/image/tria/")
    assert_accessible(session.page, context="#content")
    session.page.get_by_role("link", name="Següent").click()
    session.page.wait_for_url("**p=2")
    assert session.page.locator("[data-chooser-choice]").count() == 6
    assert_accessible(session.page, context="#content")


def test_upload_a_new_image_from_the_chooser(open_session, roles_ready, tmp_path):
    unit = make_unit(name="Servei d'Esports", slug="esports")
    item = make_news(unit=unit, title="La cursa del riu")
    photo = tmp_path / "cursa.jpg"
    photo.write_bytes(landscape_jpeg(1))
    session = open_session()
    log_in(session, make_user("editor", username="redactora3"))

    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    page = session.page
    page.get_by_role("tab", name="Imatge i etiquetes").click()
    page.get_by_role("button", name="Tria una imatge").click()
    dialog = page.locator("dialog.image-chooser__dialog")
    # The admin's own "add" popup puts the new image into the field.
    with page.expect_popup() as popup_info:
        dialog.get_by_role("link", name="Puja'n una de nova").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    popup.locator("#id_file").set_input_files(str(photo))
    popup.locator("#id_alt_text").fill("Corredors al pont del riu")
    popup.locator("#id_credit").fill("Foto: Club Atlètic")
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()

    new = Image.objects.get(alt_text="Corredors al pont del riu")
    assert page.locator("#id_image").input_value() == str(new.pk)
    assert "Corredors al pont del riu" in page.locator(".image-chooser__preview").inner_text()
    assert not dialog.is_visible()
    assert session.csp_violations() == []
