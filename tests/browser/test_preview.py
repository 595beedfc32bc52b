"""Preview and share links in a real browser: a publisher previews a news
item in Spanish at phone width from its change form, shares it with a link,
an anonymous visitor (the mayor's office) opens it, and after the link is
revoked the visitor gets the page that says so. axe finds nothing on the
frame page, the share page or the gone page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from comunicacio.publishing.models import Status
from comunicacio.share_links.models import ShareLink
from tests.factories import make_news, make_unit, make_user
from tests.support.browser import AXE_OPTIONS, MOBILE, check_page, log_in

pytestmark = pytest.mark.browser

TITLE_CA = "La piscina d'estiu obre dissabte"
TITLE_ES = "La piscina de verano abre el sábado"


def assert_accessible(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_publisher_previews_in_spanish_at_phone_width_and_shares_a_link(open_session, roles_ready):
    unit = make_unit(name="Servei d'Esports", slug="esports")
    editor = make_user("editor", username="redactora")
    publisher = make_user("publisher", username="capcomunicacio")
    item = make_news(
        unit=unit,
        created_by=editor,
        status=Status.REVIEW,
        title=TITLE_CA,
        title_es=TITLE_ES,
        summary="La piscina municipal obre de 10 a 20 h cada dia.",
        summary_es="La piscina municipal abre de 10 a 20 h cada día.",
    )

    # --- the publisher opens the preview from the change form, in its own tab -
    newsroom = open_session()
    log_in(newsroom, publisher)
    newsroom.goto(f"/admin/news/newsitem/{item.pk}/change/")

    # Beside the form first: the side panel, in Catalan then in Spanish.
    form_page = newsroom.page
    form_page.get_by_role("button", name="Previsualització al costat").click()
    toggle = form_page.locator(".preview-panel-toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    panel = form_page.locator("#preview-side-panel")
    side = form_page.frame_locator("#preview-side-panel iframe")
    expect(side.locator("h1")).to_have_text(TITLE_CA)
    panel.get_by_role("button", name="Castellano").click()
    expect(side.locator("h1")).to_have_text(TITLE_ES)
    assert panel.get_by_role("button", name="Castellano").get_attribute("aria-pressed") == "true"
    results = Axe().run(form_page, context="#preview-side-panel", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    form_page.get_by_role("button", name="Amaga la previsualització").click()
    assert panel.is_hidden()

    with newsroom.page.expect_popup() as popup_info:
        newsroom.page.get_by_role("link", name="Previsualitza (s'obre en una pestanya nova)").click()
    frame_page = popup_info.value
    frame_page.wait_for_load_state()
    assert f"/preview/news/{item.pk}/frame/" in frame_page.url

    # Spanish, then phone width only.
    frame_page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Castellano").click()
    frame_page.wait_for_load_state()
    frame_page.get_by_role("navigation", name="Amplada").get_by_role("link", name="Mòbil (390 px)").click()
    frame_page.wait_for_load_state()
    phone = frame_page.locator("iframe.preview-frame--phone")
    assert phone.count() == 1 and frame_page.locator("iframe").count() == 1
    assert phone.bounding_box()["width"] == pytest.approx(390, abs=2)
    inside = frame_page.frame_locator("iframe.preview-frame--phone")
    assert inside.locator("h1").inner_text() == TITLE_ES
    assert inside.locator("html").get_attribute("lang") == "es"
    # The page inside is laid out for a phone (the viewport is the iframe's).
    assert inside.locator("body").evaluate("() => window.innerWidth") == pytest.approx(390, abs=20)
    assert_accessible(frame_page)

    # --- a share link -----------------------------------------------------
    frame_page.get_by_role("link", name="Comparteix amb un enllaç temporal").click()
    frame_page.wait_for_load_state()
    assert frame_page.get_by_label("Caducitat").input_value() == "7"
    frame_page.get_by_role("button", name="Crea l'enllaç").click()
    frame_page.wait_for_load_state()
    address = frame_page.get_by_label("Adreça per copiar").input_value()
    assert "/preview/s/" in address
    assert_accessible(frame_page)

    # --- the mayor's office opens it, without an account, on a phone ------
    mayor = open_session(MOBILE)
    path = address.split(mayor.base_url, 1)[1]
    check_page(mayor, path, 200, "ca", screenshot_name="share-link")
    assert mayor.page.locator("h1").inner_text() == TITLE_CA
    assert "Previsualització — no publicat" in mayor.page.locator(".preview-banner--site").inner_text()
    mayor.page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Castellano").click()
    mayor.page.wait_for_load_state()
    assert mayor.page.locator("h1").inner_text() == TITLE_ES
    assert "/preview/s/" in mayor.page.url

    # --- revoked: the link shows the gone page ---------------------------
    frame_page.get_by_role("button", name="Revoca").click()
    frame_page.wait_for_load_state()
    assert ShareLink.objects.get().revoked_by == publisher
    assert newsroom.csp_violations() == []
    check_page(mayor, path, 410, "ca", screenshot_name="share-link-revoked")
    assert mayor.page.locator("h1").inner_text() == "Aquest enllaç s'ha revocat"
