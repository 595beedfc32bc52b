"""What the public agenda shows, as queries: upcoming and past occurrences,
quick periods ("avui", "aquest cap de setmana"...), a month grid, the home
page's featured events and the moments at which these pages change."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, F, Min, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.formatting import MONTHS, _language, long_date

from .models import Event, EventStatus, Occurrence, Status

# Quick periods, as they appear in the URL (?quan=...).
TODAY = "avui"
WEEKEND = "cap-de-setmana"
NEXT_7_DAYS = "propers-7-dies"
THIS_MONTH = "aquest-mes"
PAST = "passats"
PERIODS = [
    (TODAY, _("Avui")),
    (WEEKEND, _("Aquest cap de setmana")),
    (NEXT_7_DAYS, _("Propers 7 dies")),
    (THIS_MONTH, _("Aquest mes")),
    (PAST, _("Activitats passades")),
]
HOME_EVENTS = 4


def period_days(period: str, today: date) -> tuple[date, date]:
    """(first, last) local day of a quick period."""
    if period == TODAY:
        return today, today
    if period == WEEKEND:
        # Friday to Sunday of this week; on a weekday before Friday, the
        # coming weekend.
        friday = today + timedelta(days=4 - today.weekday())
        return max(friday, today), friday + timedelta(days=2)
    if period == NEXT_7_DAYS:
        return today, today + timedelta(days=6)
    if period == THIS_MONTH:
        return today, today.replace(day=calendar.monthrange(today.year, today.month)[1])
    raise ValueError(period)


def visible_occurrences(now: datetime | None = None):
    return Occurrence.objects.visible(now).for_listing()


def upcoming(now: datetime | None = None):
    now = now or timezone.now()
    return visible_occurrences(now).upcoming(now).order_by("start", "pk")


def first_events(occurrences, limit: int, scan: int) -> list[int]:
    """The ids of the first ``limit`` distinct events among the first ``scan``
    rows of ``occurrences`` (an ordered queryset), in order of first
    appearance. Usually one query, which returns ``limit`` ids rather than
    ``scan`` rows: it first looks at ``4 * limit`` rows, and looks further
    only when these held fewer events and there were more rows."""
    ordering = [
        F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in occurrences.query.order_by
    ]
    numbered = occurrences.annotate(position=Window(RowNumber(), order_by=ordering)).values_list(
        "event_id", "position"
    )
    for rows in sorted({min(limit * 4, scan), scan}):
        sql, params = numbered[:rows].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT event_id, MAX(position) FROM ({sql}) first_rows "
                "GROUP BY event_id ORDER BY MIN(position) LIMIT %s",
                [*params, limit],
            )
            found = cursor.fetchall()
        # Fewer events than asked for: every event of the rows read is here,
        # so the largest position says whether there were more rows.
        if len(found) == limit or max((last for _id, last in found), default=0) < rows:
            break
    return [event_id for event_id, _last in found]


def featured_upcoming(limit: int = HOME_EVENTS) -> list[Occurrence]:
    """The next occurrence of each of the next featured events (or of any
    event when none is featured), one query."""
    now = timezone.now()
    for rows in (
        upcoming(now).filter(event__featured=True, cancelled=False)[: limit * 8],
        upcoming(now).filter(cancelled=False)[: limit * 8],
    ):
        chosen, seen = [], set()
        for occurrence in rows:
            if occurrence.event_id not in seen:
                seen.add(occurrence.event_id)
                chosen.append(occurrence)
            if len(chosen) == limit:
                break
        if chosen:
            return chosen
    return []


def next_local_midnight(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def next_listing_change(now: datetime) -> datetime | None:
    """When cached agenda pages go stale: an event appears or disappears, an
    occurrence ends (it leaves the upcoming list) or the day changes
    ("avui", the calendar's today)."""
    # One query (it runs for every new cache generation of the whole site):
    # the join repeats events, which MIN does not mind.
    found = Event.objects.filter(status=Status.PUBLISHED).aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now)),
        end=Min("occurrences__end", filter=Event.visibility_q(now) & Q(occurrences__end__gt=now)),
    )
    moments = [*found.values(), next_local_midnight(now)]
    return min(moment for moment in moments if moment is not None)


