"""Every event page's schema.org Event carries its dates, whatever they are:
search engines drop an Event without ``startDate``."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from agenda.models import EventStatus, Frequency, Occurrence
from agenda.recurrence import edit_occurrence
from tests.factories import local, make_event
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db

# Wednesday 18 November 2026, 10:00 in Vilanova.
NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


def dates_of(client, event) -> tuple[str, str]:
    data = json_ld(client.get(event.get_absolute_url()))
    return data.get("startDate"), data.get("endDate")


@time_machine.travel(NOW, tick=False)
def test_upcoming_event_states_its_next_dates(client):
    event = make_event(sessions=[(local(2026, 11, 21, 19), local(2026, 11, 21, 21))])
    assert dates_of(client, event) == ("2026-11-21T19:00:00+01:00", "2026-11-21T21:00:00+01:00")


@time_machine.travel(NOW, tick=False)
def test_past_event_states_the_dates_it_had(client):
    timed = make_event(sessions=[(local(2026, 10, 3, 18), local(2026, 10, 3, 20))])
    all_day = make_event(sessions=[(local(2026, 11, 1), local(2026, 11, 2), True)])
    assert dates_of(client, timed) == ("2026-10-03T18:00:00+02:00", "2026-10-03T20:00:00+02:00")
    assert dates_of(client, all_day) == ("2026-11-01", "2026-11-02")


@time_machine.travel(NOW, tick=False)
def test_series_states_its_next_date_then_its_last_one(client):
    series = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 12, 3),
        sessions=[(local(2026, 11, 5, 9), local(2026, 11, 5, 10))],
    )
    assert dates_of(client, series) == ("2026-11-19T09:00:00+01:00", "2026-11-19T10:00:00+01:00")
    with time_machine.travel(datetime(2027, 1, 10, tzinfo=UTC), tick=False):
        assert dates_of(client, series) == ("2026-12-03T09:00:00+01:00", "2026-12-03T10:00:00+01:00")


@time_machine.travel(NOW, tick=False)
def test_cancelled_events_and_dates_keep_their_dates(client):
    upcoming = make_event(
        event_status=EventStatus.CANCELLED, sessions=[(local(2026, 11, 28, 12), local(2026, 11, 28, 13))]
    )
    past = make_event(
        event_status=EventStatus.CANCELLED, sessions=[(local(2026, 9, 12, 12), local(2026, 9, 12, 13))]
    )
    for event, start in ((upcoming, "2026-11-28T12:00:00+01:00"), (past, "2026-09-12T12:00:00+02:00")):
        data = json_ld(client.get(event.get_absolute_url()))
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
        assert data["startDate"] == start and data["endDate"]
    # A series whose last date was cancelled still has dates.
    series = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 11, 12),
        sessions=[(local(2026, 11, 5, 9), local(2026, 11, 5, 10))],
    )
    edit_occurrence(Occurrence.objects.get(event=series, original_date=date(2026, 11, 12)), cancelled=True)
    start, end = dates_of(client, series)
    assert start.startswith("2026-11-") and end.startswith("2026-11-")


@time_machine.travel(NOW, tick=False)
def test_event_beyond_the_stored_horizon_states_its_session(client, settings):
    # Its occurrences are not stored yet (AGENDA_HORIZON_DAYS): the session says when.
    settings.AGENDA_HORIZON_DAYS = 30
    event = make_event(sessions=[(local(2027, 6, 5, 18), local(2027, 6, 5, 19))])
    assert not event.occurrences.exists()
    assert dates_of(client, event) == ("2027-06-05T18:00:00+02:00", "2027-06-05T19:00:00+02:00")
