"""A citizen finds a free family activity this weekend and opens it; every
agenda page type passes axe-core and the page rules of test_accessibility."""

from datetime import date, timedelta

import pytest
import time_machine

from agenda import listing
from tests.factories import local, make_event, make_venue
from tests.support.browser import DESKTOP, MOBILE, check_page

pytestmark = pytest.mark.browser


# Wednesday 18 November 2026, 10:00 in Vilanova: "this weekend" is Friday 20
# to Sunday 22. The clock starts there for every test and ticks (the live
# server and the browser need time to pass), so no run can cross a day or a
# month, whatever the date the suite runs on.
NOW = local(2026, 11, 18, 10)
SUNDAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _fixed_clock():
    with time_machine.travel(NOW, tick=True):
        assert listing.period_days(listing.WEEKEND, date(2026, 11, 18)) == (date(2026, 11, 20), SUNDAY)
        yield


def _agenda():
    """Activities on the last day of this weekend (all day)."""
    start = local(SUNDAY.year, SUNDAY.month, SUNDAY.day)
    park = make_venue("Parc de la Riera")
    wanted = make_event(
        title="Gimcana familiar al parc",
        summary="Proves i jocs per a famílies amb infants. Gratuït.",
        venue=park,
        audiences=["families", "infants"],
        sessions=[(start, start, True)],
        accessible=True,
    )
    make_event(
        title="Concert de pagament",
        is_free=False,
        price_text="10 €",
        audiences=["families"],
        sessions=[(start, start, True)],
    )
    make_event(
        title="Taller per a joves",
        audiences=["joves"],
        sessions=[(start, start, True)],
    )
    make_event(
        title="Activitat de la setmana vinent",
        audiences=["families"],
        sessions=[(start + timedelta(days=7), start + timedelta(days=7), True)],
    )
    return wanted


def test_citizen_filters_weekend_free_family_activities_and_opens_one(visitor, transactional_db):
    wanted = _agenda()
    page = visitor.page
    visitor.goto("/ca/agenda/")
    page.get_by_role("link", name="Aquest cap de setmana").click()
    page.wait_for_url("**quan=cap-de-setmana**")
    # The quick period is kept in the form; add the other filters.
    page.get_by_label("Quan").select_option("cap-de-setmana")
    page.get_by_label("Només gratuïtes").check()
    page.get_by_label("Públic").select_option("families")
    page.get_by_role("button", name="Filtra").click()
    page.wait_for_url("**gratuit=on**")
    results = page.get_by_role("region", name="Activitats")
    titles = results.get_by_role("heading", level=3).all_inner_texts()
    assert titles == ["Gimcana familiar al parc"]
    results.get_by_role("link", name="Gimcana familiar al parc").click()
    page.wait_for_url(f"**{wanted.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Gimcana familiar al parc"
    assert page.get_by_role("link", name="Afegeix al calendari").is_visible()
    assert (
        page.get_by_role("link", name="Mostra-ho al mapa (OpenStreetMap)")
        .get_attribute("href")
        .startswith("https://www.openstreetmap.org/?mlat=")
    )
    assert visitor.csp_violations() == []


@pytest.mark.parametrize(
    "path, status",
    [
        ("/ca/agenda/", 200),
        ("/ca/agenda/?quan=cap-de-setmana&gratuit=on&public=families", 200),
        ("/ca/agenda/?desde=2026-02-31&categoria=res", 400),
        ("DETAIL", 200),
        ("MONTH", 200),
        ("DAY", 200),
    ],
)
def test_agenda_pages_have_no_accessibility_violations(path, status, open_session, transactional_db):
    wanted = _agenda()
    path = {
        "DETAIL": wanted.get_absolute_url(),
        "MONTH": "/ca/agenda/calendari/2026/11/",
        "DAY": "/ca/agenda/2026/11/22/",
    }.get(path, path)
    check_page(open_session(DESKTOP), path, status, "ca")


def test_event_page_on_a_phone(open_session, transactional_db):
    wanted = _agenda()
    check_page(open_session(MOBILE), wanted.get_absolute_url(), 200, "ca")
