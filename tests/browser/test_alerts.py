"""Alert banners on a phone: compact, most severe first, hideable when not
urgent (remembered in the browser, nothing sent to the server), and never
hiding an alert that is new or changed."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from comunicacio import pagecache
from comunicacio.publishing.models import Status
from news.models import Kind, NewsItem, Severity
from tests.factories import make_news, make_unit
from tests.support.browser import AXE_OPTIONS, MOBILE

pytestmark = pytest.mark.browser

TITLES = {
    Severity.INFO: "Canvi d'horari de l'Oficina d'Atenció Ciutadana durant les festes de Nadal",
    Severity.WARNING: "Tall de trànsit a la carretera del riu per obres de millora del ferm",
    Severity.CRITICAL: "Inundació al pas inferior de l'estació: eviteu la zona fins a nou avís",
}


def make_alert(unit, severity, title, minutes_ago=30) -> NewsItem:
    now = timezone.now()
    return make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
        unit=unit,
        kind=Kind.NOTICE,
        title=title,
        summary="Informació pràctica per als veïns afectats, amb tots els detalls a la pàgina de l'avís.",
        is_alert=True,
        alert_severity=severity,
        alert_start=now - timedelta(minutes=minutes_ago),
    )


def shown_titles(page) -> list[str]:
    return page.locator(".alerts .alert:visible .alert-title").all_inner_texts()


@pytest.fixture
def alerts(transactional_db):
    unit = make_unit(name="Servei d'Obres", slug="obres")
    # Created least severe first: the page orders them, not the database.
    return {severity: make_alert(unit, severity, TITLES[severity]) for severity in (1, 2, 3)}, unit


def test_on_a_phone_three_alerts_are_compact_most_severe_first_and_accessible(open_session, alerts):
    visitor = open_session(MOBILE)
    visitor.goto("/ca/")
    page = visitor.page

    assert shown_titles(page) == [TITLES[3], TITLES[2], TITLES[1]]
    box = page.locator(".alerts").bounding_box()
    assert box["y"] == 0
    assert box["height"] <= MOBILE["height"] * 0.25, box
    # The page's own heading and search are still on the first screen.
    assert page.locator(".site-header").bounding_box()["y"] < MOBILE["height"] * 0.3
    # The full text is on the alert's page, not in the banner.
    assert "Informació pràctica" not in page.locator(".alerts").inner_text()
    buttons = page.locator(".alerts .alert-dismiss:visible")
    assert buttons.count() == 2, "urgent alerts cannot be hidden"
    assert page.locator(".alert--3 .alert-dismiss").count() == 0
    assert buttons.first.get_attribute("type") == "button"
    assert page.get_by_role("button", name=f"Amaga l'alerta «{TITLES[2]}»").is_visible()
    results = Axe().run(page, context=".alerts", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert visitor.console_errors == []


def test_a_hidden_alert_stays_hidden_after_reload_until_it_changes_and_new_urgent_ones_show(
    open_session, alerts
):
    by_severity, unit = alerts
    visitor = open_session(MOBILE)
    visitor.goto("/ca/")
    page = visitor.page
    cookies_before = visitor.context.cookies()

    # Keyboard: reach the button of the "important" alert and press Enter.
    page.locator(".alert--2 .alert-title").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == f"Amaga l'alerta «{TITLES[2]}»"
    page.keyboard.press("Enter")

    assert shown_titles(page) == [TITLES[3], TITLES[1]]
    # Focus moves to the next alert, not to the top of the page.
    assert page.evaluate("document.activeElement.textContent") == TITLES[1]
    stored = page.evaluate("JSON.parse(localStorage.getItem('comunicacio.alertes-amagades'))")
    assert list(stored) == [str(by_severity[2].pk)]
    assert visitor.context.cookies() == cookies_before, "remembered without any cookie"

    page.reload()
    assert shown_titles(page) == [TITLES[3], TITLES[1]]
    visitor.goto("/ca/noticies/")
    assert shown_titles(page) == [TITLES[3], TITLES[1]], "on every page"

    # A new urgent alert is shown, and so is the hidden one once it changes.
    new_urgent = make_alert(unit, Severity.CRITICAL, "Incendi forestal: confineu-vos", minutes_ago=5)
    hidden_one = by_severity[2]
    hidden_one.title = TITLES[2] + " (ampliat fins divendres)"
    hidden_one.updated_at = timezone.now() + timedelta(seconds=2)
    NewsItem.objects.filter(pk=hidden_one.pk).update(title=hidden_one.title, updated_at=hidden_one.updated_at)
    pagecache.purge()  # what publishing or saving does
    page.reload()
    assert shown_titles(page) == [new_urgent.title, TITLES[3], hidden_one.title, TITLES[1]]

    # Hiding every hideable alert leaves the urgent ones; focus stays in place.
    for _ in range(2):
        page.locator(".alerts .alert-dismiss:visible").first.click()
    assert shown_titles(page) == [new_urgent.title, TITLES[3]]
    assert visitor.csp_violations() == [] and visitor.console_errors == []


def test_the_last_hidden_alert_removes_the_banner_and_focus_goes_to_the_content(
    open_session, transactional_db
):
    unit = make_unit(name="Servei d'Obres", slug="obres")
    make_alert(unit, Severity.INFO, TITLES[1])
    visitor = open_session(MOBILE)
    visitor.goto("/ca/")
    page = visitor.page

    page.get_by_role("button", name=f"Amaga l'alerta «{TITLES[1]}»").click()

    assert page.locator(".alerts").is_hidden()
    assert page.evaluate("document.activeElement.id") == "contingut"


def test_without_javascript_every_alert_shows_and_no_button_is_offered(browser, live_server, alerts):
    context = browser.new_context(viewport=MOBILE, base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/ca/")
        assert shown_titles(page) == [TITLES[3], TITLES[2], TITLES[1]]
        assert page.locator(".alerts .alert-dismiss:visible").count() == 0
    finally:
        context.close()
