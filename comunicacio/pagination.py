"""Pagination without COUNT(*): fetch one row more than a page to know whether
there is a next page. The offset is walked by an id-only subquery (an
index-only scan with the covering indexes of news migration 0003), and only
the rows of the page itself are loaded, so page 500 costs about what page 1
costs."""

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
    window = slice(offset, offset + per_page + 1)
    if queryset.query.distinct:
        # DISTINCT adds the ordering columns to the id query, which an IN
        # subquery cannot take: select the ids first, then load those rows.
        ids = list(queryset.values_list("pk", flat=True)[window])
        by_pk = {row.pk: row for row in queryset.filter(pk__in=ids)} if ids else {}
        items = [by_pk[pk] for pk in ids if pk in by_pk]
    else:
        # One round trip: the inner query walks only the index (ids) past the
        # offset, the outer one loads the full rows of this page alone.
        items = list(queryset.filter(pk__in=queryset.values("pk")[window]))
    if not items and number > 1:
        raise Http404(_("La pàgina %(page)s no existeix.") % {"page": number})
    return Page(number=number, items=items[:per_page], has_next=len(items) > per_page)
