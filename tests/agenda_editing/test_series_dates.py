"""A series shows its dates compactly in the event form: grouped by month,
the first ones shown and the rest behind "mostra'n més", each a link to its
own action page for those who may edit, read in a constant number of
queries however many dates there are."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda import series as series_display
from agenda.models import Occurrence
from tests.factories import local, make_event, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


def weekly_series(until: date):
    return make_event(
        title="Taller de ceràmica",
        sessions=[(local(2026, 12, 3, 10), local(2026, 12, 3, 11))],
        recurrence_frequency="WEEKLY",
        recurrence_weekdays="MO,TH",
        recurrence_until=until,
    )


def change_page(client, event) -> str:
    response = client.get(f"/admin/agenda/event/{event.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def date_links(page: str, event) -> list[str]:
    return re.findall(rf'href="/admin/agenda/event/{event.pk}/dates/(\d+)/"', page)


@time_machine.travel(NOW, tick=False)
def test_many_dates_are_listed_compactly_by_month_with_the_rest_folded(client, superuser):
    event = weekly_series(date(2027, 12, 30))
    total = Occurrence.objects.filter(event=event).count()
    assert total > 100
    client.force_login(superuser)
    page = change_page(client, event)

    # No inline form row per date any more: one link per date, and only the
    # first ones outside the fold.
    assert "occurrences-TOTAL_FORMS" not in page
    links = date_links(page, event)
    assert len(links) == total
    before_fold = page.split('<details class="series-more">')[0]
    assert len(date_links(before_fold, event)) == series_display.SHOWN
    assert f"<summary>Mostra'n més ({total - series_display.SHOWN} dates)</summary>" in page
    # Grouped by month, each date with its full wording for screen readers.
    assert "<h3>desembre de 2026</h3>" in page and "<h3>gener de 2027</h3>" in page
    assert '<span aria-hidden="true">dj 3</span>' in page
    assert '<span class="visually-hidden">dijous, 3 de desembre de 2026, de 10 a 11 h</span>' in page


@time_machine.travel(NOW, tick=False)
def test_the_form_reads_the_dates_in_a_constant_number_of_queries(client, superuser):
    short = weekly_series(date(2026, 12, 20))
    long = weekly_series(date(2027, 12, 30))
    assert Occurrence.objects.filter(event=short).count() < 10
    assert Occurrence.objects.filter(event=long).count() > 100
    client.force_login(superuser)
    change_page(client, short)  # warm what every admin page reads once
    counts = []
    for event in (short, long):
        with CaptureQueriesContext(connection) as queries:
            change_page(client, event)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@time_machine.travel(NOW, tick=False)
def test_moved_and_cancelled_dates_are_marked(client, superuser):
    event = weekly_series(date(2027, 1, 31))
    first, second = Occurrence.objects.filter(event=event).order_by("start")[:2]
    Occurrence.objects.filter(pk=first.pk).update(cancelled=True, note="Pluja")
    client.force_login(superuser)
    page = change_page(client, event)
    assert '<li class="series-date-changed">' in page
    assert "Cancel·lada" in page


@time_machine.travel(NOW, tick=False)
def test_only_those_who_may_edit_the_event_get_the_links_to_each_date(client):
    event = weekly_series(date(2027, 1, 31))  # published: publishers edit it
    client.force_login(make_user("publisher"))
    assert date_links(change_page(client, event), event)
    for role in ("editor", "siteadmin"):
        client.force_login(make_user(role))
        page = change_page(client, event)
        assert "dijous, 3 de desembre de 2026" in page
        assert date_links(page, event) == []
