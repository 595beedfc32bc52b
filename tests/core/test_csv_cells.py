"""CSV injection: no cell the product writes runs as a spreadsheet formula."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from comunicacio.csv_cells import cell, lines

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'),
        ("+34 938 000 000", "'+34 938 000 000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        # Text that looks like a negative number is text: prefixed too.
        ("-3", "'-3"),
        # Ordinary text, and a formula character further on, are left alone.
        ("Reunió amb l'AMPA", "Reunió amb l'AMPA"),
        ("1+1=2", "1+1=2"),
        ("", ""),
        (None, ""),
        # Numbers cannot carry a formula and stay numbers, negative ones too.
        (-3, -3),
        (Decimal("-1.5"), Decimal("-1.5")),
        (2.5, 2.5),
    ],
)
def test_cell(value, expected):
    assert cell(value) == expected


def test_lines_parse_back_as_typed_once_the_quote_is_removed():
    rows = [{"id": 7, "subject": '=IMPORTXML("http://evil.example", "//a")', "place": "Sala, 1a planta"}]
    text = "".join(lines(["id", "subject", "place"], rows))
    assert text.startswith("\ufeff")
    parsed = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert parsed == [
        {"id": "7", "subject": '\'=IMPORTXML("http://evil.example", "//a")', "place": "Sala, 1a planta"}
    ]


def test_every_csv_the_product_writes_goes_through_the_helper():
    """A new export that used csv.writer directly would skip the neutralising."""
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\b")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("comunicacio", "news", "agenda", "social", "catalog", "intranet", "bulletins")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "csv_cells.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
