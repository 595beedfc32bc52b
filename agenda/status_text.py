"""An event's (or one occurrence's) status in words, for the feeds: the
public page uses ``agenda/_status.html``; RSS, Atom and iCalendar use these so
that a cancellation or a new date is as clear in a feed reader or a calendar
app as on the page."""

from django.utils.translation import gettext as _

from comunicacio.formatting import date_time

from .models import EventStatus


def status_label(event, occurrence=None) -> str:
    """ "Cancel·lat", "Ajornat", "Reprogramat", "Canvi d'horari" or ""."""
    if event.event_status == EventStatus.CANCELLED or (occurrence is not None and occurrence.cancelled):
        return _("Cancel·lat")
    if event.event_status == EventStatus.POSTPONED:
        return _("Ajornat")
    if event.event_status == EventStatus.RESCHEDULED:
        return _("Reprogramat")
    if occurrence is not None and occurrence.is_moved:
        return _("Canvi d'horari")
    return ""


def status_sentence(event, occurrence=None) -> str:
    """The label with the date it replaced, when known: "Reprogramat: abans
    previst el dissabte, 14 de novembre de 2026, 19.00 h"."""
    label = status_label(event, occurrence)
    if not label:
        return ""
    if event.previous_start and event.event_status == EventStatus.RESCHEDULED:
        return _("%(label)s: abans previst el %(date)s") % {
            "label": label,
            "date": date_time(event.previous_start),
        }
    if event.previous_start and event.event_status == EventStatus.POSTPONED:
        return _("%(label)s: estava previst el %(date)s") % {
            "label": label,
            "date": date_time(event.previous_start),
        }
    if occurrence is not None and occurrence.note:
        return f"{label}: {occurrence.note}"
    return label
