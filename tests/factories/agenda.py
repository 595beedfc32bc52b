"""The agenda: venues, events with their sessions, the fixed audiences, and
the event change form's data."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from ._sequence import next_number
from .admin_forms import SOCIAL_PREFIX

MADRID = ZoneInfo("Europe/Madrid")


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MADRID)


def make_venue(name="Casal de Cultura", **fields):
    from agenda.models import Venue

    values = {
        "name": name,
        "address": "Carrer Major, 12",
        "postal_code": "08800",
        "town": "Vilanova del Riu",
        "latitude": "41.224100",
        "longitude": "1.725300",
    }
    values.update(fields)
    return Venue.objects.create(**values)


def make_event(*, sessions=(), audiences=(), tags=(), materialise=True, **fields):
    """A published, visible event; ``sessions`` are (start, end[, all_day])."""
    from agenda.models import Category, Event, Status
    from agenda.recurrence import materialise as build

    number = next_number()
    values = {
        "title": f"Activitat número {number}",
        "summary": f"Resum planer de l'activitat {number}.",
        "category": Category.CULTURE,
        "organiser_name": "Associació de veïns",
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(days=30),
    }
    values.update(fields)
    if "venue" not in values:
        values["venue"] = make_venue()
    event = Event.objects.create(**values)
    for session in sessions:
        start, end, *rest = session
        event.sessions.create(start=start, end=end, all_day=bool(rest and rest[0]))
    if audiences:
        event.audiences.set(ensure_audiences(audiences))
    if tags:
        event.tags.add(*tags)
    if materialise:
        build(event)
    return event


def ensure_audiences(slugs=()):
    """The fixed audiences of migration 0002 (a transactional test's flush
    empties the table the migration filled)."""
    import importlib

    from agenda.models import Audience

    rows = importlib.import_module("agenda.migrations.0002_audiences").AUDIENCES
    for slug, name, name_es, position in rows:
        Audience.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es, "position": position}
        )
    return Audience.objects.filter(slug__in=slugs)


def event_admin_form_data(**overrides) -> dict:
    """POST data of the event add form for a valid online concert with one
    session, with ``overrides`` applied."""
    data = {
        "title": "Concert a la plaça",
        "summary": "Concert de la banda municipal.",
        "description": "",
        "category": "cultura",
        "organiser_name": "Banda municipal",
        "attendance_mode": "online",
        "online_url": "https://video.example/concert",
        "is_free": "on",
        "registration": "none",
        "event_status": "scheduled",
        "recurrence_frequency": "",
        "recurrence_interval": "1",
        "recurrence_until": "",
        "recurrence_exceptions": "",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-start_0": "2026-11-24",
        "sessions-0-start_1": "18:00",
        "sessions-0-end_0": "2026-11-24",
        "sessions-0-end_1": "20:00",
        "occurrences-TOTAL_FORMS": "0",
        "occurrences-INITIAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-TOTAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
