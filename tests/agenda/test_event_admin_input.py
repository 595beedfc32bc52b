"""Bad dates typed into the event form get a clear message and nothing is
saved: an impossible date, a session ending before it starts, a series
without an end or longer than five years."""

from datetime import UTC, datetime

import pytest
import time_machine

from agenda.models import Event, Occurrence
from tests.factories import event_admin_form_data

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
ADD_URL = "/admin/agenda/event/add/"


@time_machine.travel(NOW, tick=False)
def test_valid_form_saves(client, superuser):
    client.force_login(superuser)
    assert client.post(ADD_URL, event_admin_form_data()).status_code == 302
    assert Occurrence.objects.filter(event__title="Concert a la plaça").count() == 1


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"sessions-0-start_0": "2026-02-31"}, "Introduïu una data vàlida."),
        ({"sessions-0-end_1": "17:00"}, "La fi ha de ser posterior a l&#x27;inici."),
        ({"sessions-0-end_1": "18:00"}, "La fi ha de ser posterior a l&#x27;inici."),
        ({"recurrence_frequency": "WEEKLY"}, "no s&#x27;accepten repeticions indefinides"),
        ({"recurrence_frequency": "WEEKLY", "recurrence_until": "2032-12-31"}, "5 anys"),
        (
            {
                "recurrence_frequency": "WEEKLY",
                "recurrence_until": "2027-01-31",
                "recurrence_exceptions": "2026-13-01",
            },
            "2026-13-01",
        ),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_saved(client, superuser, overrides, message):
    client.force_login(superuser)
    response = client.post(ADD_URL, event_admin_form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists() and not Occurrence.objects.exists()
