"""How the agenda plugs into the foundation: one declaration (``ContentSpec``)
per content type."""

from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio import admin_messages, dashboard, periodic, style_check
from comunicacio.registry import ContentSpec, HomeSection, NavEntry, Teaser, register_content

from . import dashboard as agenda_dashboard
from .listing import next_listing_change
from .models import Event
from .proposals import notices  # noqa: F401  (registers the proposer emails' outbox)

# Everything but the press mailing, which is news' own.
EVENT_EFFECTS = (
    "cache.purge",
    "workflow.notify",
    "social.publish",
    "social.withdraw",
    "social.flag_outdated",
    "social.post_update",
)


def event_teaser(event) -> Teaser:
    return event.as_teaser("agenda", event.publish_at)


def event_listing():
    """Visible events, soonest next occurrence first (past ones last)."""
    now = timezone.now()
    return (
        Event.objects.visible(now)
        .for_listing()
        .annotate(next_start=Min("occurrences__start", filter=Q(occurrences__end__gt=now)))
        .order_by(F("next_start").asc(nulls_last=True), "-publish_at")
    )


def event_detail_queryset():
    from .views import event_queryset

    return event_queryset()


def event_detail_context(request, event, preview=False) -> dict:
    from .views import detail_context

    return detail_context(request, event, preview=preview)


def home_context() -> dict:
    from .listing import featured_upcoming

    return {"upcoming_events": featured_upcoming()}


def event_social_content(event):
    from .sharing import social_content

    return social_content(event)


def save_event_edit(event, user, *, comment: str = ""):
    # Publishing a working copy records the edit the agenda's way: the
    # occurrences follow the copy's sessions and rule.
    from .actions import save_event

    return save_event(event, user, comment=comment)


register_content(
    ContentSpec(
        model=Event,
        name="agenda",
        teaser=event_teaser,
        card_template="agenda/_card.html",
        detail_template="agenda/detail.html",
        detail_context=event_detail_context,
        detail_queryset=event_detail_queryset,
        listing=event_listing,
        sitemap=True,
        pages=("agenda:list", "proposals:propose"),
        nav=(
            NavEntry("agenda:list", _("Agenda"), order=30, active=("agenda:",)),
            NavEntry("proposals:propose", _("Proposa una activitat"), order=30, place="footer"),
        ),
        feeds=(
            NavEntry("agenda:ics", _("Agenda al teu calendari (iCalendar)"), order=30, place="footer"),
            NavEntry("agenda:feed_rss", _("Agenda en RSS"), order=31, place="footer"),
        ),
        home=HomeSection("agenda/_home_section.html", home_context, order=30),
        effects=EVENT_EFFECTS,
        social_kinds={"agenda.event": _("Activitat de l'agenda")},
        social_read=event_social_content,
        # Occurrences end and the day changes (the calendar's "today").
        visibility_watch=next_listing_change,
        image_field="image",  # public exactly while the event is
        edit_action=save_event_edit,
    )
)

# Materialise the occurrences of running series that entered the horizon
# (idempotent; a few times a day so a missed run costs nothing).
periodic.register("agenda horizon", "agenda.tasks.extend_horizon", every_seconds=6 * 3600, expires=3600)

# The dashboard's panel of proposals waiting for moderation.
dashboard.register_panel(agenda_dashboard.PANEL)

# The grammatical gender of each model, for the back-office's messages
# ("L'activitat «…» s'ha desat").
admin_messages.declare("agenda.event", admin_messages.FEMININE)
admin_messages.declare("agenda.eventsession", admin_messages.FEMININE)
admin_messages.declare("agenda.occurrence", admin_messages.FEMININE)
admin_messages.declare("agenda.venue", admin_messages.MASCULINE)
admin_messages.declare("agenda.audience", admin_messages.MASCULINE)
admin_messages.declare("agenda.eventproposal", admin_messages.FEMININE)

# The exceptions of a series are a list of dates, not prose to check for style.
style_check.skip("agenda.event", "recurrence_exceptions")
