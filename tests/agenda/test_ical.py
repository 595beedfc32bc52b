"""iCalendar exports parsed back with the icalendar library."""

from datetime import UTC, date, datetime

import icalendar
import pytest
import time_machine
from django.core.cache import cache

from agenda import ical
from agenda.models import Event, EventStatus, Frequency, Occurrence
from agenda.recurrence import edit_occurrence, materialise
from tests.factories import MADRID, local, make_event

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def series(db):
    with time_machine.travel(NOW, tick=False):
        return make_event(
            title="Club de lectura",
            recurrence_frequency=Frequency.WEEKLY,
            recurrence_until=date(2026, 11, 10),
            recurrence_exceptions="2026-10-27",
            sessions=[(local(2026, 10, 20, 18), local(2026, 10, 20, 20))],
        )


@time_machine.travel(NOW, tick=False)
def test_event_ics_has_the_required_properties_and_the_rule(client, series):
    calendar = parse(client.get(f"/ca/agenda/activitat/{series.slug}/calendari.ics"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    (event,) = vevents(calendar)
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
        assert name in event, name
    assert str(event["SUMMARY"]) == "Club de lectura"
    start = event.decoded("DTSTART")
    assert start == local(2026, 10, 20, 18) and start.tzinfo.key == "Europe/Madrid"
    assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].astimezone(MADRID).date() == date(2026, 11, 10)
    exdates = [d.dt for d in event["EXDATE"].dts]
    assert exdates == [local(2026, 10, 27, 18)]
    assert str(event["STATUS"]) == "CONFIRMED"


@time_machine.travel(NOW, tick=False)
def test_uids_are_stable_and_sequence_bumps_on_change(client, series):
    url = f"/ca/agenda/activitat/{series.slug}/calendari.ics"
    first = vevents(parse(client.get(url)))[0]
    again = vevents(parse(client.get(url + "?again")))[0]
    assert first["UID"] == again["UID"]
    assert str(first["UID"]).startswith(f"event-{series.pk}-")
    assert int(first["SEQUENCE"]) == 0
    series.event_status = EventStatus.CANCELLED
    series.save()
    materialise(series)
    changed = vevents(parse(client.get(url + "?changed")))[0]
    assert changed["UID"] == first["UID"]
    assert int(changed["SEQUENCE"]) == 1
    assert str(changed["STATUS"]) == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_single_occurrence_edits_are_recurrence_id_overrides(client, series):
    edit_occurrence(Occurrence.objects.get(event=series, original_date=date(2026, 11, 3)), cancelled=True)
    edit_occurrence(
        Occurrence.objects.get(event=series, original_date=date(2026, 11, 10)),
        start=local(2026, 11, 12, 17),
        end=local(2026, 11, 12, 19),
    )
    components = vevents(parse(client.get(f"/ca/agenda/activitat/{series.slug}/calendari.ics")))
    main = [c for c in components if "RECURRENCE-ID" not in c]
    overrides = {c.decoded("RECURRENCE-ID"): c for c in components if "RECURRENCE-ID" in c}
    assert len(main) == 1
    assert {c["UID"] for c in components} == {main[0]["UID"]}
    cancelled = overrides[local(2026, 11, 3, 18)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    moved = overrides[local(2026, 11, 10, 18)]
    assert moved.decoded("DTSTART") == local(2026, 11, 12, 17)
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert int(main[0]["SEQUENCE"]) == 2


@time_machine.travel(NOW, tick=False)
def test_all_day_events_use_dates(client, db):
    fair = make_event(title="Fira de Sant Martí", sessions=[(local(2026, 11, 7), local(2026, 11, 8), True)])
    (event,) = vevents(parse(client.get(f"/ca/agenda/activitat/{fair.slug}/calendari.ics")))
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == date(2026, 11, 7)
    assert event.decoded("DTEND") == date(2026, 11, 9)  # exclusive


@time_machine.travel(NOW, tick=False)
def test_agenda_ics_follows_the_list_filters(client, series):
    make_event(
        title="Partit de bàsquet",
        category="esports",
        sessions=[(local(2026, 10, 3, 18), local(2026, 10, 3, 20))],
    )
    everything = {str(e["SUMMARY"]) for e in vevents(parse(client.get("/ca/agenda/agenda.ics")))}
    assert everything == {"Club de lectura", "Partit de bàsquet"}
    sports = {
        str(e["SUMMARY"]) for e in vevents(parse(client.get("/ca/agenda/agenda.ics?categoria=esports")))
    }
    assert sports == {"Partit de bàsquet"}
    bad = client.get("/ca/agenda/agenda.ics?desde=2026-02-31")
    assert bad.status_code == 400
    assert "data" in bad.content.decode().lower()


@time_machine.travel(NOW, tick=False)
def test_export_from_cached_fragments_is_the_calendar_text(client, series):
    edit_occurrence(
        Occurrence.objects.get(event=series, original_date=date(2026, 11, 3)), cancelled=True, note="Pluja"
    )
    fair = make_event(title="Fira de Sant Martí", sessions=[(local(2026, 11, 7), local(2026, 11, 8), True)])
    single = make_event(title="Concert", sessions=[(local(2026, 10, 9, 21), local(2026, 10, 9, 23))])
    ids = [series.pk, fair.pk, single.pk]
    events = list(Event.objects.filter(pk__in=ids).select_related("venue").order_by("pk"))
    expected = ical.calendar_for(events).to_ical()
    assert ical.export(ids) == expected  # rendered
    assert ical.export(ids[::-1]) == expected  # from the fragments, in primary key order
    # Without a dated session, no VTIMEZONE, as before.
    assert ical.export([fair.pk]) == ical.calendar_for([fair]).to_ical()
    assert b"VTIMEZONE" not in ical.export([fair.pk])


@time_machine.travel(NOW, tick=False)
def test_cached_vevents_show_an_edit_at_once(client, series, settings):
    settings.PAGE_CACHE_SECONDS = 0  # only the fragments are cached
    url = "/ca/agenda/agenda.ics"
    (first,) = vevents(parse(client.get(url)))
    assert str(first["SUMMARY"]) == "Club de lectura"
    # The VEVENT text is stored under the event's key (the next request reads it).
    key = ical.fragment_keys([series.pk], "ca")[series.pk]
    assert "SUMMARY:Club de lectura\r\n" in cache.get(key)[1]
    # A second later, well within the fragments' lifetime (at least 60 s) and
    # with no purge: only the key, which names the event's fields, shows it.
    with time_machine.travel(datetime(2026, 10, 1, 9, 0, 1, tzinfo=UTC), tick=False):
        series.refresh_from_db()
        series.title = "Club de lectura en veu alta"
        series.save()
        (renamed,) = vevents(parse(client.get(url)))
    assert str(renamed["SUMMARY"]) == "Club de lectura en veu alta"
    # A note alone does not bump SEQUENCE, but the description carries it.
    occurrence = Occurrence.objects.get(event=series, original_date=date(2026, 11, 3))
    edit_occurrence(occurrence, cancelled=True)
    (cancelled,) = [c for c in vevents(parse(client.get(url))) if "RECURRENCE-ID" in c]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    sequence = int(cancelled["SEQUENCE"])
    edit_occurrence(occurrence, note="Sala tancada")
    (noted,) = [c for c in vevents(parse(client.get(url))) if "RECURRENCE-ID" in c]
    assert int(noted["SEQUENCE"]) == sequence
    assert "Sala tancada" in str(noted["DESCRIPTION"])
