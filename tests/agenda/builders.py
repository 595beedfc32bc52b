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
