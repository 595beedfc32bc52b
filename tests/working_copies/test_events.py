"""Draft over live for events: a working copy's new session leaves the live
occurrences alone until a publisher publishes it; then the occurrences
follow the copy's sessions (the agenda's own edit action)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import Event, Occurrence
from comunicacio.publishing.models import Revision
from comunicacio.publishing.working_copies import WorkingCopy
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def change_url(event):
    return f"/admin/agenda/event/{event.pk}/change/"


def local_parts(moment):
    moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M:%S")


def test_an_event_copy_changes_occurrences_only_on_publication(
    client, form_data, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = make_event(title="Concert a la plaça", sessions=[(start, start + timedelta(hours=2))])
    live_occurrences = list(Occurrence.objects.filter(event=event).values_list("start", flat=True))
    assert live_occurrences == [start]
    revisions_before = Revision.for_item(event).count()

    editor = make_user("editor")
    client.force_login(editor)
    moved = start + timedelta(days=1)
    day, hour = local_parts(moved)
    end_day, end_hour = local_parts(moved + timedelta(hours=3))
    data = form_data(
        client,
        change_url(event),
        "event_form",
        title="Concert a la plaça, ajornat",
        **{"sessions-0-start_0": day, "sessions-0-start_1": hour},
        **{"sessions-0-end_0": end_day, "sessions-0-end_1": end_hour},
    )
    response = client.post(change_url(event), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    event.refresh_from_db()
    assert event.title == "Concert a la plaça"
    assert list(Occurrence.objects.filter(event=event).values_list("start", flat=True)) == [start]
    assert list(event.sessions.values_list("start", flat=True)) == [start]
    assert Revision.for_item(event).count() == revisions_before
    client.logout()
    public = client.get(event.get_absolute_url()).content.decode()
    assert "Concert a la plaça, ajornat" not in public

    # The copy's form shows the moved session; the live rows stay.
    client.force_login(editor)
    shown = form_data(client, change_url(event), "event_form")
    assert shown["sessions-0-start_0"] == [timezone.localtime(moved).strftime("%d/%m/%Y")]
    assert shown["title"] == ["Concert a la plaça, ajornat"]
    assert list(Occurrence.objects.filter(event=event).values_list("start", flat=True)) == [start]

    client.force_login(make_user("publisher"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/agenda/event/{event.pk}/copia-de-treball/publish/").status_code == 302
    event = Event.objects.get(pk=event.pk)
    assert event.title == "Concert a la plaça, ajornat"
    assert list(event.sessions.values_list("start", flat=True)) == [moved]
    assert list(Occurrence.objects.filter(event=event).values_list("start", flat=True)) == [moved]
    assert Revision.for_item(event).count() == revisions_before + 1
    assert not WorkingCopy.objects.exists()
    client.logout()
    assert "Concert a la plaça, ajornat" in client.get(event.get_absolute_url()).content.decode()
