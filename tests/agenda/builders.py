"""Small builders for the agenda tests."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

MADRID = ZoneInfo("Europe/Madrid")
_counter = itertools.count(1)


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

    number = next(_counter)
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
        from agenda.models import Audience

        event.audiences.set(Audience.objects.filter(slug__in=audiences))
    if tags:
        event.tags.add(*tags)
    if materialise:
        build(event)
    return event
