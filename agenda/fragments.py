"""Agenda HTML fragments, through the foundation's card fragments
(``comunicacio.cards``): the list's cards and filter form, an event page's dates.

A card shows one occurrence of an event: its key names the occurrence's own
fields, the event's last change, its image and venue, and the language. The
list reads light rows (``card_rows``); full rows are loaded only for the
cards missing from the cache."""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from comunicacio import cards, registry

from .models import Event, Occurrence

OCCURRENCE_FIELDS = (
    "start",
    "end",
    "all_day",
    "local_date",
    "local_end_date",
    "original_start",
    "cancelled",
    "override_start",
    "note",
)
EVENT_FIELDS = ("updated_at", "image_id", "venue_id")


def card_rows(occurrences):
    """Light rows of ``occurrences``: what ``card_key`` needs, no more."""
    return (
        occurrences.select_related(None)
        .select_related("event")
        .only(
            "event_id", *OCCURRENCE_FIELDS, *(f"event__{name.removesuffix('_id')}" for name in EVENT_FIELDS)
        )
    )


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def _fields(instance, names) -> tuple:
    return tuple(getattr(instance, name) for name in names)


def card_key(occurrence, language: str) -> str:
    digest = _digest((_fields(occurrence, OCCURRENCE_FIELDS), _fields(occurrence.event, EVENT_FIELDS)))
    return f"pagecache:card:agenda:{language}:{occurrence.pk}:{occurrence.event_id}:{digest}"


def filters_key(request) -> str:
    """The list's filter form depends on the filters chosen and the language
    (and venues and publics, which the generation covers)."""
    chosen = urlencode(sorted((k, v) for k, v in request.GET.lists() if k != "page"), doseq=True)
    digest = hashlib.blake2b(chosen.encode(), digest_size=12).hexdigest()
    return f"pagecache:form:agenda:{get_language()}:{digest}"


def render_filters(request, context: dict) -> Callable[[], str]:
    return lambda: render_to_string("agenda/_filters.html", {**context, "request": request})


def render_cards(occurrences, extra: dict[str, Callable[[], str]] | None = None) -> list[SafeString]:
    """The HTML cards of ``occurrences`` (light rows will do), then the
    fragments of ``extra`` (key: render function), in one cache round trip."""
    return cards.render_cards(
        occurrences,
        template=registry.spec_for(Event).card_template,
        key=card_key,
        load=lambda pks: Occurrence.objects.for_listing().in_bulk(pks),
        context=lambda occurrence: {"occurrence": occurrence, "event": occurrence.event},
        extra=extra,
    )


def render_dates(event, context: dict, cached: bool = True) -> SafeString:
    """An event page's "Dates" section (``agenda/_dates.html``): a series has
    dozens of dates, each formatted in words. ``context`` holds ``upcoming``,
    ``past`` (the last ten, newest first) and ``past_count``; the key names
    every date shown, on which side of now it is, and the event's status."""

    def render() -> str:
        return render_to_string("agenda/_dates.html", {"event": event, **context})

    if not cached:
        return mark_safe(render())
    digest = _digest(
        (
            event.event_status,
            context["past_count"],
            [(o.pk, _fields(o, OCCURRENCE_FIELDS)) for o in context["upcoming"]],
            [(o.pk, _fields(o, OCCURRENCE_FIELDS)) for o in context["past"]],
        )
    )
    return cards.render_one(f"pagecache:dates:agenda:{get_language()}:{event.pk}:{digest}", render)
