"""iCalendar export (RFC 5545) with the ``icalendar`` library.

One VEVENT per session: ``UID`` ``event-<event pk>-<session pk>@<domain>``,
stable across exports; a series carries its RRULE and EXDATEs with DTSTART in
Europe/Madrid (so calendar apps keep 18:00 across the DST change) and a
VTIMEZONE; a single moved or cancelled occurrence of a series is a VEVENT
with the same UID and a RECURRENCE-ID. ``SEQUENCE`` is the event's
``ical_sequence``; a cancelled event or occurrence has STATUS:CANCELLED;
all-day sessions use VALUE=DATE."""

import functools
import hashlib
import re
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language

from comunicacio import pagecache

from .models import Event, EventSession, EventStatus, Occurrence
from .recurrence import local_zone, rule_for
from .status_text import status_label, status_sentence

PRODID = "-//Ajuntament//Agenda Comunicacio//CA"


def domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def uid(event: Event, session: EventSession) -> str:
    return f"event-{event.pk}-{session.pk}@{domain()}"


def _local(value: datetime) -> datetime:
    return value.astimezone(local_zone())


def _status(event: Event, cancelled: bool = False) -> str:
    if cancelled or event.event_status == EventStatus.CANCELLED:
        return "CANCELLED"
    if event.event_status == EventStatus.POSTPONED:
        return "TENTATIVE"
    return "CONFIRMED"


