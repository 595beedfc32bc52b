"""The agenda in the rest of the site: feeds, search, sitemap, home, admin."""

from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest
import time_machine

from agenda.models import Event, Frequency, Occurrence
from tests.factories import SOCIAL_PREFIX, local, make_event

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_rss_and_atom_list_upcoming_occurrences(client):
    make_event(
        title="Concert de Santa Cecília", sessions=[(local(2026, 11, 22, 19), local(2026, 11, 22, 21))]
    )
    make_event(title="Ja passat", sessions=[(local(2026, 11, 1, 19), local(2026, 11, 1, 21))])
    rss = ElementTree.fromstring(client.get("/ca/agenda/rss/").content)
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles == ["Concert de Santa Cecília · diumenge, 22 de novembre de 2026, 19.00 h"]
    atom = client.get("/ca/agenda/atom/")
    assert atom.status_code == 200 and b"Concert de Santa Cec" in atom.content


@time_machine.travel(NOW, tick=False)
def test_site_search_finds_events(client):
    make_event(title="Taller de ceràmica", sessions=[(local(2026, 11, 22, 19), local(2026, 11, 22, 21))])
    response = client.get("/ca/cerca/?q=ceràmica")
    assert response.status_code == 200
    assert "Taller de ceràmica" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_sitemap_lists_visible_events(client):
    event = make_event(
        title="Cinema a la fresca", sessions=[(local(2026, 11, 22, 21), local(2026, 11, 22, 23))]
    )
    draft = make_event(
        title="Esborrany", status="draft", sessions=[(local(2026, 11, 22, 21), local(2026, 11, 22, 23))]
    )
    body = client.get("/sitemap.xml").content.decode()
    assert event.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


@time_machine.travel(NOW, tick=False)
def test_home_shows_next_featured_events(client):
    make_event(
        title="Festa major", featured=True, sessions=[(local(2026, 12, 5, 18), local(2026, 12, 5, 23))]
    )
    make_event(title="No destacada", sessions=[(local(2026, 11, 20, 18), local(2026, 11, 20, 19))])
    page = client.get("/ca/").content.decode()
    assert "Properes activitats" in page
    assert "Festa major" in page and "No destacada" not in page


@time_machine.travel(NOW, tick=False)
def test_page_cache_boundary_drops_an_event_when_it_ends(client):
    make_event(title="Xerrada d'avui", sessions=[(local(2026, 11, 18, 10), local(2026, 11, 18, 11))])
    assert "Xerrada d" in client.get("/ca/agenda/").content.decode()
    with time_machine.travel(datetime(2026, 11, 18, 10, 1, tzinfo=UTC), tick=False):
        assert "Xerrada d" not in client.get("/ca/agenda/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_admin_creates_a_series_and_cancels_one_date(client, superuser):
    from agenda.models import Audience

    client.force_login(superuser)
    data = {
        "title": "Ioga per a gent gran",
        "summary": "Sessions setmanals de ioga suau.",
        "description": "<p>Porteu roba còmoda.</p>",
        "category": "gent-gran",
        "audiences": [Audience.objects.get(slug="gent-gran").pk],
        "organiser_name": "Casal de la gent gran",
        "attendance_mode": "online",
        "online_url": "https://video.example/ioga",
        "is_free": "on",
        "registration": "none",
        "event_status": "scheduled",
        "recurrence_frequency": "WEEKLY",
        "recurrence_interval": "1",
        "recurrence_until": "2026-12-31",
        "recurrence_exceptions": "2026-12-08",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-start_0": "2026-11-24",
        "sessions-0-start_1": "10:00",
        "sessions-0-end_0": "2026-11-24",
        "sessions-0-end_1": "11:00",
        "occurrences-TOTAL_FORMS": "0",
        "occurrences-INITIAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-TOTAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/agenda/event/add/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    event = Event.objects.get(title="Ioga per a gent gran")
    dates = list(Occurrence.objects.filter(event=event).values_list("local_date", flat=True))
    assert date(2026, 12, 8) not in dates
    assert len(dates) == 5  # 24 Nov, 1, 15, 22, 29 Dec
    # Unbounded: refused with the message, nothing saved.
    unbounded = dict(data, title="Sense final", recurrence_until="")
    response = client.post("/admin/agenda/event/add/", unbounded)
    assert response.status_code == 200
    assert "no s&#x27;accepten repeticions indefinides" in response.content.decode()
    assert not Event.objects.filter(title="Sense final").exists()
    # No session at all.
    response = client.post(
        "/admin/agenda/event/add/",
        dict(
            data,
            title="Sense data",
            **{
                "sessions-0-start_0": "",
                "sessions-0-start_1": "",
                "sessions-0-end_0": "",
                "sessions-0-end_1": "",
            },
        ),
    )
    assert response.status_code == 200
    assert "almenys una sessió" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_admin_change_page_and_preview(client, superuser):
    event = make_event(
        title="Exposició",
        status="draft",
        recurrence_frequency=Frequency.DAILY,
        recurrence_until=date(2026, 11, 30),
        sessions=[(local(2026, 11, 20, 10), local(2026, 11, 20, 13))],
    )
    client.force_login(superuser)
    assert client.get(f"/admin/agenda/event/{event.pk}/change/").status_code == 200
    assert client.get("/admin/agenda/event/").status_code == 200
    preview = client.get(f"/preview/agenda/{event.pk}/")
    assert preview.status_code == 200 and "Previsualització" in preview.content.decode()
    client.logout()
    assert client.get(f"/preview/agenda/{event.pk}/").status_code == 302
