"""Site search source for the agenda: visible events whose title or summary
(either language) contain every word of the query, soonest first.

A plain case-insensitive match on the indexed visible set: a town agenda has
hundreds to a few thousand events, where this costs milliseconds on both
databases (news need PostgreSQL's full-text index; events do not yet)."""

from django.db.models import F, Min, Q
from django.utils import timezone

from .models import Event


def search_events(query: str, limit: int = 20) -> list:
    words = query.split()[:10]
    if not words:
        return []
    now = timezone.now()
    events = Event.objects.visible(now).for_listing()
    for word in words:
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(title_es__icontains=word)
            | Q(summary_es__icontains=word)
        )
    events = events.annotate(next_start=Min("occurrences__start", filter=Q(occurrences__end__gt=now)))
    return list(events.order_by(F("next_start").asc(nulls_last=True), "-publish_at")[:limit])
