"""The Spanish site with content only in Catalan: marked lang="ca", labelled
"en catalán", and still accessible (axe) on a phone."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from comunicacio.publishing.models import Status
from news.models import Kind, Severity
from tests.factories import make_news, make_unit
from tests.support.browser import AXE_OPTIONS, MOBILE

pytestmark = pytest.mark.browser


def test_catalan_only_content_on_the_spanish_site(open_session, transactional_db):
    unit = make_unit(name="Servei d'Obres", slug="obres")
    now = timezone.now()
    untranslated = make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
        unit=unit,
        kind=Kind.NOTICE,
        title="Tall d'aigua al carrer Major",
        summary="Dijous de 9 a 14 h no hi haurà aigua.",
        is_alert=True,
        alert_severity=Severity.WARNING,
        alert_start=now - timedelta(minutes=5),
    )
    make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=2),
        unit=unit,
        title="Nova biblioteca",
        title_es="Nueva biblioteca",
        summary="Obre dilluns.",
        summary_es="Abre el lunes.",
    )
    visitor = open_session(MOBILE)
    visitor.goto("/es/")
    page = visitor.page

    card_title = page.locator("main .card h3 a", has_text=untranslated.title)
    assert card_title.get_attribute("lang") == "ca"
    assert page.locator("main .card h3", has_text=untranslated.title).locator(".lang-note").inner_text() == (
        "en catalán"
    )
    assert page.locator("main .card h3 a", has_text="Nueva biblioteca").get_attribute("lang") is None
    assert page.locator(".alerts .alert-title").get_attribute("lang") == "ca"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()

    page.locator("main .card h3 a", has_text=untranslated.title).click()
    assert page.locator("h1 [lang='ca']").inner_text() == untranslated.title
    assert page.locator("h1 .lang-note").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path="/tmp/lang_cit.png")
