"""The rule of a recurring event in one sentence, in Catalan style (and in
Spanish): weekdays, "the first/last Saturday", ranges and exceptions."""

from datetime import date, time

import pytest
from django.utils import translation

from agenda.rule_text import Rule, event_sentence, sentence
from tests.factories import local, make_event

TEN_TO_ELEVEN = ((time(10), time(11)),)


def weekly(**fields) -> Rule:
    values = {
        "frequency": "WEEKLY",
        "first_day": date(2026, 12, 3),
        "until": date(2027, 5, 27),
        "weekdays": ("MO", "TH"),
        "times": TEN_TO_ELEVEN,
    }
    values.update(fields)
    return Rule(**values)


def test_weekly_on_two_days_with_an_exception_reads_as_the_style_book_asks():
    rule = weekly(exceptions=(date(2026, 12, 24),))
    assert sentence(rule, "ca") == (
        "Cada dilluns i dijous de 10 a 11 h, del 3 de desembre de 2026 al 27 de maig de 2027, "
        "excepte el 24 de desembre"
    )


def test_the_same_rule_in_spanish():
    rule = weekly(exceptions=(date(2026, 12, 24),))
    assert sentence(rule, "es") == (
        "Cada lunes y jueves de 10 a 11 h, del 3 de diciembre de 2026 al 27 de mayo de 2027, "
        "excepto el 24 de diciembre"
    )


def test_the_active_language_is_the_default():
    with translation.override("es"):
        assert sentence(weekly()).startswith("Cada lunes y jueves")
    assert sentence(weekly()).startswith("Cada dilluns i dijous")


def test_three_days_minutes_and_a_range_within_one_year():
    rule = weekly(
        first_day=date(2027, 2, 1),
        until=date(2027, 6, 30),
        weekdays=("FR", "MO", "WE"),  # said in the week's order
        times=((time(9, 30), time(14)),),
    )
    assert sentence(rule, "ca") == (
        "Cada dilluns, dimecres i divendres de 9.30 a 14.00 h, de l'1 de febrer al 30 de juny de 2027"
    )
    assert sentence(rule, "es") == (
        "Cada lunes, miércoles y viernes de 9:30 a 14:00 h, del 1 de febrero al 30 de junio de 2027"
    )


@pytest.mark.parametrize(
    ("position", "catalan", "spanish"),
    [
        (1, "El primer dissabte de cada mes", "El primer sábado de cada mes"),
        (2, "El segon dissabte de cada mes", "El segundo sábado de cada mes"),
        (-1, "L'últim dissabte de cada mes", "El último sábado de cada mes"),
    ],
)
def test_monthly_by_position_in_words(position, catalan, spanish):
    rule = Rule(
        frequency="MONTHLY",
        first_day=date(2026, 12, 5),
        until=date(2027, 6, 26),
        weekdays=("SA",),
        week_of_month=position,
        times=((time(11), time(13)),),
    )
    assert sentence(rule, "ca") == f"{catalan}, d'11 a 13 h, del 5 de desembre de 2026 al 26 de juny de 2027"
    assert sentence(rule, "es") == (
        f"{spanish}, de 11 a 13 h, del 5 de diciembre de 2026 al 26 de junio de 2027"
    )


def test_elision_of_one_and_eleven_and_of_vowel_months():
    rule = Rule(
        frequency="DAILY",
        first_day=date(2026, 4, 1),
        until=date(2026, 10, 11),
        interval=2,
        all_day=True,
        exceptions=(date(2026, 8, 1), date(2026, 8, 11), date(2026, 9, 11)),
    )
    assert sentence(rule, "ca") == (
        "Cada 2 dies, tot el dia, de l'1 d'abril a l'11 d'octubre de 2026, "
        "excepte l'1 i l'11 d'agost i l'11 de setembre"
    )
    assert sentence(rule, "es") == (
        "Cada 2 días, todo el día, del 1 de abril al 11 de octubre de 2026, "
        "excepto el 1 y el 11 de agosto y el 11 de septiembre"
    )


def test_exceptions_keep_the_year_only_where_the_day_comes_twice_and_outside_ones_are_left_out():
    rule = weekly(
        first_day=date(2026, 11, 2),
        until=date(2028, 1, 10),
        interval=2,
        weekdays=("MO",),
        times=((time(18), time(20)),),
        exceptions=(date(2026, 12, 28), date(2027, 12, 27), date(2027, 3, 1), date(2029, 1, 1)),
    )
    assert sentence(rule, "ca") == (
        "Cada 2 setmanes, dilluns, de 18 a 20 h, del 2 de novembre de 2026 al 10 de gener de 2028, "
        "excepte el 28 de desembre de 2026, l'1 de març i el 27 de desembre de 2027"
    )


def test_a_weekly_rule_without_days_repeats_the_sessions_weekday_and_hours_of_several_sessions():
    rule = weekly(
        first_day=date(2026, 12, 1),  # a Tuesday
        weekdays=(),
        times=((time(10), time(11)), (time(17), time(18, 30))),
    )
    expected = "Cada dimarts de 10 a 11 h i de 17.00 a 18.30 h, de l'1 de desembre"
    assert sentence(rule, "ca").startswith(expected)


@pytest.mark.django_db
def test_a_saved_event_says_its_rule_and_a_one_off_event_says_nothing():
    series = make_event(
        sessions=[(local(2026, 12, 3, 10), local(2026, 12, 3, 11))],
        recurrence_frequency="WEEKLY",
        recurrence_weekdays="MO,TH",
        recurrence_until=date(2027, 5, 27),
        recurrence_exceptions="2026-12-24",
    )
    assert event_sentence(series) == (
        "Cada dilluns i dijous de 10 a 11 h, del 3 de desembre de 2026 al 27 de maig de 2027, "
        "excepte el 24 de desembre"
    )
    assert event_sentence(series, language="es").startswith("Cada lunes y jueves de 10 a 11 h")
    one_off = make_event(sessions=[(local(2026, 12, 3, 10), local(2026, 12, 3, 11))])
    assert event_sentence(one_off) == ""
