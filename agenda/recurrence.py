"""Occurrences of events: expansion of sessions and recurrence rules, and
their materialisation as ``Occurrence`` rows.

Rules are expanded with dateutil's ``rrule`` in Europe/Madrid *wall time* and
only then converted to UTC, so a Tuesday 18:00 series stays at 18:00 across
the change to winter time (16:00 UTC in summer, 17:00 UTC in winter).

Occurrences are materialised up to ``AGENDA_HORIZON_DAYS`` (default 400) days
ahead, however long the series (at most five years): the lists, calendar and
search read plain indexed rows. The daily task ``agenda.tasks.extend_horizon``
(Celery beat) materialises what enters the horizon. iCalendar exports carry the
rule itself (RRULE/EXDATE), so calendar apps see the whole series.

A row is identified by (session, original local date). Editing one occurrence
(moving or cancelling it) writes override fields on its row; regeneration
updates the series fields of existing rows and keeps the overrides, and drops
only rows whose date the series no longer produces. Regenerating many events
(``regenerate_all``, ``extend_horizon``) works in batches of ``BATCH_SIZE``
events, one transaction and a constant number of queries each.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, EventSession, Frequency, Occurrence
from .models.events import MAX_SERIES_YEARS, WEEKDAY_CODES

FREQUENCIES = {Frequency.DAILY: rrule.DAILY, Frequency.WEEKLY: rrule.WEEKLY, Frequency.MONTHLY: rrule.MONTHLY}
# Events per transaction when many are materialised; rows per write query.
BATCH_SIZE = 500
WRITE_BATCH_SIZE = 1000
WEEKDAYS = dict(
    zip(WEEKDAY_CODES, (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU), strict=True)
)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def horizon_days() -> int:
    return int(getattr(settings, "AGENDA_HORIZON_DAYS", 400))


@dataclass(frozen=True)
class Planned:
    """One occurrence as the series defines it (before per-occurrence edits)."""

    session_id: int
    original_date: date
    start: datetime  # UTC
    end: datetime  # UTC
    all_day: bool
    local_end_date: date


def _wall(value: datetime) -> datetime:
    """Naive local wall time of an aware datetime."""
    return timezone.localtime(value, local_zone()).replace(tzinfo=None)


def _aware(wall: datetime) -> datetime:
    return wall.replace(tzinfo=local_zone()).astimezone(UTC)


def rule_for(event: Event, session: EventSession):
    """The dateutil rule of ``event`` applied to ``session`` (naive wall
    times), or None for a one-off session. Raises ValidationError for a rule
    that cannot be used (no end, longer than the limit)."""
    if not event.is_recurring:
        return None
    first = _wall(session.start)
    if session.all_day:
        first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    until = event.recurrence_until
    if until is None:
        raise ValidationError(
            _(
                "Una activitat que es repeteix necessita una data de fi: "
                "no s'accepten repeticions indefinides."
            )
        )
    if until > first.date() + relativedelta(years=MAX_SERIES_YEARS):
        raise ValidationError(
            _("Una repetició pot durar com a màxim %(years)s anys.") % {"years": MAX_SERIES_YEARS}
        )
    options = {
        "dtstart": first,
        "interval": event.recurrence_interval or 1,
        "until": datetime.combine(until, datetime.max.time().replace(microsecond=0)),
    }
    codes = event.weekday_codes()
    if codes:
        if event.recurrence_frequency == Frequency.MONTHLY and event.recurrence_week_of_month:
            options["byweekday"] = [WEEKDAYS[code](event.recurrence_week_of_month) for code in codes]
        else:
            options["byweekday"] = [WEEKDAYS[code] for code in codes]
    return rrule.rrule(FREQUENCIES[event.recurrence_frequency], **options)


def plan(event: Event, sessions, until: date | None = None) -> list[Planned]:
    """Every occurrence of ``event`` up to the local date ``until`` (all of
    them when None), excluded dates left out."""
    excluded = set(event.exception_dates())
    planned = []
    for session in sessions:
        start_wall, end_wall = _wall(session.start), _wall(session.end)
        if session.all_day:
            start_wall = start_wall.replace(hour=0, minute=0, second=0, microsecond=0)
            # Inclusive last day; stored end is the next local midnight.
            end_wall = end_wall.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        duration = end_wall - start_wall
        rule = rule_for(event, session)
        walls = [start_wall] if rule is None else rule
        for wall in walls:
            if until is not None and wall.date() > until:
                break
            if wall.date() in excluded and rule is not None:
                continue
            end = wall + duration
            last_day = (end - timedelta(microseconds=1)).date()
            planned.append(
                Planned(
                    session.pk,
                    wall.date(),
                    _aware(wall),
                    _aware(end),
                    session.all_day,
                    max(last_day, wall.date()),
                )
            )
    return planned


def schedule_signature(event: Event, sessions, overrides=None) -> str:
    """What calendar apps must be told about when it changes (SEQUENCE).

    ``overrides``: the event's moved or cancelled occurrence rows, when the
    caller has them already (read from the database otherwise)."""
    parts = [
        event.title,
        event.event_status,
        str(event.venue_id),
        event.recurrence_frequency,
        str(event.recurrence_interval),
        event.recurrence_weekdays,
        str(event.recurrence_week_of_month),
        str(event.recurrence_until),
        ",".join(map(str, event.exception_dates())),
    ]
    parts += [f"{s.start.isoformat()}|{s.end.isoformat()}|{s.all_day}" for s in sessions]
    if overrides is None:
        overrides = Occurrence.objects.filter(event=event).exclude(
            cancelled=False, override_start__isnull=True
        )
    overrides = sorted(overrides, key=lambda o: (o.session_id, o.original_date))
    parts += [
        f"{o.session_id}|{o.original_date}|{o.cancelled}|{o.override_start}|{o.override_end}"
        for o in overrides
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def default_horizon() -> date:
    return timezone.localdate() + timedelta(days=horizon_days())


def materialise(event: Event, horizon: date | None = None) -> dict:
    """Bring ``event``'s occurrence rows in line with its sessions and rule up
    to ``horizon`` (today + AGENDA_HORIZON_DAYS), keeping per-occurrence edits.
    Also bumps ``ical_sequence`` when the schedule changed. Returns counts."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        return _materialise_locked([locked], horizon or default_horizon())[locked.pk]


