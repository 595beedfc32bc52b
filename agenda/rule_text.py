"""A recurrence rule said in one sentence, the way the style book writes it.

"Cada dilluns i dijous de 10 a 11 h, del 3 de desembre de 2026 al 27 de maig
de 2027, excepte el 24 de desembre"; "El primer dissabte de cada mes, de 18 a
20 h, ..."; in Spanish "Cada lunes y jueves de 10 a 11 h, del 3 de diciembre
de 2026 al 27 de mayo de 2027, excepto el 24 de diciembre".

One function (``sentence``) builds it from the rule's pieces, so the event
list, the change form and the form's live preview (``events_admin``'s JSON
endpoint, which calls it with the values being typed) always say the same.
The phrases go through gettext; dates, hours and weekday names come from
``comunicacio.formatting``; the Catalan elision of "el 1" / "del 11" into
"l'1" / "de l'11" is applied last, because it depends on the number.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from comunicacio import formatting

from .models import Frequency
from .models.events import WEEKDAY_CODES


@dataclass(frozen=True)
class Rule:
    """What a sentence needs: the rule and the sessions' local times."""

    frequency: str
    first_day: date
    until: date
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    week_of_month: int | None = None
    exceptions: tuple[date, ...] = ()
    # (start, end) local wall times of each session; empty for all-day ones.
    times: tuple[tuple[time, time], ...] = field(default_factory=tuple)
    all_day: bool = False


def position_word(position: int) -> str:
    """ "el primer", "el segon"... "l'últim" (a week of the month)."""
    words = {
        1: pgettext("setmana del mes", "el primer"),
        2: pgettext("setmana del mes", "el segon"),
        3: pgettext("setmana del mes", "el tercer"),
        4: pgettext("setmana del mes", "el quart"),
        -1: pgettext("setmana del mes", "l'últim"),
    }
    return words[position]


def weekday_name(code: str, language: str | None = None) -> str:
    return formatting.WEEKDAYS[_language(language)][WEEKDAY_CODES.index(code)]


def join_words(words: list[str]) -> str:
    """ "a", "a i b", "a, b i c" (Spanish "y")."""
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s i %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def sentence(rule: Rule, language: str | None = None) -> str:
    """The rule in one sentence, in ``language`` (the active one by default)."""
    language = _language(language)
    with translation.override(language):
        text = _pattern(rule, language)
        hours = _hours(rule, language)
        # The first date keeps its year only when the series ends in another.
        span = _("del %(start)s al %(end)s") % {
            "start": formatting.long_date(
                rule.first_day, year=rule.first_day.year != rule.until.year, language=language
            ),
            "end": formatting.long_date(rule.until, language=language),
        }
        # "Cada dilluns de 10 a 11 h" reads as one phrase; a longer pattern
        # ("El primer dissabte de cada mes") takes a comma before the hours.
        separator = " " if _simple(rule) else ", "
        text = f"{text}{separator}{hours}, {span}"
        excluded = [day for day in rule.exceptions if rule.first_day <= day <= rule.until]
        if excluded:
            text += ", " + _("excepte %(dates)s") % {"dates": _exception_list(excluded, rule, language)}
    return _elide(text) if language == "ca" else text


def _language(language: str | None) -> str:
    return formatting._language(language)


def _simple(rule: Rule) -> bool:
    return rule.interval == 1 and rule.frequency in (Frequency.DAILY, Frequency.WEEKLY)


def _days(rule: Rule, language: str) -> list[str]:
    codes = rule.weekdays or (WEEKDAY_CODES[rule.first_day.weekday()],)
    ordered = sorted(set(codes), key=WEEKDAY_CODES.index)
    return [weekday_name(code, language) for code in ordered]


def _pattern(rule: Rule, language: str) -> str:
    count = rule.interval or 1
    if rule.frequency == Frequency.DAILY:
        if count == 1:
            return _("Cada dia")
        return _("Cada %(count)s dies") % {"count": count}
    if rule.frequency == Frequency.WEEKLY:
        days = join_words(_days(rule, language))
        if count == 1:
            return _("Cada %(days)s") % {"days": days}
        return _("Cada %(count)s setmanes, %(days)s") % {"count": count, "days": days}
    # Monthly.
    if rule.weekdays and rule.week_of_month:
        values = {"position": position_word(rule.week_of_month), "days": join_words(_days(rule, language))}
        if count == 1:
            text = _("%(position)s %(days)s de cada mes") % values
        else:
            text = _("%(position)s %(days)s, cada %(count)s mesos") % {**values, "count": count}
        return text[0].upper() + text[1:]
    if rule.weekdays:
        days = join_words(_days(rule, language))
        if count == 1:
            return _("Cada %(days)s") % {"days": days}
        return _("Cada %(days)s, un mes de cada %(count)s") % {"days": days, "count": count}
    if count == 1:
        return _("El dia %(day)s de cada mes") % {"day": rule.first_day.day}
    return _("El dia %(day)s, cada %(count)s mesos") % {"day": rule.first_day.day, "count": count}


