"""Dates and times written the way the style book asks for.

Catalan: "dijous, 26 de novembre de 2026", "d'octubre", "10.30 h",
"de 9 a 14 h". Spanish: "jueves, 26 de noviembre de 2026", "10:30 h"."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import get_language

MONTHS = {
    "ca": [
        "gener",
        "febrer",
        "març",
        "abril",
        "maig",
        "juny",
        "juliol",
        "agost",
        "setembre",
        "octubre",
        "novembre",
        "desembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
WEEKDAYS = {
    "ca": ["dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}


def _language(language: str | None) -> str:
    code = (language or get_language() or "ca").split("-")[0]
    return code if code in MONTHS else "ca"


def _local(value):
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def month_with_preposition(month: int, language: str) -> str:
    name = MONTHS[language][month - 1]
    if language == "ca" and name[0] in "aeiou":
        return f"d'{name}"
    return f"de {name}"


def long_date(value: date | datetime, *, weekday: bool = False, year: bool = True, language=None) -> str:
    """ "26 de novembre de 2026", "dijous, 26 de novembre" (weekday, no year)."""
    language = _language(language)
    value = _local(value)
    text = f"{value.day} {month_with_preposition(value.month, language)}"
    if year:
        text += f" de {value.year}"
    if weekday:
        text = f"{WEEKDAYS[language][value.weekday()]}, {text}"
    return text


def clock(value: time | datetime, *, language=None, compact: bool = False) -> str:
    """ "10.30 h" in Catalan, "10:30 h" in Spanish; compact drops ":00"."""
    language = _language(language)
    value = _local(value)
    separator = "." if language == "ca" else ":"
    if compact and value.minute == 0:
        return f"{value.hour}"
    return f"{value.hour}{separator}{value.minute:02d}"


def time_of_day(value, *, language=None) -> str:
    return f"{clock(value, language=language)} h"


def time_range(start, end, *, language=None) -> str:
    """ "de 9 a 14 h" / "de 9.30 a 14.00 h" (Catalan), "de 9 a 14 h" (Spanish)."""
    language = _language(language)
    compact = _local(start).minute == 0 and _local(end).minute == 0
    first = clock(start, language=language, compact=compact)
    second = clock(end, language=language, compact=compact)
    if language == "ca":
        # "d'1 a 3 h", "d'11 a 14 h": the numbers one and eleven elide.
        preposition = "d'" if first.split(".")[0] in ("1", "11") else "de "
        return f"{preposition}{first} a {second} h"
    return f"de {first} a {second} h"


def date_time(value: datetime, *, language=None) -> str:
    """ "dijous, 26 de novembre de 2026, 10.30 h"."""
    return f"{long_date(value, weekday=True, language=language)}, {time_of_day(value, language=language)}"


def at_time(value: time | datetime, *, language=None) -> str:
    """ "a les 9.00 h", "a la 1.00 h" (Catalan); "a las 9:00 h", "a la 1:00 h" (Spanish)."""
    language = _language(language)
    hour = _local(value).hour
    singular = hour == 1
    if language == "ca":
        return f"{'a la' if singular else 'a les'} {time_of_day(value, language=language)}"
    return f"{'a la' if singular else 'a las'} {time_of_day(value, language=language)}"


def moment(value: datetime, *, language=None) -> str:
    """ "dijous, 3 de desembre de 2026, a les 9.00 h": when something will happen."""
    return f"{long_date(value, weekday=True, language=language)}, {at_time(value, language=language)}"


def short_date_time(value: datetime, *, language=None) -> str:
    """ "3/12 9.00 h": a compact moment for a list's column."""
    value = _local(value)
    return f"{value.day}/{value.month} {time_of_day(value, language=language)}"
