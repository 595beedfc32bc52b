"""The newsroom end to end in a real browser: an editor writes a press note
with a picture and submits it, a publisher schedules it, and a citizen sees it
appear on the public site at its time (the clock is moved, nobody sleeps),
through the public page cache."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from news.models import NewsItem, Status
from tests.factories import landscape_jpeg, make_unit, make_user
from tests.support.browser import log_in

pytestmark = pytest.mark.browser

TITLE = "Els veïns estrenen el nou parc del Molí"
SUMMARY = "El parc té zona de jocs, fonts i ombra, i obre cada dia de 8 a 22 h."


def test_editor_writes_publisher_schedules_citizen_sees_it_at_its_time(open_session, roles_ready, tmp_path):
    unit = make_unit(name="Servei de Parcs i Jardins", slug="parcs")
    editor = make_user("editor", username="redactora")
    publisher = make_user("publisher", username="capcomunicacio")
    photo = tmp_path / "parc-del-moli.jpg"
    photo.write_bytes(landscape_jpeg(2))

    # --- the editor writes the note, uploads its picture and submits it ------
    newsroom = open_session()
    log_in(newsroom, editor)
    newsroom.goto("/admin/news/newsitem/add/")
    page = newsroom.page
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    body_editor = page.locator(".field-body [contenteditable=true].ProseMirror")
    body_editor.click()
    page.keyboard.type("El nou parc s'obre dissabte amb una festa per a tothom.")
    page.locator("#id_unit").select_option(label=unit.name)

    # The image field's "+" opens Django's add-another popup (in the form's
    # image section, a tab).
    page.get_by_role("tab", name="Imatge i etiquetes").click()
    with page.expect_popup() as popup_info:
        page.locator("#add_id_image").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    popup.locator("#id_file").set_input_files(str(photo))
    popup.locator("#id_alt_text").fill("Infants jugant als gronxadors del parc del Molí")
    popup.locator("#id_credit").fill("Foto: Anna Puig")
    # Listening before the click: a quick save closes the popup before a
    # wait started afterwards would see it.
    with popup.expect_event("close", timeout=30_000):
        popup.locator("input[name=_save]").click()
    assert "Infants jugant" in page.locator("#id_image").input_value() or page.locator(
        "#id_image option:checked"
    ).inner_text().startswith("Infants jugant")

    page.locator("button[name=_workflow][value=submit]").click()
    page.wait_for_url("**/change/")
    assert page.locator(".messagelist .success").count() == 1, page.locator(".messagelist").inner_text()
    item = NewsItem.objects.get(title=TITLE)
    assert item.status == Status.REVIEW
    assert item.image is not None and item.image.credit == "Foto: Anna Puig"
    assert "festa per a tothom" in item.body

    # --- the publisher schedules it -------------------------------------------
    publish_at = (timezone.localtime() + timedelta(minutes=5)).replace(second=0, microsecond=0)
    office = open_session()
    log_in(office, publisher)
    office.goto(f"/admin/news/newsitem/{item.pk}/change/")
    office.page.get_by_role("tab", name="Publicació").click()
    office.page.locator("#id_publish_at_0").fill(publish_at.strftime("%d/%m/%Y"))
    office.page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    office.page.locator("button[name=_workflow][value=schedule]").click()
    # Scheduling asks for confirmation, saying when it will go live.
    office.page.locator(".workflow-confirmation").get_by_role("button", name="Confirma").click()
    office.page.wait_for_url("**/change/")
    assert office.page.locator(".messagelist .success").count() == 1, office.page.locator(
        ".messagelist"
    ).inner_text()
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.publish_at == publish_at

    # --- a citizen: not yet visible, even from the page cache ----------------
    citizen = open_session()
    citizen.goto("/ca/noticies/")
    assert citizen.page.get_by_role("link", name=TITLE).count() == 0
    # Served from the page cache now (each test process has its own cache
    # keys, so nothing running beside this test empties it in between).
    cached = citizen.goto("/ca/noticies/")
    assert citizen.page.get_by_role("link", name=TITLE).count() == 0
    assert cached.headers.get("x-cache") == "HIT", "the list should be served from the page cache"
    citizen.goto(item.get_absolute_url(), expected_status=404)

    # --- its time comes --------------------------------------------------------
    with time_machine.travel(publish_at + timedelta(seconds=1), tick=True):
        citizen.goto("/ca/noticies/")
        link = citizen.page.get_by_role("link", name=TITLE)
        assert link.count() == 1
        link.click()
        citizen.page.wait_for_url(f"**{item.get_absolute_url()}")
        assert citizen.page.locator("h1").inner_text() == TITLE
        figure = citizen.page.locator("article figure")
        assert figure.locator("img").get_attribute("alt") == "Infants jugant als gronxadors del parc del Molí"
        assert figure.locator("figcaption").inner_text() == "Foto: Anna Puig"
        assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        assert "festa per a tothom" in citizen.page.locator(".body").inner_text()
        assert citizen.csp_violations() == []