def _hours(rule: Rule, language: str) -> str:
    if rule.all_day or not rule.times:
        return _("tot el dia")
    ranges = []
    for start, end in rule.times:
        # formatting works on datetimes; the day does not matter here.
        day = date(2000, 1, 3)
        text = formatting.time_range(
            datetime.combine(day, start), datetime.combine(day, end), language=language
        )
        if text not in ranges:
            ranges.append(text)
    return join_words(ranges)


def _exception_list(days: list[date], rule: Rule, language: str) -> str:
    """ "el 24 i el 31 de desembre i el 6 de gener": the month once per run
    of days in it; the year only where the series spans that day and month
    in more than one year."""
    groups: list[tuple[tuple[int, int], list[int], bool]] = []
    for day in sorted(set(days)):
        ambiguous = _repeats_within(day, rule)
        key = (day.year, day.month)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(day.day)
        else:
            groups.append((key, [day.day], ambiguous))
    parts = []
    for (year, month), numbers, ambiguous in groups:
        last = formatting.long_date(date(year, month, numbers[-1]), year=ambiguous, language=language)
        words = [_("el %(date)s") % {"date": str(number)} for number in numbers[:-1]]
        words.append(_("el %(date)s") % {"date": last})
        parts.append(join_words(words))
    return join_words(parts)


def _repeats_within(day: date, rule: Rule) -> bool:
    for year in (day.year - 1, day.year + 1):
        try:
            other = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        if rule.first_day <= other <= rule.until:
            return True
    return False


# "el 1 de" -> "l'1 de", "del 11 de" -> "de l'11 de", "al 1 de" -> "a l'1 de":
# the numbers one and eleven start with a vowel sound in Catalan.
_ELISION = re.compile(r"\b(del|al|el) (1|11)\b(?![.,]\d)")


def _elide(text: str) -> str:
    def replace(match: re.Match) -> str:
        word, number = match.groups()
        return {"del": "de l'", "al": "a l'", "el": "l'"}[word] + number

    return _ELISION.sub(replace, text)


# --- from an event --------------------------------------------------------------------


def rule_of(event, sessions) -> Rule | None:
    """The ``Rule`` of a saved (or unsaved, being typed) event and its
    sessions; None when it does not repeat or cannot be said yet."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    sessions = [session for session in sessions if session.start and session.end]
    if not event.recurrence_frequency or not event.recurrence_until or not sessions:
        return None
    try:
        exceptions = tuple(event.exception_dates())
    except ValidationError:
        exceptions = ()
    codes = tuple(code for code in event.weekday_codes() if code in WEEKDAY_CODES)
    first = min(sessions, key=lambda session: session.start)
    all_day = all(session.all_day for session in sessions)
    times = tuple(
        (timezone.localtime(session.start).time(), timezone.localtime(session.end).time())
        for session in sorted(sessions, key=lambda s: timezone.localtime(s.start).time())
        if not session.all_day
    )
    return Rule(
        frequency=event.recurrence_frequency,
        first_day=timezone.localdate(first.start),
        until=event.recurrence_until,
        interval=event.recurrence_interval or 1,
        weekdays=codes,
        week_of_month=(
            event.recurrence_week_of_month if event.recurrence_frequency == Frequency.MONTHLY else None
        ),
        exceptions=exceptions,
        times=times,
        all_day=all_day,
    )


def event_sentence(event, sessions=None, language: str | None = None) -> str:
    """The sentence of ``event``'s rule ("" for an event that does not
    repeat). ``sessions``: already loaded ones (read otherwise)."""
    if not event.recurrence_frequency:
        return ""
    if sessions is None:
        sessions = list(event.sessions.all())
    rule = rule_of(event, sessions)
    return sentence(rule, language) if rule else ""
