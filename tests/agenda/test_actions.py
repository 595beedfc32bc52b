"""The agenda's actions: saving an event materialises its occurrences and
records the edit in one call; restoring a revision brings the occurrences
of the restored rule back; the admin goes through them."""

import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from agenda import actions
from agenda.models import Frequency, Occurrence
from comunicacio import pagecache
from comunicacio.publishing.models import Effect, Revision
from tests.factories import local, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _october():
    with time_machine.travel(datetime(2026, 10, 1, 9, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def publisher():
    return make_user("publisher")


def dates(event):
    return list(Occurrence.objects.filter(event=event).order_by("start").values_list("local_date", flat=True))


def weekly(until=date(2026, 11, 10)):
    return make_event(
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=until,
        sessions=[(local(2026, 10, 20, 18), local(2026, 10, 20, 20))],
        materialise=False,
    )


def test_saving_an_event_materialises_its_occurrences_and_records_the_edit(
    publisher, django_capture_on_commit_callbacks
):
    event = weekly()
    assert dates(event) == []
    with django_capture_on_commit_callbacks() as callbacks:
        revision = actions.save_event(event, publisher, created=True)
    assert dates(event) == [date(2026, 10, 20), date(2026, 10, 27), date(2026, 11, 3), date(2026, 11, 10)]
    assert revision == Revision.for_item(event).get()
    assert revision.comment == "Creat"
    # The event is live (the builder publishes it): the edit purges and
    # schedules the "changed" effects.
    assert pagecache.purge in callbacks
    assert Effect.for_item(event).filter(key=f"changed:{revision.pk}").exists()


def test_a_shorter_series_loses_its_later_occurrences(publisher):
    event = weekly()
    actions.save_event(event, publisher)
    event.recurrence_until = date(2026, 10, 27)
    event.save()
    actions.save_event(event, publisher)
    assert dates(event) == [date(2026, 10, 20), date(2026, 10, 27)]


def test_an_unusable_rule_records_nothing(publisher):
    event = weekly()
    event.recurrence_until = None  # a series with no end is refused
    event.save()
    with pytest.raises(ValidationError):
        actions.save_event(event, publisher)
    assert not Revision.for_item(event).exists()
    assert dates(event) == []


def test_restoring_a_revision_restores_the_occurrences_of_its_rule(publisher):
    event = weekly()
    longer = actions.save_event(event, publisher)
    event.recurrence_until = date(2026, 10, 27)
    event.save()
    actions.save_event(event, publisher)
    assert len(dates(event)) == 2
    actions.restore_event_revision(event, longer, publisher)
    event.refresh_from_db()
    assert event.recurrence_until == date(2026, 11, 10)
    assert dates(event) == [date(2026, 10, 20), date(2026, 10, 27), date(2026, 11, 3), date(2026, 11, 10)]
    assert Revision.for_item(event).count() == 3


def test_the_admin_restores_an_event_through_the_action(client, publisher):
    event = weekly()
    longer = actions.save_event(event, publisher)
    event.recurrence_until = date(2026, 10, 27)
    event.save()
    actions.save_event(event, publisher)
    client.force_login(publisher)
    response = client.post(f"/admin/agenda/event/{event.pk}/revisions/{longer.pk}/restore/")
    assert response.status_code == 302
    assert len(dates(event)) == 4


def test_the_daily_task_materialises_what_entered_the_horizon(settings):
    from agenda import tasks

    settings.AGENDA_HORIZON_DAYS = 30
    event = weekly(until=date(2026, 12, 29))
    actions.save_event(event, make_user("editor"))
    assert dates(event)[-1] == date(2026, 10, 27)
    revisions = Revision.for_item(event).count()
    with time_machine.travel(datetime(2026, 11, 1, 9, tzinfo=UTC), tick=False):
        assert tasks.extend_horizon.name == "agenda.tasks.extend_horizon"
        result = tasks.extend_horizon.apply().get()
    assert result == {"events": 1, "created": 5}
    assert dates(event)[-1] == date(2026, 12, 1)
    # Derived rows only: the event itself was not edited.
    assert Revision.for_item(event).count() == revisions


def test_the_rebuild_command_regenerates_every_event():
    from django.core.management import call_command

    event = weekly()
    assert dates(event) == []
    out = io.StringIO()
    call_command("regenerate_occurrences", stdout=out)
    assert len(dates(event)) == 4
    assert "1 events: 4 occurrences created, 0 updated, 0 deleted" in out.getvalue()
