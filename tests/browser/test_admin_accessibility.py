"""The back-office pages editors use pass axe-core (WCAG 2.1 AA and best
practices) with no violation: the admin home, and the lists and add and
edit forms of every content type; the style check refreshes from the form
without reloading it."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.factories import make_event, make_news, make_user
from tests.support.browser import AXE_OPTIONS, DESKTOP, log_in

pytestmark = pytest.mark.browser


def _content(unit):
    from institutional.models import Holder, InstitutionalEntry

    news = make_news(unit=unit, title="La biblioteca obre dilluns", body="<p>Obre a les 10:30h.</p>")
    event = make_event(title="Concert de la banda municipal")
    holder = Holder.objects.create(name="Anna Alcaldessa", position="Alcaldessa", slug="anna")
    entry = InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=2),
        subject="Visita a la depuradora",
        category="visit",
    )
    return {"news/newsitem": news, "agenda/event": event, "institutional/institutionalentry": entry}


def _check(session, path: str) -> None:
    session.goto(path)
    session.page.wait_for_load_state("load")
    assert session.page.evaluate("document.documentElement.lang") == "ca"
    assert session.page.locator("h1").count() == 1, path
    results = Axe().run(session.page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert session.csp_violations() == [], path


def test_the_pages_editors_use_have_no_accessibility_violations(open_session, roles_ready, unit):
    items = _content(unit)
    editor = make_user("editor")
    session = open_session(DESKTOP)
    missing = []
    session.page.on("response", lambda response: response.status == 404 and missing.append(response.url))
    log_in(session, editor)
    _check(session, "/admin/")
    _check(session, "/admin/preferencies/")
    for model, item in items.items():
        _check(session, f"/admin/{model}/")
        _check(session, f"/admin/{model}/add/")
        _check(session, f"/admin/{model}/{item.pk}/change/")
    assert missing == []
    assert session.console_errors == []


def test_the_style_check_refreshes_from_the_form(open_session, roles_ready, unit):
    item = make_news(unit=unit, summary="Resum planer.", body="<p>Obre a les 10.30 h.</p>")
    editor = make_user("editor")
    session = open_session(DESKTOP)
    log_in(session, editor)
    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    results = session.page.locator(".style-check-results")
    assert "No hi ha cap consell" in results.inner_text()
    session.page.fill("#id_summary", "ATENCIÓ TALL D'AIGUA el 26/11/2026 a l'ajuntament.")
    session.page.get_by_role("button", name="Revisa el text actual").click()
    mark = results.locator("mark").first
    mark.wait_for()
    text = results.inner_text()
    assert "Hi ha 3 consells" in text
    assert "«26 de novembre de 2026»" in text and "«a l'Ajuntament»" in text, text
    # Advice only: the form still saves.
    session.page.locator("input[name=_save]").click()
    session.page.wait_for_load_state("load")
    item.refresh_from_db()
    assert item.summary.startswith("ATENCIÓ")
    assert session.console_errors == []