def materialise_many(event_ids, horizon: date | None = None, batch_size: int = BATCH_SIZE) -> dict:
    """``materialise`` for many events, ``batch_size`` at a time: each batch
    is one transaction and a handful of queries (its events locked, their
    sessions and rows read at once, the changes written in bulk) rather
    than several queries and a commit per event. Returns summed counts."""
    horizon = horizon or default_horizon()
    totals = {"events": 0, "created": 0, "updated": 0, "deleted": 0}
    event_ids = sorted(event_ids)
    for offset in range(0, len(event_ids), batch_size):
        chunk = event_ids[offset : offset + batch_size]
        with transaction.atomic():
            # Locked in primary-key order, as two batches could otherwise deadlock.
            events = list(Event.objects.select_for_update().filter(pk__in=chunk).order_by("pk"))
            results = _materialise_locked(events, horizon)
        totals["events"] += len(results)
        for result in results.values():
            for name in ("created", "updated", "deleted"):
                totals[name] += result[name]
    return totals


SERIES_FIELDS = ["original_start", "start", "end", "all_day", "local_date", "local_end_date", "multi_day"]


def _materialise_locked(events: list[Event], horizon: date) -> dict[int, dict]:
    """The work of ``materialise`` for ``events`` (locked by the caller, in
    its transaction), in a constant number of queries. Every event is
    planned before anything is written: a rule that cannot be used raises
    ValidationError with nothing changed."""
    ids = [event.pk for event in events]
    sessions: dict[int, list] = {pk: [] for pk in ids}
    for session in EventSession.objects.filter(event_id__in=ids).order_by("start", "pk"):
        sessions[session.event_id].append(session)
    existing: dict[int, dict] = {pk: {} for pk in ids}
    for row in Occurrence.objects.filter(event_id__in=ids).order_by():
        existing[row.event_id][(row.session_id, row.original_date)] = row
    wanted = {
        event.pk: {(p.session_id, p.original_date): p for p in plan(event, sessions[event.pk], until=horizon)}
        for event in events
    }
    stale, created, changed, signed = [], [], [], []
    results = {}
    for event in events:
        rows, planned_rows = existing[event.pk], wanted[event.pk]
        gone = [row.pk for key, row in rows.items() if key not in planned_rows]
        made = updated = 0
        for key, planned in planned_rows.items():
            row = rows.get(key)
            if row is None:
                row = new_occurrence(event, planned)
                created.append(row)
                made += 1
            elif _apply(row, planned):
                changed.append(row)
                updated += 1
        # New rows carry no edits; deleted ones no longer count.
        overrides = [
            row
            for key, row in rows.items()
            if key in planned_rows and (row.cancelled or row.override_start is not None)
        ]
        signature = schedule_signature(event, sessions[event.pk], overrides)
        if signature != event.schedule_signature:
            if event.schedule_signature:
                event.ical_sequence += 1
            event.schedule_signature = signature
            signed.append(event)
        stale += gone
        results[event.pk] = {
            "created": made,
            "updated": updated,
            "deleted": len(gone),
            "sequence": event.ical_sequence,
        }
    for offset in range(0, len(stale), WRITE_BATCH_SIZE):
        Occurrence.objects.filter(pk__in=stale[offset : offset + WRITE_BATCH_SIZE]).delete()
    Occurrence.objects.bulk_create(created, batch_size=WRITE_BATCH_SIZE)
    if changed:
        Occurrence.objects.bulk_update(changed, SERIES_FIELDS, batch_size=WRITE_BATCH_SIZE)
    if signed:
        Event.objects.bulk_update(
            signed, ["schedule_signature", "ical_sequence"], batch_size=WRITE_BATCH_SIZE
        )
    return results


