"""Dates and times as the style book writes them, in Europe/Madrid time."""

from datetime import UTC, date, datetime, time

import pytest
from django.template import Context, Template
from django.utils import translation

from comunicacio import formatting


@pytest.mark.parametrize(
    "value, weekday, year, language, expected",
    [
        (date(2026, 11, 26), True, True, "ca", "dijous, 26 de novembre de 2026"),
        (date(2026, 11, 26), False, True, "ca", "26 de novembre de 2026"),
        (date(2026, 11, 26), True, False, "ca", "dijous, 26 de novembre"),
        (date(2026, 10, 1), False, True, "ca", "1 d'octubre de 2026"),
        (date(2026, 4, 23), True, True, "ca", "dijous, 23 d'abril de 2026"),
        (date(2026, 8, 15), False, False, "ca", "15 d'agost"),
        (date(2026, 3, 8), True, True, "ca", "diumenge, 8 de març de 2026"),
        (date(2027, 1, 4), True, True, "ca", "dilluns, 4 de gener de 2027"),
        (date(2026, 11, 26), True, True, "es", "jueves, 26 de noviembre de 2026"),
        (date(2026, 10, 1), False, True, "es", "1 de octubre de 2026"),
        (date(2026, 4, 22), True, False, "es", "miércoles, 22 de abril"),
    ],
)
def test_long_date(value, weekday, year, language, expected):
    assert formatting.long_date(value, weekday=weekday, year=year, language=language) == expected


@pytest.mark.parametrize(
    "value, language, expected",
    [
        (time(10, 30), "ca", "10.30 h"),
        (time(9, 5), "ca", "9.05 h"),
        (time(0, 0), "ca", "0.00 h"),
        (time(10, 30), "es", "10:30 h"),
    ],
)
def test_time_of_day(value, language, expected):
    assert formatting.time_of_day(value, language=language) == expected


@pytest.mark.parametrize(
    "start, end, language, expected",
    [
        (time(9), time(14), "ca", "de 9 a 14 h"),
        (time(11), time(13), "ca", "d'11 a 13 h"),
        (time(1), time(3), "ca", "d'1 a 3 h"),
        (time(10), time(11), "ca", "de 10 a 11 h"),
        (time(9, 30), time(14), "ca", "de 9.30 a 14.00 h"),
        (time(11, 15), time(13, 45), "ca", "d'11.15 a 13.45 h"),
        (time(9), time(14), "es", "de 9 a 14 h"),
        (time(11), time(13), "es", "de 11 a 13 h"),
        (time(9, 30), time(14), "es", "de 9:30 a 14:00 h"),
    ],
)
def test_time_range(start, end, language, expected):
    assert formatting.time_range(start, end, language=language) == expected


@pytest.mark.parametrize(
    "utc, expected",
    [
        # Winter time, UTC+1.
        (datetime(2026, 11, 26, 9, 30, tzinfo=UTC), "dijous, 26 de novembre de 2026, 10.30 h"),
        # Late evening UTC is already the next day in Madrid.
        (datetime(2026, 11, 26, 23, 30, tzinfo=UTC), "divendres, 27 de novembre de 2026, 0.30 h"),
        # Summer time, UTC+2, on both sides of the March change (29 March 2026, 01:00 UTC).
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "diumenge, 29 de març de 2026, 1.59 h"),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "diumenge, 29 de març de 2026, 3.00 h"),
        # Back to winter time on 25 October 2026 at 01:00 UTC: 2.59 h is seen twice.
        (datetime(2026, 10, 25, 0, 59, tzinfo=UTC), "diumenge, 25 d'octubre de 2026, 2.59 h"),
        (datetime(2026, 10, 25, 1, 59, tzinfo=UTC), "diumenge, 25 d'octubre de 2026, 2.59 h"),
        (datetime(2026, 10, 25, 2, 0, tzinfo=UTC), "diumenge, 25 d'octubre de 2026, 3.00 h"),
        (datetime(2026, 7, 1, 22, 15, tzinfo=UTC), "dijous, 2 de juliol de 2026, 0.15 h"),
    ],
)
def test_date_time_in_madrid_across_dst(utc, expected):
    assert formatting.date_time(utc, language="ca") == expected


def test_time_range_across_a_dst_change_uses_each_moments_offset():
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)  # 1.00 h CET
    end = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)  # 10.00 h CEST
    assert formatting.time_range(start, end, language="ca") == "d'1 a 10 h"


def test_spanish_date_time():
    value = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    assert formatting.date_time(value, language="es") == "jueves, 26 de noviembre de 2026, 10:30 h"


def test_active_language_is_the_default():
    value = datetime(2026, 10, 8, 16, 0, tzinfo=UTC)
    with translation.override("es"):
        assert formatting.long_date(value) == "8 de octubre de 2026"
    with translation.override("ca"):
        assert formatting.long_date(value) == "8 d'octubre de 2026"
    with translation.override("fr"):  # a language without names falls back to Catalan
        assert formatting.long_date(value) == "8 d'octubre de 2026"


def test_template_filters():
    value = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    template = Template(
        '{{ v|longdate }}|{{ v|longdate:"weekday" }}|{{ v|longdate:"weekday,noyear" }}|{{ v|hour }}'
    )
    with translation.override("ca"):
        assert template.render(Context({"v": value})) == (
            "26 de novembre de 2026|dijous, 26 de novembre de 2026|dijous, 26 de novembre|10.30 h"
        )
        assert Template("{{ v|longdate }}{{ v|hour }}").render(Context({"v": None})) == ""
