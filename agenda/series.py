"""How the back-office shows an event's dates: compactly, grouped by month,
each one a link to the action page that moves or cancels that date alone;
and the rule sentence of values typed into the form (the live preview).

A series of two years has hundreds of dates: the change form lists the
first ``SHOWN`` and folds the rest behind "mostra'n més", all read in one
query whatever their number."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from comunicacio import formatting

from . import rule_text
from .events_forms import WEEKDAY_ABBREVIATIONS
from .models import Event, EventSession, Frequency, Occurrence
from .models.events import WEEKDAY_CODES

SHOWN = 12
# Dates ended longer ago than this are not listed (the history is in the revisions).
PAST_DAYS = 30


def occurrence_state(occurrence: Occurrence) -> str:
    if occurrence.cancelled:
        return _("Cancel·lada")
    if occurrence.is_moved:
        return _("Moguda")
    return ""


def occurrence_label(occurrence: Occurrence) -> str:
    """ "dilluns, 7 de desembre de 2026, de 10 a 11 h (cancel·lada)"."""
    state = occurrence_state(occurrence)
    text = occurrence.when_text()
    return f"{text} ({state.lower()})" if state else text


def _month_label(year: int, month: int) -> str:
    return f"{formatting.MONTHS[formatting._language(None)][month - 1]} de {year}"


def _grouped(items: list[dict]) -> list[dict]:
    groups: list[dict] = []
    for item in items:
        if not groups or groups[-1]["key"] != item["month"]:
            groups.append({"key": item["month"], "label": _month_label(*item["month"]), "dates": []})
        groups[-1]["dates"].append(item)
    return groups


def compact_dates(event: Event, *, can_edit: bool, shown: int = SHOWN) -> dict:
    """The template context of ``admin/agenda/event/_series_dates.html``."""
    since = timezone.now() - timedelta(days=PAST_DAYS)
    rows = list(Occurrence.objects.filter(event=event, end__gte=since).order_by("start", "pk"))
    items = []
    for row in rows:
        row.event = event  # status checks read it: no query per date
        local = timezone.localtime(row.start)
        items.append(
            {
                "month": (local.year, local.month),
                "short": f"{WEEKDAY_ABBREVIATIONS[local.weekday()]} {local.day}",
                "label": occurrence_label(row),
                "state": occurrence_state(row),
                "note": row.note,
                "url": reverse("admin:agenda_event_occurrence", args=[event.pk, row.pk]) if can_edit else "",
            }
        )
    return {
        "shown": _grouped(items[:shown]),
        "more": _grouped(items[shown:]),
        "more_count": max(len(items) - shown, 0),
        "total": len(items),
        "can_edit": can_edit,
    }


# --- the live sentence ----------------------------------------------------------------


def _session(value: str) -> EventSession:
    """ "2026-12-03T10:00/2026-12-03T11:00/0": start, end, all day."""
    parts = value.split("/")
    if len(parts) != 3:
        raise ValidationError(_("Sessió no vàlida: «%(value)s».") % {"value": value[:40]})
    try:
        start, end = (parse_datetime(part) if "T" in part else None for part in parts[:2])
    except ValueError:  # well formed but impossible
        start = end = None
    if start is None or end is None:
        raise ValidationError(_("Sessió no vàlida: «%(value)s».") % {"value": value[:40]})
    zone = timezone.get_current_timezone()
    start, end = (
        moment if timezone.is_aware(moment) else moment.replace(tzinfo=zone) for moment in (start, end)
    )
    return EventSession(start=start, end=end, all_day=parts[2] in ("1", "true", "on"))


def sentence_from_query(params) -> str:
    """The sentence of the rule in ``params`` (the change form's values, as
    the script sends them); "" when it does not repeat or is not complete
    yet. Malformed values raise ValidationError with the reason."""
    frequency = params.get("frequency", "")
    if frequency not in Frequency.values:
        raise ValidationError(_("Repetició desconeguda: «%(value)s».") % {"value": frequency[:20]})
    if not frequency:
        return ""
    try:
        interval = int(params.get("interval") or 1)
    except ValueError:
        raise ValidationError(_("L'interval ha de ser un nombre.")) from None
    if not 1 <= interval <= 52:
        raise ValidationError(_("L'interval ha d'estar entre 1 i 52."))
    weekdays = [code for code in params.getlist("weekday") if code]
    unknown = [code for code in weekdays if code not in WEEKDAY_CODES]
    if unknown:
        raise ValidationError(_("Dies no vàlids: %(codes)s.") % {"codes": ", ".join(unknown)[:40]})
    position = params.get("week_of_month") or None
    if position is not None:
        if position not in ("1", "2", "3", "4", "-1"):
            raise ValidationError(_("Setmana del mes no vàlida: «%(value)s».") % {"value": position[:10]})
        position = int(position)
    until_text = params.get("until") or ""
    try:
        until = parse_date(until_text) if until_text else None
    except ValueError:  # well formed but impossible (30 February)
        until = None
    if until_text and until is None:
        raise ValidationError(_("La data de fi no és vàlida: «%(value)s».") % {"value": until_text[:20]})
    sessions = [_session(value) for value in params.getlist("session")[:50] if value]
    event = Event(
        recurrence_frequency=frequency,
        recurrence_interval=interval,
        recurrence_weekdays=",".join(weekdays),
        recurrence_week_of_month=position,
        recurrence_until=until,
        recurrence_exceptions=params.get("exceptions", "")[:5000],
    )
    event.exception_dates()  # a malformed exception is the editor's to fix
    rule = rule_text.rule_of(event, sessions)
    return rule_text.sentence(rule) if rule else ""