def _base(event: Event, session: EventSession, occurrence: Occurrence | None = None) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", uid(event, session))
    component.add("dtstamp", event.updated_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("sequence", event.ical_sequence)
    # The status in words too: not every calendar app shows STATUS.
    label = status_label(event, occurrence)
    moved_only = (
        occurrence is not None and not occurrence.cancelled and event.event_status == EventStatus.SCHEDULED
    )
    component.add("summary", f"{label}: {event.title}" if label and not moved_only else event.title)
    sentence = status_sentence(event, occurrence)
    description = f"{sentence}.\n\n{event.summary}" if sentence else event.summary
    component.add("description", f"{description}\n\n{settings.SITE_URL}{event.get_absolute_url()}")
    component.add("url", settings.SITE_URL + event.get_absolute_url())
    component.add("categories", [event.get_category_display()])
    if event.venue_id:
        component.add("location", ", ".join(p for p in (event.venue.name, event.venue.full_address) if p))
        if event.venue.latitude is not None and event.venue.longitude is not None:
            component.add("geo", (float(event.venue.latitude), float(event.venue.longitude)))
    elif event.online_url:
        component.add("location", event.online_url)
    return component


def _dates(component, start: datetime, end: datetime, all_day: bool, session: bool = False) -> None:
    """``end`` is exclusive (an occurrence's) or, for a session, the last day."""
    if all_day:
        first = _local(start).date()
        if session:
            last_exclusive = _local(end).date() + timedelta(days=1)
        else:
            last_exclusive = _local(end - timedelta(microseconds=1)).date() + timedelta(days=1)
        component.add("dtstart", first)
        component.add("dtend", last_exclusive)
    else:
        component.add("dtstart", _local(start))
        component.add("dtend", _local(end))


def _session_components(event, session, overrides) -> list:
    rule = rule_for(event, session)
    if rule is None:
        # A one-off session: its single occurrence (moved or cancelled) is the event.
        row = overrides.get(session.pk, [None])[0]
        main = _base(event, session, row)
        if row is not None:
            _dates(main, row.start, row.end, session.all_day)
        else:
            _dates(main, session.start, session.end, session.all_day, session=True)
        main.add("status", _status(event, cancelled=bool(row and row.cancelled)))
        return [main]
    main = _base(event, session)
    _dates(main, session.start, session.end, session.all_day, session=True)
    main.add("status", _status(event))
    rrule = {"FREQ": event.recurrence_frequency, "INTERVAL": event.recurrence_interval or 1}
    if session.all_day:
        rrule["UNTIL"] = event.recurrence_until
    else:
        # With a TZID start, UNTIL is in UTC: the end of the last local day.
        last = datetime.combine(event.recurrence_until, time(23, 59, 59), tzinfo=local_zone())
        rrule["UNTIL"] = last.astimezone(UTC)
    codes = event.weekday_codes()
    if codes:
        week = event.recurrence_week_of_month if event.recurrence_frequency == "MONTHLY" else None
        rrule["BYDAY"] = [f"{week}{code}" if week else code for code in codes]
    main.add("rrule", rrule)
    excluded = event.exception_dates()
    if excluded:
        wall = _local(session.start).timetz()
        if session.all_day:
            main.add("exdate", excluded)
        else:
            main.add(
                "exdate",
                [datetime.combine(day, wall.replace(tzinfo=None), tzinfo=local_zone()) for day in excluded],
            )
    components = [main]
    for row in overrides.get(session.pk, []):
        override = _base(event, session, row)
        if session.all_day:
            override.add("recurrence-id", row.original_date)
        else:
            override.add("recurrence-id", _local(row.original_start))
        _dates(override, row.start, row.end, session.all_day)
        override.add("status", _status(event, cancelled=row.cancelled))
        components.append(override)
    return components


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{settings.COUNCIL_NAME} · Agenda")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _schedules(events: list[Event]) -> tuple[dict[int, list], dict[int, list]]:
    """(sessions by event, moved or cancelled occurrences by session): two queries."""
    ids = [event.pk for event in events]
    sessions: dict[int, list] = {}
    for session in EventSession.objects.filter(event_id__in=ids).order_by("start", "pk"):
        sessions.setdefault(session.event_id, []).append(session)
    overrides: dict[int, list] = {}
    for row in _override_rows(ids):
        overrides.setdefault(row.session_id, []).append(row)
    return sessions, overrides


def _override_rows(ids):
    rows = Occurrence.objects.filter(event_id__in=ids).exclude(cancelled=False, override_start__isnull=True)
    return rows.order_by("original_start", "pk")


def calendar_for(events: list[Event]) -> icalendar.Calendar:
    """A calendar of ``events`` (venues selected), in three queries at most."""
    calendar = _calendar()
    sessions, overrides = _schedules(events)
    for event in events:
        for session in sessions.get(event.pk, []):
            for component in _session_components(event, session, overrides):
                calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar


# What a VEVENT says besides its sessions and overrides: its cached text is
# keyed on these (and the language of the labels), so any change to them
# renders it afresh, even within a cache generation.
EVENT_FIELDS = (
    "updated_at",
    "ical_sequence",
    "title",
    "summary",
    "slug",
    "category",
    "event_status",
    "previous_start",
    "online_url",
    "venue_id",
    "recurrence_frequency",
    "recurrence_interval",
    "recurrence_weekdays",
    "recurrence_week_of_month",
    "recurrence_until",
    "recurrence_exceptions",
)
VENUE_FIELDS = ("name", "address", "postal_code", "town", "latitude", "longitude")
SESSION_FIELDS = ("pk", "start", "end", "all_day")
OVERRIDE_FIELDS = (
    "pk",
    "original_date",
    "original_start",
    "start",
    "end",
    "cancelled",
    "override_start",
    "note",
)
TZID_PARAMETER = re.compile(r"^[A-Z][A-Z0-9-]*;(?:[^:\r\n]*;)?TZID=([^;:\r\n]+)", re.M)


def fragment_keys(ids: list[int], language: str) -> dict[int, str]:
    """The page cache key of each event's VEVENT text, naming everything it
    is made of, from light rows: three queries, no model instances."""
    names = ("pk", *EVENT_FIELDS, *(f"venue__{name}" for name in VENUE_FIELDS))
    events = Event.objects.filter(pk__in=ids).values_list(*names)
    sessions: dict[int, list] = {}
    for event_id, *fields in (
        EventSession.objects.filter(event_id__in=ids)
        .order_by("start", "pk")
        .values_list("event_id", *SESSION_FIELDS)
    ):
        sessions.setdefault(event_id, []).append(fields)
    overrides: dict[int, list] = {}
    for session_id, *fields in _override_rows(ids).values_list("session_id", *OVERRIDE_FIELDS):
        overrides.setdefault(session_id, []).append(fields)
    keys = {}
    for pk, *fields in events:
        # A session's own fields start with its pk.
        parts = [fields, [(session, overrides.get(session[0], [])) for session in sessions.get(pk, [])]]
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        keys[pk] = f"pagecache:ics:{language}:{pk}:{digest}"
    return keys


def export(ids: list[int]) -> bytes:
    """The iCalendar text of the events ``ids``, in primary key order: the
    same as ``calendar_for(events).to_ical()``. Each event's VEVENTs are a
    page-cache fragment: four queries when they are all cached (the keys are
    read from light rows), three more to load the events that are not."""
    language = get_language()
    keys = fragment_keys(ids, language)
    order = sorted(keys)

    def render_missing(indexes: list[int]) -> list[str]:
        wanted = [order[index] for index in indexes]
        events = (
            Event.objects.filter(pk__in=wanted).select_related("venue").defer("description", "description_es")
        )
        events = {event.pk: event for event in events}
        sessions, overrides = _schedules(list(events.values()))
        blocks = []
        for pk in wanted:
            event = events[pk]
            components = [
                component
                for session in sessions.get(pk, [])
                for component in _session_components(event, session, overrides)
            ]
            blocks.append("".join(component.to_ical().decode() for component in components))
        return blocks

    blocks = pagecache.fragments([keys[pk] for pk in order], render_missing)
    end = "END:VCALENDAR\r\n"
    head = _calendar().to_ical().decode().removesuffix(end)
    zones = sorted({tzid for block in blocks for tzid in TZID_PARAMETER.findall(block)})
    return "".join([head, *map(_timezone, zones), *blocks, end]).encode()


@functools.cache
def _timezone(tzid: str) -> str:
    """The VTIMEZONE of ``tzid`` as ``add_missing_timezones`` writes it."""
    return icalendar.Timezone.from_tzid(tzid).to_ical().decode()


def response(body: bytes, filename: str) -> HttpResponse:
    result = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
