"""Open-data exports of the institutional agenda (CSV and JSON).

Both are streamed row by row (a server-side cursor on PostgreSQL), so an
export of years of entries never sits in memory. They take the same filters as
the public pages (``holder``, ``category``, ``date_from``, ``date_to``) and
contain only published entries, never the protocol guest lists.

Stable column names (CSV header and JSON keys; new columns are only ever
appended):

==========================  ===============================================
``id``                      entry number (stable)
``url``                     public page of the entry
``holder``                  name of the holder (mayor, councillor)
``holder_position``         holder's position
``category``                code: meeting, public_event, visit, plenary,
                            governing_board, interview, other
``category_label``          the category in Catalan
``start``, ``end``          ISO 8601 with the Europe/Madrid offset
                            (``2026-11-26T10:30:00+01:00``); ``end`` may be empty
``subject``                 what the entry is about
``description``             plain text
``place``                   where
``participants``            who takes part
``interest_groups``         interest groups met (law 19/2014, art. 55)
``interest_group_register`` their numbers in the Catalan register of
                            interest groups
``published``               when the entry was published (ISO 8601)
``updated``                 its last change (ISO 8601)
==========================  ===============================================

The CSV is UTF-8 with a byte-order mark so that spreadsheet programs open
accents correctly, and a text cell starting with ``=``, ``+``, ``-`` or ``@``
is prefixed with ``'`` so that it is never run as a formula
(``comunicacio/csv_cells.py``); the JSON is ``{"generated": ..., "columns": [...],
"entries": [{...}, ...]}``.
"""

import json
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone, translation

from comunicacio import csv_cells

COLUMNS = [
    "id",
    "url",
    "holder",
    "holder_position",
    "category",
    "category_label",
    "start",
    "end",
    "subject",
    "description",
    "place",
    "participants",
    "interest_groups",
    "interest_group_register",
    "published",
    "updated",
]
CHUNK = 2000


def iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat() if moment else ""


def record(entry) -> dict:
    """One entry as an export row: explicit fields, nothing else."""
    return {
        "id": entry.pk,
        "url": settings.SITE_URL + entry.get_absolute_url(),
        "holder": entry.holder.name,
        "holder_position": entry.holder.position,
        "category": entry.category,
        "category_label": str(entry.get_category_display()),
        "start": iso(entry.start),
        "end": iso(entry.end),
        "subject": entry.subject,
        "description": entry.description,
        "place": entry.place,
        "participants": entry.participants,
        "interest_groups": entry.interest_groups,
        "interest_group_register": entry.interest_group_register,
        "published": iso(entry.publish_at),
        "updated": iso(entry.updated_at),
    }


def _rows(queryset) -> Iterator[dict]:
    # The URL of each entry is in the site's default language (Catalan).
    with translation.override(settings.LANGUAGE_CODE):
        for entry in queryset.select_related("holder").order_by("start", "pk").iterator(chunk_size=CHUNK):
            yield record(entry)


def csv_lines(queryset) -> Iterator[str]:
    # Subjects and descriptions are typed by staff: no cell may run as a
    # spreadsheet formula on the computer that opens the export.
    return csv_cells.lines(COLUMNS, _rows(queryset))


def json_chunks(queryset) -> Iterator[str]:
    head = {"generated": iso(timezone.now()), "columns": COLUMNS}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": ['
    first = True
    for row in _rows(queryset):
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def response(queryset, kind: str) -> StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        result = StreamingHttpResponse(csv_lines(queryset), content_type="text/csv; charset=utf-8")
    else:
        result = StreamingHttpResponse(json_chunks(queryset), content_type="application/json; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="agenda-institucional-{stamp}.{kind}"'
    result["Access-Control-Allow-Origin"] = "*"
    return result
