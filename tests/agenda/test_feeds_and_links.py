"""The agenda reachable from every page (navigation, footer, sitemap), and an
event's status in every feed (the institutional agenda's feeds are in
tests/institutional)."""

import re
from datetime import UTC, date, datetime
from xml.etree import ElementTree

import icalendar
import pytest
import time_machine

from agenda.models import EventStatus, Frequency, Occurrence
from agenda.recurrence import edit_occurrence
from tests.factories import local, make_event

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def main_nav(page: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)


# --- navigation -------------------------------------------------------------------------


def test_main_navigation_leads_to_both_agendas_and_marks_where_you_are(client):
    home = client.get("/ca/").content.decode()
    nav = main_nav(home)
    assert '<a href="/ca/agenda/">Agenda</a>' in nav
    assert '<a href="/ca/agenda-institucional/">Agenda institucional</a>' in nav
    assert 'href="/ca/agenda/proposa/">Proposa una activitat</a>' in home

    assert '<a href="/ca/agenda/" aria-current="page">Agenda</a>' in main_nav(
        client.get("/ca/agenda/").content.decode()
    )
    event = make_event(title="Concert", sessions=[(local(2026, 11, 21, 19), local(2026, 11, 21, 21))])
    assert '<a href="/ca/agenda/" aria-current="true">Agenda</a>' in main_nav(
        client.get(event.get_absolute_url()).content.decode()
    )
    archive = main_nav(client.get("/ca/agenda-institucional/arxiu/").content.decode())
    assert '<a href="/ca/agenda-institucional/" aria-current="true">Agenda institucional</a>' in archive
    assert 'aria-current="true">Agenda</a>' not in archive


# --- status in every feed ---------------------------------------------------------------


@pytest.fixture
def statuses(db):
    events = {
        "cancelled": make_event(
            title="Xerrada anul·lada",
            event_status=EventStatus.CANCELLED,
            sessions=[(local(2026, 11, 20, 19), local(2026, 11, 20, 20))],
        ),
        "postponed": make_event(
            title="Teatre ajornat",
            event_status=EventStatus.POSTPONED,
            previous_start=local(2026, 11, 19, 21),
            sessions=[(local(2026, 11, 27, 21), local(2026, 11, 27, 23))],
        ),
        "rescheduled": make_event(
            title="Cinema canviat de dia",
            event_status=EventStatus.RESCHEDULED,
            previous_start=local(2026, 11, 14, 22),
            sessions=[(local(2026, 11, 21, 22), local(2026, 11, 21, 23, 30))],
        ),
        "series": make_event(
            title="Ioga al parc",
            recurrence_frequency=Frequency.WEEKLY,
            recurrence_until=date(2026, 12, 10),
            sessions=[(local(2026, 11, 19, 9), local(2026, 11, 19, 10))],
        ),
    }
    edit_occurrence(
        Occurrence.objects.get(event=events["series"], original_date=date(2026, 11, 26)),
        cancelled=True,
        note="Pluja",
    )
    edit_occurrence(
        Occurrence.objects.get(event=events["series"], original_date=date(2026, 12, 3)),
        start=local(2026, 12, 3, 11),
        end=local(2026, 12, 3, 12),
    )
    return events


def test_rss_and_atom_say_cancelled_postponed_rescheduled_and_moved(client, statuses):
    rss = ElementTree.fromstring(client.get("/ca/agenda/rss/").content)
    items = {item.findtext("title"): item.findtext("description") for item in rss.iter("item")}
    titles = list(items)

    def title_of(name):
        (found,) = [t for t in titles if name in t]
        return found

    assert title_of("Xerrada").startswith("Cancel·lat: Xerrada anul·lada")
    assert title_of("Teatre").startswith("Ajornat: Teatre ajornat")
    assert title_of("Cinema").startswith("Reprogramat: Cinema canviat de dia")
    assert "abans previst el dissabte, 14 de novembre de 2026, 22.00 h" in items[title_of("Cinema")]
    assert "estava previst el dijous, 19 de novembre de 2026, 21.00 h" in items[title_of("Teatre")]
    yoga = [t for t in titles if "Ioga" in t]
    assert [t for t in yoga if "26 de novembre" in t] == [
        "Cancel·lat: Ioga al parc · dijous, 26 de novembre de 2026, 9.00 h"
    ]
    assert any(t.startswith("Canvi d'horari: Ioga al parc · dijous, 3 de desembre") for t in yoga)
    assert any(t == "Ioga al parc · dijous, 19 de novembre de 2026, 9.00 h" for t in yoga)

    atom = ElementTree.fromstring(client.get("/ca/agenda/atom/").content)
    atom_titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert sorted(atom_titles) == sorted(titles)


def test_ics_says_the_status_in_words_and_in_status(client, statuses):
    calendar = icalendar.Calendar.from_ical(client.get("/ca/agenda/agenda.ics").content)
    events = list(calendar.walk("VEVENT"))
    by_summary = {}
    for component in events:
        by_summary.setdefault(str(component["SUMMARY"]), []).append(component)

    (cancelled,) = by_summary["Cancel·lat: Xerrada anul·lada"]
    assert cancelled["STATUS"] == "CANCELLED"
    (postponed,) = by_summary["Ajornat: Teatre ajornat"]
    assert postponed["STATUS"] == "TENTATIVE"
    assert "estava previst el dijous, 19 de novembre de 2026, 21.00 h" in str(postponed["DESCRIPTION"])
    (rescheduled,) = by_summary["Reprogramat: Cinema canviat de dia"]
    assert rescheduled["STATUS"] == "CONFIRMED"
    assert "abans previst el dissabte, 14 de novembre de 2026, 22.00 h" in str(rescheduled["DESCRIPTION"])

    # The series keeps its plain name; the cancelled date says so, the moved
    # one keeps the name and explains in its description.
    (series,) = [c for c in by_summary["Ioga al parc"] if "RRULE" in c]
    (cancelled_date,) = by_summary["Cancel·lat: Ioga al parc"]
    assert cancelled_date["STATUS"] == "CANCELLED" and "RECURRENCE-ID" in cancelled_date
    assert "Pluja" in str(cancelled_date["DESCRIPTION"])
    assert cancelled_date["UID"] == series["UID"]
    (moved,) = [c for c in by_summary["Ioga al parc"] if "RECURRENCE-ID" in c]
    assert moved["STATUS"] == "CONFIRMED" and "Canvi d'horari" in str(moved["DESCRIPTION"])


# --- sitemap ---------------------------------------------------------------------------


def test_sitemap_lists_the_agenda_and_the_proposal_form(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/ca/agenda/", "/ca/agenda/proposa/"):
        assert f"{path}</loc>" in body, path


def test_month_and_day_views_name_the_status(client, statuses):
    month = client.get("/ca/agenda/calendari/2026/11/").content.decode()
    assert re.search(r"Xerrada anul·lada</a> <span[^>]*>\(cancel·lat\)", month)
    assert re.search(r"Teatre ajornat</a> <span[^>]*>\(ajornat\)", month)
    assert re.search(r"Cinema canviat de dia</a> <span[^>]*>\(reprogramat\)", month)
    assert re.search(r"Ioga al parc</a> <span[^>]*>\(cancel·lat\)", month)
    day = client.get("/ca/agenda/2026/11/21/").content.decode()
    assert "Reprogramat" in day and "abans previst el" in day
