"""schema.org Event for an event page's JSON-LD."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from .models import AttendanceMode, EventStatus

STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
}
ATTENDANCE = {
    AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def _place(venue) -> dict:
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.town,
            "addressCountry": "ES",
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def _dates(event, occurrence) -> dict:
    """startDate/endDate in local time with its offset. Search engines drop
    an Event without ``startDate``, so a past event states the dates it had
    and an event whose occurrences are not stored yet (beyond the horizon)
    states its first session."""
    if occurrence is not None:
        all_day, start, end = occurrence.all_day, occurrence.start, occurrence.end
        first_day, last_day = occurrence.local_date, occurrence.local_end_date
    else:
        session = event.sessions.order_by("start", "pk").first()
        if session is None:
            return {}
        all_day, start, end = session.all_day, session.start, session.end
        first_day, last_day = timezone.localdate(start), timezone.localdate(end)
    if all_day:
        return {"startDate": first_day.isoformat(), "endDate": last_day.isoformat()}
    start, end = timezone.localtime(start), timezone.localtime(end)
    return {"startDate": start.isoformat(), "endDate": end.isoformat()}


def event_json_ld(event, occurrence=None) -> dict:
    """``occurrence``: the one the page leads with (the next one, or the last
    one of a past event); its dates are the event's start and end."""
    url = settings.SITE_URL + event.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.display_title,
        "description": event.display_summary,
        "url": url,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "eventStatus": STATUS[event.event_status],
        "eventAttendanceMode": ATTENDANCE[event.attendance_mode],
        "isAccessibleForFree": event.is_free,
        "organizer": {
            "@type": "GovernmentOrganization" if event.organiser_unit_id else "Organization",
            "name": event.organiser_display or settings.COUNCIL_NAME,
        },
        **_dates(event, occurrence),
    }
    if event.previous_start and event.event_status in (EventStatus.RESCHEDULED, EventStatus.POSTPONED):
        data["previousStartDate"] = timezone.localtime(event.previous_start).isoformat()
    locations = []
    if event.venue_id:
        locations.append(_place(event.venue))
    if event.online_url and event.attendance_mode != AttendanceMode.OFFLINE:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    offer = {"@type": "Offer", "url": event.registration_url or url}
    if event.is_free:
        offer.update(price=0, priceCurrency="EUR")
    else:
        offer["description"] = event.display_price
    data["offers"] = offer
    if event.image_id:
        data["image"] = [settings.SITE_URL + event.image.fallback_url()]
    return data