def new_occurrence(event: Event, planned: Planned) -> Occurrence:
    """The row of a planned occurrence that has no edits yet (unsaved)."""
    row = Occurrence(event=event, session_id=planned.session_id, original_date=planned.original_date)
    _apply(row, planned)
    return row


def _apply(row: Occurrence, planned: Planned) -> bool:
    """Set the series fields of ``row`` (overrides win); whether anything changed."""
    start = row.override_start or planned.start
    end = row.override_end or planned.end
    zone = local_zone()
    local_start = start.astimezone(zone)
    if row.override_start is None:
        local_end_date = planned.local_end_date
    else:
        local_end_date = max((end - timedelta(microseconds=1)).astimezone(zone).date(), local_start.date())
    values = {
        "original_start": planned.start,
        "start": start,
        "end": end,
        "all_day": planned.all_day,
        "local_date": local_start.date(),
        "local_end_date": local_end_date,
        "multi_day": local_end_date > local_start.date(),
    }
    different = any(getattr(row, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(row, name, value)
    return different


def edit_occurrence(
    occurrence: Occurrence, *, cancelled: bool | None = None, start=None, end=None, note=None
):
    """Move or cancel one occurrence of a series (or undo it: ``start=False``)."""
    if cancelled is not None:
        occurrence.cancelled = cancelled
    if start is False:
        occurrence.override_start = occurrence.override_end = None
    elif start is not None:
        occurrence.override_start, occurrence.override_end = start, end
    if note is not None:
        occurrence.note = note
    occurrence.full_clean(exclude=["event", "session"])
    occurrence.save()
    return materialise(occurrence.event)


def extend_horizon(horizon: date | None = None) -> dict:
    """Materialise what entered the horizon for every series still running
    (the daily task). Returns the number of events and rows created."""
    today = timezone.localdate()
    events = Event.objects.exclude(recurrence_frequency="").filter(recurrence_until__gte=today)
    totals = materialise_many(events.values_list("pk", flat=True), horizon)
    return {"events": totals["events"], "created": totals["created"]}


def regenerate_all(horizon: date | None = None) -> dict:
    started = time.perf_counter()
    totals = materialise_many(Event.objects.values_list("pk", flat=True), horizon)
    totals["seconds"] = time.perf_counter() - started
    return totals
