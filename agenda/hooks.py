"""The agenda declares itself to the foundation (minimal: what the site search reads)."""

from django.db.models import F, Min, Q
from django.utils import timezone

from comunicacio.registry import ContentSpec, register_content

from .models import Event


def listing():
    """Visible events, soonest next occurrence first (past ones last)."""
    now = timezone.now()
    return (
        Event.objects.visible(now)
        .for_listing()
        .annotate(next_start=Min("occurrences__start", filter=Q(occurrences__end__gt=now)))
        .order_by(F("next_start").asc(nulls_last=True), "-publish_at")
    )


register_content(ContentSpec(model=Event, name="agenda", listing=listing, card_template="agenda/_card.html"))
