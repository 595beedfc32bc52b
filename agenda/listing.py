"""What the public agenda shows, as queries: upcoming and past occurrences,
quick periods ("avui", "aquest cap de setmana"...), a month grid, the home
page's featured events and the moments at which these pages change."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Min, Q
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

    @property
    def label(self) -> str:
        return long_date(self.day, weekday=True)


def month_grid(year: int, month: int, per_day: int = 4) -> list[list[Day]]:
    """Weeks (Monday first) of the month with each day's occurrences: one query."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    today = timezone.localdate()
    days = {d: Day(d, d.month == month, d == today) for week in weeks for d in week}
    # Plain values, not model instances: a busy month has thousands of rows.
    spanish = _language(None) == "es"
    rows = (
        Occurrence.objects.visible()
        .between(first, last)
        .order_by("start", "pk")
        .values_list(
            "start",
            "all_day",
            "cancelled",
            "local_date",
            "local_end_date",
            "event__title",
            "event__title_es",
            "event__slug",
            "event__event_status",
        )
    )
    for start, all_day, cancelled, local_date, local_end_date, title, title_es, slug, status in rows:
        entry = CalendarEntry(
            title=(title_es if spanish and title_es else title),
            url=reverse("agenda:detail", kwargs={"slug": slug}),
            start=start,
            all_day=all_day,
            is_cancelled=cancelled or status == EventStatus.CANCELLED,
            status=status,
        )
        day = max(local_date, first)
        while day <= min(local_end_date, last):
            cell = days[day]
            if len(cell.occurrences) < per_day:
                cell.occurrences.append(entry)
            else:
                cell.more += 1
            day += timedelta(days=1)
    return [[days[d] for d in week] for week in weeks]


def month_label(first: date) -> str:
    return f"{MONTHS[_language(None)][first.month - 1]} de {first.year}"
