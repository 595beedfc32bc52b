"""An editor edits a recurring event in a real browser: weekday checkboxes,
a date picker for the exceptions, the rule said in words as it changes; then
cancels one date from its own page. The event form and the date's page pass
axe-core with no violation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from agenda.models import Occurrence
from comunicacio.publishing.models import Status
from tests.factories import local, make_event, make_user
from tests.support.browser import AXE_OPTIONS, PAGE_FACTS_JS, log_in

pytestmark = pytest.mark.browser

MADRID = ZoneInfo("Europe/Madrid")


# The event form's parts this app renders: the recurrence (checkboxes, the
# date picker, the sentence) and the compact dates. The stock admin widgets
# around them (rich text, select2, split date/time, tabular inlines) are the
# admin-wide accessibility work's, checked on every content type's form.
EVENT_FORM_PARTS = {"include": [["fieldset:has(#rule-sentence)"], ["fieldset:has(#series-dates)"]]}


def assert_accessible(session, context=None) -> None:
    facts = session.page.evaluate(PAGE_FACTS_JS)
    assert facts["h1"] == 1 and facts["duplicateIds"] == []
    assert session.csp_violations() == []
    if context is not None:
        assert session.page.locator("fieldset:has(#rule-sentence)").count() == 1
        assert session.page.locator("fieldset:has(#series-dates)").count() == 1
    results = Axe().run(session.page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@time_machine.travel(datetime(2026, 11, 18, 10, 0, tzinfo=MADRID), tick=True)
def test_editor_sets_the_weekdays_and_an_exception_and_cancels_one_date(open_session, roles_ready):
    editor = make_user("editor", username="redactora")
    event = make_event(
        title="Taller de ceràmica",
        status=Status.DRAFT,
        publish_at=None,
        created_by=editor,
        sessions=[(local(2026, 12, 3, 10), local(2026, 12, 3, 11))],
        recurrence_frequency="WEEKLY",
        recurrence_weekdays="MO",
        recurrence_until=date(2027, 5, 27),
    )
    office = open_session()
    log_in(office, editor)
    page = office.page
    office.goto(f"/admin/agenda/event/{event.pk}/change/")
    sentence = page.locator("#rule-sentence")
    assert sentence.inner_text().startswith("Cada dilluns de 10 a 11 h, del 3 de desembre de 2026")
    assert_accessible(office, EVENT_FORM_PARTS)

    # The week of the month is chosen in words, with the ticked day.
    assert "el primer dilluns" in page.locator("#id_recurrence_week_of_month").inner_text()
    # Thursday too: the box is named in full for screen readers.
    page.get_by_role("checkbox", name="dijous").check()
    page.wait_for_function(
        "() => document.getElementById('rule-sentence').textContent.startsWith('Cada dilluns i dijous')"
    )
    # An excluded date from the date picker.
    page.get_by_label("Afegeix una data exclosa").fill("2026-12-24")
    page.get_by_role("button", name="Afegeix", exact=True).click()
    assert page.locator("#id_recurrence_exceptions").input_value() == "2026-12-24"
    page.wait_for_function(
        "() => document.getElementById('rule-sentence').textContent.includes('excepte el 24 de desembre')"
    )
    assert sentence.inner_text() == (
        "Cada dilluns i dijous de 10 a 11 h, del 3 de desembre de 2026 al 27 de maig de 2027, "
        "excepte el 24 de desembre"
    )
    assert_accessible(office, EVENT_FORM_PARTS)

    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"**/admin/agenda/event/{event.pk}/change/")
    assert page.locator(".messagelist .success").count() == 1, page.locator(".messagelist").inner_text()
    event.refresh_from_db()
    assert event.recurrence_weekdays == "MO,TH"
    assert event.exception_dates() == [date(2026, 12, 24)]
    assert not Occurrence.objects.filter(event=event, local_date=date(2026, 12, 24)).exists()
    assert page.locator("#rule-sentence").inner_text().endswith("excepte el 24 de desembre")

    # --- one date: its own page -------------------------------------------------
    page.get_by_role("link", name="dijous, 10 de desembre de 2026, de 10 a 11 h").click()
    page.wait_for_url(f"**/admin/agenda/event/{event.pk}/dates/*/")
    assert_accessible(office)
    page.get_by_label("Cancel·lar-la").check()
    page.get_by_label("Motiu o nota per al públic").fill("La sala és ocupada")
    page.get_by_role("button", name="Desa aquesta data").click()
    page.wait_for_url(f"**/admin/agenda/event/{event.pk}/change/#series-dates")
    assert "Data desada" in page.locator(".messagelist").inner_text()
    cancelled = Occurrence.objects.get(event=event, original_date=date(2026, 12, 10))
    assert cancelled.cancelled and cancelled.note == "La sala és ocupada"
    assert Occurrence.objects.filter(event=event, cancelled=True).count() == 1

    # The form refuses a cancellation without a reason, accessibly.
    monday = Occurrence.objects.get(event=event, original_date=date(2026, 12, 14))
    office.goto(f"/admin/agenda/event/{event.pk}/dates/{monday.pk}/")
    page.get_by_label("Cancel·lar-la").check()
    page.get_by_role("button", name="Desa aquesta data").click()
    page.wait_for_load_state("load")
    assert "Indiqueu el motiu de la cancel·lació." in page.content()
    assert_accessible(office)
