"""The demo agenda loads, is idempotent and shows on the public pages."""

import io

import pytest
from django.core.management import call_command

from agenda.models import Event, Occurrence

pytestmark = pytest.mark.django_db


def test_demo_agenda(client):
    call_command("load_demo", stdout=io.StringIO())
    events = Event.objects.visible()
    assert events.count() >= 10
    assert events.exclude(recurrence_frequency="").count() >= 3
    assert Occurrence.objects.filter(event__slug="club-de-lectura").count() > 10
    call_command("load_demo", stdout=io.StringIO())
    assert Event.objects.count() == events.count()
    page = client.get("/ca/agenda/").content.decode()
    assert "Club de lectura de la biblioteca" in page
    assert client.get("/ca/agenda/activitat/fira-nadal/").status_code == 200
    assert client.get("/ca/agenda/agenda.ics").status_code == 200
