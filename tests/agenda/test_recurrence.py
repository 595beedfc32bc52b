"""Series of events: expansion in local wall time, exceptions, per-occurrence
edits and the materialisation horizon."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from agenda.models import Event, Frequency, Occurrence
from agenda.recurrence import edit_occurrence, extend_horizon, materialise
from tests.factories import MADRID, local, make_event

pytestmark = pytest.mark.django_db


def local_starts(event):
    return [o.start.astimezone(MADRID) for o in Occurrence.objects.filter(event=event).order_by("start")]


def weekly_tuesday(**fields):
    values = {
        "recurrence_frequency": Frequency.WEEKLY,
        "recurrence_until": date(2026, 11, 10),
        "sessions": [(local(2026, 10, 20, 18), local(2026, 10, 20, 20))],
    }
    values.update(fields)
    return make_event(**values)


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_weekly_series_keeps_local_time_across_the_dst_change():
    event = weekly_tuesday()
    starts = local_starts(event)
    assert [s.date() for s in starts] == [
        date(2026, 10, 20),
        date(2026, 10, 27),
        date(2026, 11, 3),
        date(2026, 11, 10),
    ]
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
    # Summer time before 25 October, winter time after: UTC moves, local does not.
    utc_hours = [
        o.start.astimezone(UTC).hour for o in Occurrence.objects.filter(event=event).order_by("start")
    ]
    assert utc_hours == [16, 17, 17, 17]
    ends = [o.end.astimezone(MADRID).hour for o in Occurrence.objects.filter(event=event).order_by("start")]
    assert ends == [20, 20, 20, 20]


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_excluded_dates_are_left_out():
    event = weekly_tuesday(recurrence_exceptions="2026-10-27\n2026-11-03")
    assert [s.date() for s in local_starts(event)] == [date(2026, 10, 20), date(2026, 11, 10)]


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_cancelling_one_occurrence_survives_regenerating_the_series():
    event = weekly_tuesday()
    third = Occurrence.objects.get(event=event, original_date=date(2026, 11, 3))
    edit_occurrence(third, cancelled=True, note="Festa local")
    # The editor then moves the whole series one hour later.
    session = event.sessions.get()
    session.start, session.end = local(2026, 10, 20, 19), local(2026, 10, 20, 21)
    session.save()
    materialise(event)
    rows = list(Occurrence.objects.filter(event=event).order_by("start"))
    assert len(rows) == 4
    assert {r.start.astimezone(MADRID).hour for r in rows} == {19}
    cancelled = [r for r in rows if r.cancelled]
    assert [(r.original_date, r.note) for r in cancelled] == [(date(2026, 11, 3), "Festa local")]


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_moving_one_occurrence_leaves_the_others_alone():
    event = weekly_tuesday()
    second = Occurrence.objects.get(event=event, original_date=date(2026, 10, 27))
    edit_occurrence(second, start=local(2026, 10, 29, 17), end=local(2026, 10, 29, 19))
    materialise(event)  # regeneration keeps the move
    second.refresh_from_db()
    assert second.start == local(2026, 10, 29, 17)
    assert second.local_date == date(2026, 10, 29)
    assert second.original_start == local(2026, 10, 27, 18)
    others = Occurrence.objects.filter(event=event).exclude(pk=second.pk)
    assert {o.start.astimezone(MADRID).hour for o in others} == {18}
    # Undoing the move brings back the series time.
    edit_occurrence(second, start=False)
    second.refresh_from_db()
    assert second.start == local(2026, 10, 27, 18)


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_shortening_the_series_drops_the_dates_it_no_longer_has():
    event = weekly_tuesday()
    event.recurrence_until = date(2026, 10, 28)
    event.save()
    materialise(event)
    assert [s.date() for s in local_starts(event)] == [date(2026, 10, 20), date(2026, 10, 27)]


@time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False)
def test_five_year_series_is_materialised_up_to_the_horizon_and_extended(settings):
    settings.AGENDA_HORIZON_DAYS = 400
    event = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2030, 12, 31),
        sessions=[(local(2026, 1, 7, 10), local(2026, 1, 7, 12))],
    )
    rows = Occurrence.objects.filter(event=event)
    last = rows.order_by("-start").first().local_date
    assert date(2027, 1, 30) <= last <= date(2027, 2, 9)
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        extend_horizon()
    last = rows.order_by("-start").first().local_date
    assert last >= date(2028, 1, 31)
    settings.AGENDA_HORIZON_DAYS = 5 * 366
    materialise(event)
    assert rows.order_by("-start").first().local_date == date(2030, 12, 25)
    # Every Wednesday from 7 January 2026 to 25 December 2030.
    assert rows.count() == (date(2030, 12, 25) - date(2026, 1, 7)).days // 7 + 1


@time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False)
def test_unbounded_or_too_long_series_are_refused_with_a_clear_message():
    event = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        sessions=[(local(2026, 1, 7, 10), local(2026, 1, 7, 12))],
        materialise=False,
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "no s'accepten repeticions indefinides" in str(error.value)
    with pytest.raises(ValidationError):
        materialise(event)
    assert not Occurrence.objects.filter(event=event).exists()
    event.recurrence_until = date(2031, 2, 1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "com a màxim 5 anys" in str(error.value)


@time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False)
def test_bad_weekdays_and_exception_dates_are_refused():
    event = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 3, 1),
        recurrence_weekdays="MO, XX",
        recurrence_exceptions="2026-02-31",
        sessions=[(local(2026, 1, 7, 10), local(2026, 1, 7, 12))],
        materialise=False,
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert set(error.value.message_dict) >= {"recurrence_weekdays", "recurrence_exceptions"}
    assert "2026-02-31" in " ".join(error.value.message_dict["recurrence_exceptions"])


@time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False)
def test_all_day_span_covers_each_day_and_ends_at_local_midnight():
    event = make_event(sessions=[(local(2026, 3, 27), local(2026, 3, 29), True)])
    occurrence = Occurrence.objects.get(event=event)
    assert occurrence.all_day
    assert (occurrence.local_date, occurrence.local_end_date) == (date(2026, 3, 27), date(2026, 3, 29))
    # The night of 28-29 March changes to summer time: the end is still midnight.
    assert occurrence.end.astimezone(MADRID) == local(2026, 3, 30)
    assert [o.pk for o in Occurrence.objects.on_day(date(2026, 3, 28))] == [occurrence.pk]
    assert not Occurrence.objects.on_day(date(2026, 3, 30)).exists()


@time_machine.travel(datetime(2026, 1, 5, 9, tzinfo=UTC), tick=False)
def test_monthly_first_saturday_and_several_weekdays():
    monthly = make_event(
        recurrence_frequency=Frequency.MONTHLY,
        recurrence_weekdays="SA",
        recurrence_week_of_month=1,
        recurrence_until=date(2026, 4, 30),
        sessions=[(local(2026, 1, 3, 9), local(2026, 1, 3, 14))],
    )
    assert [s.date() for s in local_starts(monthly)] == [
        date(2026, 1, 3),
        date(2026, 2, 7),
        date(2026, 3, 7),
        date(2026, 4, 4),
    ]
    twice_a_week = make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_weekdays="MO,TH",
        recurrence_until=date(2026, 1, 16),
        sessions=[(local(2026, 1, 5, 10), local(2026, 1, 5, 11))],
    )
    assert [s.date() for s in local_starts(twice_a_week)] == [
        date(2026, 1, 5),
        date(2026, 1, 8),
        date(2026, 1, 12),
        date(2026, 1, 15),
    ]


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_sequence_bumps_on_schedule_changes_only():
    event = weekly_tuesday()
    event.refresh_from_db()
    assert event.ical_sequence == 0
    event.summary = "Un resum nou"
    event.save()
    materialise(event)
    event.refresh_from_db()
    assert event.ical_sequence == 0
    event.title = "Taller de ceràmica"
    event.save()
    materialise(event)
    event.refresh_from_db()
    assert event.ical_sequence == 1
    edit_occurrence(Occurrence.objects.filter(event=event).first(), cancelled=True)
    assert Event.objects.get(pk=event.pk).ical_sequence == 2


def test_materialise_twice_changes_nothing():
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    event = make_event(sessions=[(start, start + timedelta(hours=2))])
    assert materialise(event) == {"created": 0, "updated": 0, "deleted": 0, "sequence": 0}


def test_volume_and_regenerate_commands():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("generate_agenda_volume", events=40, series=5, stdout=out)
    assert "40 events (5 series)" in out.getvalue()
    assert Event.objects.visible().count() == 40
    before = Occurrence.objects.count()
    assert before > 40
    signatures = dict(Event.objects.values_list("pk", "schedule_signature"))
    assert all(signatures.values())
    out = io.StringIO()
    call_command("regenerate_occurrences", stdout=out)
    # The bulk rows are exactly what materialise would make.
    assert "0 occurrences created, 0 updated, 0 deleted" in out.getvalue()
    assert Occurrence.objects.count() == before
    assert dict(Event.objects.values_list("pk", "schedule_signature")) == signatures
    assert set(Event.objects.values_list("ical_sequence", flat=True)) == {0}


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_regenerating_everything_keeps_edits_in_a_few_queries_whatever_the_number_of_events(
    django_assert_max_num_queries,
):
    from agenda.recurrence import regenerate_all

    series = weekly_tuesday()
    edit_occurrence(
        Occurrence.objects.get(event=series, original_date=date(2026, 11, 3)), cancelled=True, note="Festa"
    )
    edit_occurrence(
        Occurrence.objects.get(event=series, original_date=date(2026, 10, 27)),
        start=local(2026, 10, 29, 17),
        end=local(2026, 10, 29, 19),
    )
    one_offs = [
        make_event(sessions=[(local(2026, 10, 5 + n, 10), local(2026, 10, 5 + n, 12))]) for n in range(20)
    ]
    sequence = Event.objects.get(pk=series.pk).ical_sequence
    # The editor moves the whole series one hour later and ends it earlier;
    # one single event is moved to the afternoon (rows not yet regenerated).
    session = series.sessions.get()
    session.start, session.end = local(2026, 10, 20, 19), local(2026, 10, 20, 21)
    session.save()
    Event.objects.filter(pk=series.pk).update(recurrence_until=date(2026, 11, 5))
    moved = one_offs[0].sessions.get()
    moved.start, moved.end = local(2026, 10, 5, 17), local(2026, 10, 5, 19)
    moved.save()

    with django_assert_max_num_queries(12):
        totals = regenerate_all()
    assert (totals["events"], totals["created"], totals["updated"], totals["deleted"]) == (21, 0, 4, 1)

    rows = {o.original_date: o for o in Occurrence.objects.filter(event=series)}
    assert sorted(rows) == [date(2026, 10, 20), date(2026, 10, 27), date(2026, 11, 3)]
    assert rows[date(2026, 10, 20)].start == local(2026, 10, 20, 19)
    assert (rows[date(2026, 11, 3)].cancelled, rows[date(2026, 11, 3)].note) == (True, "Festa")
    assert rows[date(2026, 11, 3)].start == local(2026, 11, 3, 19)
    assert rows[date(2026, 10, 27)].start == local(2026, 10, 29, 17)
    assert rows[date(2026, 10, 27)].original_start == local(2026, 10, 27, 19)
    assert Occurrence.objects.get(event=one_offs[0]).start == local(2026, 10, 5, 17)
    # Calendar apps are told about the two changed schedules, not the others.
    assert Event.objects.get(pk=series.pk).ical_sequence == sequence + 1
    assert Event.objects.get(pk=one_offs[0].pk).ical_sequence == 1
    assert set(
        Event.objects.filter(pk__in=[e.pk for e in one_offs[1:]]).values_list("ical_sequence", flat=True)
    ) == {0}
    # Nothing left to do the second time.
    again = regenerate_all()
    assert (again["created"], again["updated"], again["deleted"]) == (0, 0, 0)
    assert Event.objects.get(pk=series.pk).ical_sequence == sequence + 1


@time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False)
def test_batched_and_single_materialisation_write_the_same_rows():
    from agenda.recurrence import materialise_many

    events = [
        weekly_tuesday(recurrence_exceptions="2026-10-27"),
        make_event(
            recurrence_frequency=Frequency.MONTHLY,
            recurrence_weekdays="SA",
            recurrence_week_of_month=1,
            recurrence_until=date(2027, 3, 31),
            sessions=[(local(2026, 10, 3, 9), local(2026, 10, 3, 14))],
        ),
        make_event(sessions=[(local(2026, 12, 24), local(2026, 12, 26), True)]),
    ]
    fields = ["event_id", "session_id", "original_date", "start", "end", "local_date", "local_end_date"]
    single = sorted(Occurrence.objects.values_list(*fields))
    Occurrence.objects.all().delete()
    totals = materialise_many([e.pk for e in events], batch_size=2)
    assert totals["created"] == len(single)
    assert sorted(Occurrence.objects.values_list(*fields)) == single
