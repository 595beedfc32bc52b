"""schema.org Event for an event page's JSON-LD."""

from django.conf import settings
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


def event_json_ld(event, occurrence=None) -> dict:
    """``occurrence``: the next one (its dates are the event's start and end)."""
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
    }
    if occurrence is not None:
        if occurrence.all_day:
            data["startDate"] = occurrence.local_date.isoformat()
            data["endDate"] = occurrence.local_end_date.isoformat()
        else:
            data["startDate"] = occurrence.start
            data["endDate"] = occurrence.end
    if event.previous_start and event.event_status in (EventStatus.RESCHEDULED, EventStatus.POSTPONED):
        data["previousStartDate"] = event.previous_start
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