@dataclass(frozen=True)
class CalendarEntry:
    title: str
    url: str
    start: datetime
    all_day: bool
    is_cancelled: bool
    status: str = EventStatus.SCHEDULED


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)
    more: int = 0
    url: str = ""

    @property
    def label(self) -> str:
        return long_date(self.day, weekday=True)


def day_url_maker():
    """A function date -> day page path, reversed once (see ``detail_url_maker``)."""
    sample = reverse("agenda:day", args=(1111, 22, 33))
    prefix, suffix = sample.split("1111/22/33")
    return lambda day: f"{prefix}{day.year}/{day.month}/{day.day}{suffix}"


def detail_url_maker():
    """A function slug -> event page path, for many rows: the URL is reversed
    once (per language) and the slug formatted in, instead of one ``reverse()``
    per row."""
    placeholder = "__slug__"
    prefix, suffix = reverse("agenda:detail", kwargs={"slug": placeholder}).split(placeholder)
    return lambda slug: f"{prefix}{slug}{suffix}"


def month_grid(year: int, month: int, per_day: int = 4) -> list[list[Day]]:
    """Weeks (Monday first) of the month with each day's occurrences: one query.

    Only what a cell shows is read: of the occurrences starting and ending on
    a day, the first ``per_day`` (and how many there are, for "N més"); the
    occurrences spanning several days are few and are all read, as they may
    come before those on each of their days."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    today = timezone.localdate()
    day_url = day_url_maker()
    days = {d: Day(d, d.month == month, d == today, url=day_url(d)) for week in weeks for d in week}
    # Plain values, not model instances, and not every row of a busy month.
    partition = {"partition_by": [F("multi_day"), F("local_date")]}
    rows = (
        Occurrence.objects.visible()
        .between(first, last)
        .annotate(
            rank=Window(RowNumber(), order_by=[F("start").asc(), F("pk").asc()], **partition),
            on_that_day=Window(Count("pk"), **partition),
        )
        .filter(Q(multi_day=True) | Q(rank__lte=per_day))
        .order_by("start", "pk")
        .values_list(
            "start",
            "all_day",
            "cancelled",
            "local_date",
            "local_end_date",
            "multi_day",
            "on_that_day",
            "event__title",
            "event__title_es",
            "event__slug",
            "event__event_status",
        )
    )
    spanish = _language(None) == "es"
    url = detail_url_maker()
    shown: dict[date, list] = {}
    counts: dict[date, int] = {}
    singles_counted: set[date] = set()
    for row in rows:
        local_date, local_end_date, multi_day, on_that_day = row[3:7]
        if multi_day:
            day, end = max(local_date, first), min(local_end_date, last)
        else:
            day = end = local_date
        while day <= end:
            cell = shown.setdefault(day, [])
            if multi_day:
                counts[day] = counts.get(day, 0) + 1
            elif day not in singles_counted:
                # Every one-day row read carries the day's count of them.
                singles_counted.add(day)
                counts[day] = counts.get(day, 0) + on_that_day
            if len(cell) < per_day:
                cell.append(row)
            day += timedelta(days=1)
    entries = {}
    for day, cell_rows in shown.items():
        cell = days[day]
        for row in cell_rows:
            entry = entries.get(id(row))
            if entry is None:
                start, all_day, cancelled, *_counts, title, title_es, slug, status = row
                entry = entries[id(row)] = CalendarEntry(
                    title=(title_es if spanish and title_es else title),
                    url=url(slug),
                    start=start,
                    all_day=all_day,
                    is_cancelled=cancelled or status == EventStatus.CANCELLED,
                    status=status,
                )
            cell.occurrences.append(entry)
        cell.more = counts[day] - len(cell.occurrences)
    return [[days[d] for d in week] for week in weeks]


def month_label(first: date) -> str:
    return f"{MONTHS[_language(None)][first.month - 1]} de {first.year}"
