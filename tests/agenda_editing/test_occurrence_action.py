"""Moving or cancelling one date of a series is an action on that date: its
own small page, permission-checked, recorded like any edit of the event (a
revision, the public pages purged), leaving every other date as it was."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from agenda.models import Occurrence
from comunicacio.publishing.models import Effect, Revision, Status
from tests.factories import local, make_event, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _november():
    with time_machine.travel(NOW, tick=False):
        yield


def weekly_series(**fields):
    values = {
        "title": "Taller de ceràmica",
        "sessions": [(local(2026, 12, 3, 10), local(2026, 12, 3, 11))],
        "recurrence_frequency": "WEEKLY",
        "recurrence_weekdays": "MO,TH",
        "recurrence_until": date(2027, 1, 31),
    }
    values.update(fields)
    return make_event(**values)


def the_date(event, day: date) -> Occurrence:
    return Occurrence.objects.get(event=event, original_date=day)


def url(event, occurrence) -> str:
    return f"/admin/agenda/event/{event.pk}/dates/{occurrence.pk}/"


def schedule(event) -> dict:
    return {
        row.original_date: (row.start, row.end, row.cancelled, row.note)
        for row in Occurrence.objects.filter(event=event)
    }


def public_page(client, event) -> str:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_publisher_moves_one_date_and_only_that_one(client, eager_effects):
    event = weekly_series()
    target = the_date(event, date(2026, 12, 7))
    before = schedule(event)
    assert "dilluns, 7 de desembre de 2026, de 10 a 11 h" in public_page(client, event)
    client.force_login(make_user("publisher"))
    form = client.get(url(event, target))
    assert form.status_code == 200
    assert "dilluns, 7 de desembre de 2026, de 10 a 11 h" in form.content.decode()

    response = eager_effects(
        client.post,
        url(event, target),
        {"action": "move", "day": "2026-12-09", "start_time": "17:30", "end_time": "19:00", "note": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/agenda/event/{event.pk}/change/#series-dates"

    target.refresh_from_db()
    assert (target.start, target.end) == (local(2026, 12, 9, 17, 30), local(2026, 12, 9, 19))
    assert target.original_date == date(2026, 12, 7) and target.is_moved
    after = schedule(event)
    del before[date(2026, 12, 7)], after[date(2026, 12, 7)]
    assert after == before  # every other date untouched

    revision = Revision.for_item(event).order_by("-created_at", "-pk").first()
    assert revision.comment.startswith("Data del 7 de desembre de 2026 moguda a: dimecres, 9 de desembre")
    assert Effect.objects.filter(handler="cache.purge", object_id=event.pk).exists()
    page = public_page(client, event)
    assert "dimecres, 9 de desembre de 2026, de 17.30 a 19.00 h" in page
    assert "dilluns, 7 de desembre de 2026, de 10 a 11 h" not in page
    assert "dijous, 10 de desembre de 2026, de 10 a 11 h" in page


def test_cancelling_needs_a_reason_which_the_public_page_then_shows(client, eager_effects):
    event = weekly_series()
    target = the_date(event, date(2026, 12, 10))
    client.force_login(make_user("publisher"))
    revisions = Revision.for_item(event).count()

    refused = client.post(url(event, target), {"action": "cancel", "note": "  "})
    assert refused.status_code == 200
    assert "Indiqueu el motiu de la cancel·lació." in refused.content.decode()
    target.refresh_from_db()
    assert not target.cancelled and Revision.for_item(event).count() == revisions

    before = schedule(event)
    response = eager_effects(
        client.post, url(event, target), {"action": "cancel", "note": "La sala és ocupada"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.cancelled and target.note == "La sala és ocupada"
    assert Revision.for_item(event).count() == revisions + 1
    after = schedule(event)
    del before[date(2026, 12, 10)], after[date(2026, 12, 10)]
    assert after == before
    page = public_page(client, event)
    assert "cancel·lada</strong> (La sala és ocupada)" in page

    # And undone: the date is back as the series planned it.
    restored = eager_effects(client.post, url(event, target), {"action": "restore"})
    assert restored.status_code == 302
    target.refresh_from_db()
    assert not target.cancelled and target.note == "" and target.start == local(2026, 12, 10, 10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Trieu què voleu fer amb aquesta data."),
        ({"action": "esborra"}, "esborra"),
        ({"action": "move", "day": "", "start_time": "10:00", "end_time": "11:00"}, "Indiqueu el nou dia."),
        ({"action": "move", "day": "2026-12-32", "start_time": "10:00", "end_time": "11:00"}, "data vàlida"),
        (
            {"action": "move", "day": "2026-12-09", "start_time": "19:00", "end_time": "18:00"},
            "La nova fi ha de ser posterior al nou inici.",
        ),
        ({"action": "move", "day": "2026-12-09", "start_time": "", "end_time": "18:00"}, "hora d&#x27;inici"),
        ({"action": "move", "day": "2026-12-09", "start_time": "10:00", "end_time": "25:00"}, "hora vàlida"),
        ({"action": "restore"}, "restore"),  # nothing to undo on an untouched date
        ({"action": "cancel", "note": "x" * 201}, "200"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, data, message):
    event = weekly_series()
    target = the_date(event, date(2026, 12, 7))
    before = schedule(event)
    client.force_login(make_user("publisher"))
    response = client.post(url(event, target), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert schedule(event) == before


def test_who_may_act_on_a_date(client):
    live = weekly_series()
    draft = weekly_series(status=Status.DRAFT, publish_at=None)
    live_date = the_date(live, date(2026, 12, 7))
    draft_date = the_date(draft, date(2026, 12, 7))

    assert client.get(url(live, live_date)).status_code == 302  # to the login page
    # What the public sees is for publishers to change; editors edit drafts.
    client.force_login(make_user("editor"))
    assert client.get(url(live, live_date)).status_code == 403
    assert client.post(url(live, live_date), {"action": "cancel", "note": "x"}).status_code == 403
    assert client.get(url(draft, draft_date)).status_code == 200
    client.force_login(make_user("siteadmin"))
    assert client.get(url(live, live_date)).status_code == 403
    client.force_login(make_user(None))
    assert client.get(url(live, live_date)).status_code in (302, 403)
    live_date.refresh_from_db()
    assert not live_date.cancelled


def test_a_date_is_found_only_under_its_own_event(client):
    event, other = weekly_series(), weekly_series(title="Un altre taller")
    client.force_login(make_user("publisher"))
    foreign = the_date(other, date(2026, 12, 7))
    assert client.get(url(event, foreign)).status_code == 404
    assert client.get(f"/admin/agenda/event/{event.pk}/dates/tres/").status_code == 404
    assert client.get(f"/admin/agenda/event/{event.pk}/dates/999999/").status_code == 404
    assert client.get(f"/admin/agenda/event/999999/dates/{foreign.pk}/").status_code == 404
