"""Pagination without COUNT(*): fetch one row more than a page to know whether
there is a next page. Deep pages first select only ids on an index, then load
those rows, so page 500 costs about what page 1 costs."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _


@dataclass
class Page:
    number: int
    items: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def parse_page_number(raw) -> int:
    """The page number from a query string, or 404 with a clear reason."""
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise Http404(_("El número de pàgina «%(page)s» no és vàlid.") % {"page": raw}) from None
    if number < 1 or number > 100_000:
        raise Http404(_("La pàgina %(page)s no existeix.") % {"page": number})
    return number


def paginate(queryset, raw_number, per_page: int = 20) -> Page:
    number = parse_page_number(raw_number)
    offset = (number - 1) * per_page
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + per_page + 1])
    if not ids and number > 1:
        raise Http404(_("La pàgina %(page)s no existeix.") % {"page": number})
    has_next = len(ids) > per_page
    ids = ids[:per_page]
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)} if ids else {}
    return Page(number=number, items=[rows[pk] for pk in ids if pk in rows], has_next=has_next)
