"""The recurrence as the event form shows it: weekday checkboxes, the week
of the month in words, a date picker for exceptions, stored as the rule's
codes; and the sentence that says the rule, on the form, on the list and
from the form's live endpoint."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from agenda.models import Event, Occurrence
from comunicacio.preferences import StaffPreference
from tests.factories import event_admin_form_data, local, make_event, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
ADD_URL = "/admin/agenda/event/add/"
SENTENCE_URL = "/admin/agenda/event/regla-en-paraules/"
SENTENCE = (
    "Cada dilluns i dijous de 10 a 11 h, del 3 de desembre de 2026 al 27 de maig de 2027, "
    "excepte el 24 i el 31 de desembre"
)


def series_data(**overrides) -> dict:
    values = {
        "recurrence_frequency": "WEEKLY",
        "recurrence_weekdays": ["MO", "TH"],
        "recurrence_until": "2027-05-27",
        "recurrence_exceptions": "2026-12-31",
        # Picked in the date picker and saved without pressing "Afegeix".
        "recurrence_exceptions_add": "2026-12-24",
        "sessions-0-start_0": "2026-12-03",
        "sessions-0-start_1": "10:00",
        "sessions-0-end_0": "2026-12-03",
        "sessions-0-end_1": "11:00",
    }
    values.update(overrides)
    return event_admin_form_data(**values)


def checked_weekdays(page: str) -> list[str]:
    boxes = re.findall(r'<input type="checkbox" name="recurrence_weekdays"[^>]*>', page)
    return [re.search(r'value="(\w+)"', box).group(1) for box in boxes if " checked" in box]


@time_machine.travel(NOW, tick=False)
def test_checkboxes_and_picked_exceptions_are_stored_as_the_rule(client, superuser):
    client.force_login(superuser)
    response = client.post(ADD_URL, series_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.recurrence_weekdays == "MO,TH"
    assert event.exception_dates() == [date(2026, 12, 24), date(2026, 12, 31)]
    days = set(Occurrence.objects.filter(event=event).values_list("local_date", flat=True))
    assert date(2026, 12, 7) in days and date(2026, 12, 10) in days  # Monday, Thursday
    assert date(2026, 12, 24) not in days and date(2026, 12, 31) not in days
    assert {day.weekday() for day in days} == {0, 3}

    # Back in the form: the same boxes ticked, the dates listed, the rule said.
    page = client.get(f"/admin/agenda/event/{event.pk}/change/").content.decode()
    assert checked_weekdays(page) == ["MO", "TH"]
    assert "2026-12-24\n2026-12-31</textarea>" in page
    assert 'type="date" name="recurrence_exceptions_add"' in page
    assert SENTENCE in page
    # Each box shows the abbreviation and gives screen readers the full name.
    assert '<span aria-hidden="true">dj</span><span class="visually-hidden">dijous</span>' in page


@time_machine.travel(NOW, tick=False)
def test_the_last_saturday_of_the_month_is_chosen_in_words(client, superuser):
    client.force_login(superuser)
    page = client.get(ADD_URL).content.decode()
    assert "l&#x27;últim</option>" in page and "el primer</option>" in page
    data = series_data(
        recurrence_frequency="MONTHLY",
        recurrence_weekdays=["SA"],
        recurrence_week_of_month="-1",
        recurrence_exceptions="",
        recurrence_exceptions_add="",
    )
    assert client.post(ADD_URL, data).status_code == 302
    event = Event.objects.get()
    assert (event.recurrence_weekdays, event.recurrence_week_of_month) == ("SA", -1)
    days = list(Occurrence.objects.filter(event=event).order_by("start").values_list("local_date", flat=True))
    assert days[:3] == [date(2026, 12, 26), date(2027, 1, 30), date(2027, 2, 27)]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recurrence_weekdays": ["MO", "XX"]}, "XX"),
        ({"recurrence_week_of_month": "7"}, "7"),
        ({"recurrence_exceptions_add": "2026-12-32"}, "2026-12-32"),
        ({"recurrence_weekdays": [], "recurrence_frequency": ""}, "Trieu primer com es repeteix."),
    ],
)
def test_bad_rule_input_is_refused_with_a_message_and_nothing_saved(client, superuser, overrides, message):
    client.force_login(superuser)
    response = client.post(ADD_URL, series_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists() and not Occurrence.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_list_says_each_series_rule_in_a_constant_number_of_queries(
    client, superuser, django_assert_max_num_queries
):
    def series(number):
        return make_event(
            title=f"Taller {number}",
            sessions=[(local(2026, 12, 3, 10), local(2026, 12, 3, 11))],
            recurrence_frequency="WEEKLY",
            recurrence_weekdays="MO,TH",
            recurrence_until=date(2027, 5, 27),
        )

    series(1)
    client.force_login(superuser)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page = client.get("/admin/agenda/event/").content.decode()
    assert "Cada dilluns i dijous de 10 a 11 h" in page
    for number in range(2, 12):
        series(number)
    with django_assert_max_num_queries(len(few)):
        page = client.get("/admin/agenda/event/").content.decode()
    assert page.count("Cada dilluns i dijous de 10 a 11 h") == 11


def sentence_query(**overrides) -> dict:
    values = {
        "frequency": "WEEKLY",
        "interval": "1",
        "weekday": ["MO", "TH"],
        "week_of_month": "",
        "until": "2027-05-27",
        "exceptions": "2026-12-31",
        "session": ["2026-12-03T10:00/2026-12-03T11:00/0"],
    }
    values.update(overrides)
    return values


@time_machine.travel(NOW, tick=False)
def test_the_live_sentence_comes_from_the_same_function(client):
    editor = make_user("editor")
    client.force_login(editor)
    response = client.get(SENTENCE_URL, sentence_query(exceptions="2026-12-31\n2026-12-24"))
    assert response.status_code == 200
    assert response.json() == {"sentence": SENTENCE}
    # Not repeating, or not complete yet: nothing to say.
    assert client.get(SENTENCE_URL, sentence_query(frequency="")).json() == {"sentence": ""}
    assert client.get(SENTENCE_URL, sentence_query(until="")).json() == {"sentence": ""}
    # Spanish-speaking staff get it in Spanish.
    StaffPreference.objects.create(user=editor, language="es")
    with_spanish = client.get(SENTENCE_URL, sentence_query())
    assert with_spanish.json()["sentence"].startswith("Cada lunes y jueves de 10 a 11 h"), with_spanish.json()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"frequency": "YEARLY"}, "YEARLY"),
        ({"interval": "dos"}, "nombre"),
        ({"interval": "99"}, "entre 1 i 52"),
        ({"weekday": ["MO", "XX"]}, "XX"),
        ({"week_of_month": "9"}, "9"),
        ({"until": "2027-02-30"}, "2027-02-30"),
        ({"exceptions": "24/12/2026"}, "24/12/2026"),
        ({"session": ["ahir"]}, "ahir"),
        ({"session": ["2026-12-33T10:00/2026-12-03T11:00/0"]}, "2026-12-33"),
    ],
)
def test_the_live_sentence_refuses_bad_values_with_the_reason(client, overrides, message):
    client.force_login(make_user("editor"))
    response = client.get(SENTENCE_URL, sentence_query(**overrides))
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_live_sentence_is_for_staff_who_edit_events(client):
    assert client.get(SENTENCE_URL, sentence_query()).status_code == 302  # to the login page
    client.force_login(make_user(None))
    assert client.get(SENTENCE_URL, sentence_query()).status_code in (302, 403)
    # Site administrators see events but do not edit them.
    client.force_login(make_user("siteadmin"))
    assert client.get(SENTENCE_URL, sentence_query()).status_code == 403
