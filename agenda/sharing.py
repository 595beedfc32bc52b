"""How an event is shared: plain share links for visitors, and the event as
a social post, with what decides whether it may be posted at all."""

import hashlib
from datetime import datetime, time, timedelta
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Event, EventStatus
from .recurrence import default_horizon


def share_links(title: str, url: str) -> list[dict]:
    """Plain share links (no third-party scripts: the browser only follows a link)."""
    text = f"{title} {url}"
    return [
        {"name": "Mastodon", "url": "https://mastodon.social/share?" + urlencode({"text": text})},
        {"name": "Bluesky", "url": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
        {"name": "Telegram", "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": text})},
        {
            "name": _("Correu electrònic"),
            "url": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
    ]


def last_end(event: Event) -> datetime | None:
    """When the event's last date that still takes place is over: the end of
    its last occurrence not cancelled (of its sessions, if none is
    materialised yet), or of its series' last day when the series runs past
    the materialised horizon. None: no date takes place."""
    if event.occurrences.exists():
        last = event.occurrences.filter(cancelled=False).aggregate(last=Max("end"))["last"]
    else:
        last = event.sessions.aggregate(last=Max("end"))["last"]
    series_beyond_horizon = (
        event.is_recurring and event.recurrence_until and event.recurrence_until > default_horizon()
    )
    if last is not None and series_beyond_horizon:
        day_after = event.recurrence_until + timedelta(days=1)
        last = max(last, timezone.make_aware(datetime.combine(day_after, time())))
    return last


def withheld_reason(event: Event, last: datetime | None) -> str:
    """Why ``event`` must not be posted automatically ("" = it may, as far as
    its status goes; whether its date is over is ``last_end``'s)."""
    if event.event_status == EventStatus.CANCELLED:
        return _("L'activitat està cancel·lada.")
    if event.event_status == EventStatus.POSTPONED:
        return _("L'activitat està ajornada i encara no té data nova.")
    if last is None:
        return _("L'activitat no té cap data que se celebri.")
    return ""


def announced_facts(event: Event) -> str:
    """A fingerprint of what a post says about the event that may change
    after it went out: its status and its dates (sessions, rule, excluded,
    moved and cancelled dates). Not its title or text: fixing a typo does
    not make a post wrong. Nor the horizon: extending a series is no change."""
    parts = [
        event.event_status,
        str(event.previous_start),
        event.recurrence_frequency,
        str(event.recurrence_interval),
        event.recurrence_weekdays,
        str(event.recurrence_week_of_month),
        str(event.recurrence_until),
        event.recurrence_exceptions,
    ]
    parts += [
        f"{start.isoformat()}|{end.isoformat()}|{all_day}"
        for start, end, all_day in event.sessions.order_by("start", "pk").values_list(
            "start", "end", "all_day"
        )
    ]
    parts += [
        f"{session}|{day}|{cancelled}|{start}|{end}"
        for session, day, cancelled, start, end in event.occurrences.exclude(
            cancelled=False, override_start__isnull=True
        )
        .order_by("session_id", "original_date")
        .values_list("session_id", "original_date", "cancelled", "override_start", "override_end")
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def social_content(event: Event):
    """An event as a post: its title, then when and where it happens next,
    then its summary; withheld while cancelled or postponed, stale once its
    last date is over."""
    from social.sources import SocialContent

    upcoming = event.occurrences.upcoming().filter(cancelled=False).order_by("start").first()
    when = upcoming.when_text() if upcoming else ""
    place = event.venue.name if event.venue_id else ""
    lead = " · ".join(part for part in (when[:1].upper() + when[1:], place) if part)
    last = last_end(event)
    with override("ca"):  # posts are written in Catalan, whoever triggers them
        withheld = withheld_reason(event, last)
        if event.event_status == EventStatus.CANCELLED:
            correction, detail = _("Cancel·lat"), ""
        elif event.event_status == EventStatus.POSTPONED:
            correction, detail = _("Ajornat"), _("La nova data s'anunciarà aviat.")
        else:
            correction, detail = _("Nova data"), lead
    return SocialContent(
        kind="agenda.event",
        title=event.title,
        summary=f"{lead}\n{event.summary}" if lead else event.summary,
        url=settings.SITE_URL + event.get_absolute_url(),
        campaign=event.slug,
        tags=[tag.name for tag in event.tag_list],
        image=event.image,
        withheld=str(withheld),
        stale_at=last,
        facts=announced_facts(event),
        correction=str(correction),
        correction_detail=str(detail),
    )
