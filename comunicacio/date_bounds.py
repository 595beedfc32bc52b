"""The dates a public address may name: one rule for every calendar path and
every date filter in a query string.

Python's dates end at 9999-12-31 and begin at 0001-01-01, and a view that
adds a day, opens a month grid or converts a local midnight to UTC near
either end overflows. Council content has no business outside these years,
so any date beyond them is answered as not found (in a path) or as an
invalid filter (in a query string), with a sentence saying why."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

FIRST_YEAR = 1900
LAST_YEAR = 2100
FIRST_DATE = date(FIRST_YEAR, 1, 1)
LAST_DATE = date(LAST_YEAR, 12, 31)


def in_range(value: date | None) -> bool:
    return value is not None and FIRST_DATE <= value <= LAST_DATE


def _range_message() -> str:
    return _("Només es poden consultar dates dels anys %(first)s a %(last)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
    }


def path_date(year: int, month: int, day: int = 1) -> date:
    """The date named by a calendar path's numbers, or a 404 that says why."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_range_message())
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):  # a thirty-digit month overflows a C long
        raise Http404(
            _("La data %(y)04d-%(m)02d-%(d)02d no existeix.") % {"y": year, "m": month, "d": day}
        ) from None


def validate_in_range(value: date) -> None:
    """Validator of the date fields of the public filters (a 400 with the reason)."""
    if not in_range(value):
        raise ValidationError(_range_message(), code="out_of_range")


def neighbour(value: date) -> date | None:
    """``value`` if a page may link to it, else None (no link past the range)."""
    return value if in_range(value) else None
