"""CSV files that spreadsheet programs open as data, never as formulas.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab, carriage return
or line feed, which some programs skip before looking for one) is read by
Excel, LibreOffice and Google Sheets as a formula: ``=HYPERLINK(...)`` or a
DDE call typed into a public form would run on the journalist's computer that
opens the export (OWASP, "CSV Injection"). Every CSV the product writes goes
through :func:`lines`, which prefixes such cells with ``'``: spreadsheets then
show the text as typed, and it stays readable to any CSV parser.

Numbers are left alone, negative ones included: a Python ``int``, ``float`` or
``Decimal`` cannot carry a formula, and prefixing ``-3`` would turn a number
column into text. Text that merely looks like a number (``"-3"``, ``"+34 93…"``
phone numbers) is prefixed all the same: ``"-1+1"`` and ``"-2+cmd|…"`` look
like numbers too, and text cannot be told apart safely.
"""

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
BYTE_ORDER_MARK = "\ufeff"


def cell(value) -> object:
    """``value`` as a CSV cell a spreadsheet will not evaluate."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class _Echo:
    """A file-like object whose write() returns what csv.writer wrote, so
    rows can be streamed one by one."""

    def write(self, value: str) -> str:
        return value


def lines(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, byte_order_mark: bool = True
) -> Iterator[str]:
    """The header and one CSV line per row (a dict keyed by column), every
    cell neutralised. With ``byte_order_mark`` the text starts with a UTF-8
    BOM so that spreadsheet programs open accents correctly."""
    writer = csv.writer(_Echo())
    header = writer.writerow([cell(name) for name in columns])
    yield (BYTE_ORDER_MARK + header) if byte_order_mark else header
    for row in rows:
        yield writer.writerow([cell(row.get(name)) for name in columns])
