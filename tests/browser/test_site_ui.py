"""What a keyboard user, a Spanish speaker and a resident under an alert
notice experience on the public site."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from comunicacio.publishing.models import Status
from news.models import Kind, Severity
from tests.factories import build_site, make_news, make_unit
from tests.support.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser


def test_skip_link_is_the_first_tab_stop_shows_on_focus_and_moves_focus_to_main(visitor, transactional_db):
    build_site()
    visitor.goto("/ca/")
    page = visitor.page
    skip = page.locator("a.skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0, "hidden until focused"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "visible while focused"
    assert skip.inner_text() == "Salta al contingut"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contingut"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_keyboard_focus_is_visible_on_links_and_buttons(visitor, transactional_db):
    build_site()
    visitor.goto("/ca/")
    page = visitor.page
    for selector in [
        "header a.brand",
        ".main-nav a >> nth=1",
        ".search-form button",
        ".site-footer a >> nth=0",
    ]:
        element = page.locator(selector)
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        style = element.evaluate(
            "e => { const s = getComputedStyle(e);"
            " return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }"
        )
        assert style["outline"] != "none" and style["width"] >= 2, (selector, style)


def test_alert_banners_are_ordered_by_severity_labelled_and_distinct(visitor, transactional_db):
    unit = make_unit(name="Servei d'Obres", slug="obres")
    now = timezone.now()
    titles = {
        Severity.INFO: "Canvi d'horari de l'Oficina d'Atenció Ciutadana",
        Severity.CRITICAL: "Inundació al pas inferior de l'estació",
        Severity.WARNING: "Tall de trànsit a la carretera del riu",
    }
    for severity, title in titles.items():
        make_news(
            status=Status.PUBLISHED,
            publish_at=now - timedelta(hours=1),
            unit=unit,
            kind=Kind.NOTICE,
            title=title,
            summary="Informació pràctica per als veïns afectats.",
            is_alert=True,
            alert_severity=severity,
            alert_start=now - timedelta(minutes=30),
        )
    visitor.goto("/ca/")
    banners = visitor.page.locator(".alerts .alert")
    assert banners.count() == 3
    texts = banners.all_inner_texts()
    assert [text.split(":")[0].strip().lower() for text in texts] == ["urgent", "important", "informació"]
    assert titles[Severity.CRITICAL] in texts[0] and titles[Severity.INFO] in texts[2]
    backgrounds = [b.evaluate("e => getComputedStyle(e).backgroundColor") for b in banners.all()]
    assert len(set(backgrounds)) == 3, backgrounds
    results = Axe().run(visitor.page, context=".alerts", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    banners.first.get_by_role("link").click()
    assert visitor.page.locator("h1").inner_text() == titles[Severity.CRITICAL]


def test_language_switcher_links_to_the_same_page_in_spanish(visitor, transactional_db):
    site = build_site()
    visitor.goto(site.detail.get_absolute_url())
    page = visitor.page
    switcher = page.get_by_role("navigation", name="Idioma")
    assert switcher.locator("[aria-current]").inner_text() == "Català"
    switcher.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/**")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == site.detail.title_es
    assert page.locator("figcaption").inner_text() == site.detail.image.credit
    back = page.get_by_role("navigation", name="Idioma").get_by_role("link", name="Català")
    assert back.get_attribute("lang") == "ca" and back.get_attribute("hreflang") == "ca"


def test_filter_form_keeps_filters_in_the_address_and_shows_matching_news(visitor, transactional_db):
    build_site()
    visitor.goto("/ca/noticies/")
    page = visitor.page
    page.get_by_label("Tipus").select_option(label="Avís")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url("**kind=notice**")
    kinds = page.locator("section[aria-labelledby=h-results] .kind").all_inner_texts()
    assert kinds and set(kinds) == {"Avís"}
    assert page.get_by_label("Tipus").input_value() == "notice", "the form shows the active filter"
    page.get_by_role("link", name="Treu els filtres").click()
    page.wait_for_url("**/ca/noticies/")
    assert len(set(page.locator(".cards .kind").all_inner_texts())) == 3
