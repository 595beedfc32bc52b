"""The institutional agenda's RSS and Atom feeds and its place in the sitemap."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import time_machine

from comunicacio.publishing.models import Status
from institutional.models import Guest, Holder, InstitutionalEntry

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def local(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MADRID)


@pytest.fixture
def entries(db):
    mayor = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig")
    published = InstitutionalEntry.objects.create(
        holder=mayor,
        start=local(2026, 11, 20, 10),
        subject="Reunió amb la Cambra de Comerç",
        place="Sala de plens",
        participants="Junta de la Cambra",
        interest_groups="Cambra de Comerç",
        status=Status.PUBLISHED,
        publish_at=NOW - timedelta(days=1),
    )
    Guest.objects.create(entry=published, name="Convidada Secreta", form_of_address="Il·lustríssima senyora")
    past = InstitutionalEntry.objects.create(
        holder=mayor,
        start=local(2026, 10, 2, 12),
        subject="Visita a l'escola",
        status=Status.PUBLISHED,
        publish_at=NOW - timedelta(days=60),
    )
    draft = InstitutionalEntry.objects.create(
        holder=mayor, start=local(2026, 11, 25, 10), subject="Esborrany intern", status=Status.DRAFT
    )
    return {"published": published, "past": past, "draft": draft}


def test_institutional_rss_and_atom(client, entries, django_assert_max_num_queries):
    client.get("/ca/")
    with django_assert_max_num_queries(1):
        response = client.get("/ca/agenda-institucional/rss/")
    assert response.status_code == 200
    body = response.content.decode()
    rss = ElementTree.fromstring(response.content)
    items = list(rss.iter("item"))
    assert [item.findtext("title") for item in items] == [
        "Anna Puig: Reunió amb la Cambra de Comerç · divendres, 20 de novembre de 2026, 10.00 h",
        "Anna Puig: Visita a l'escola · divendres, 2 d'octubre de 2026, 12.00 h",
    ]
    assert "Grups d'interès: Cambra de Comerç" in items[0].findtext("description")
    assert items[0].findtext("link").endswith(entries["published"].get_absolute_url())
    assert "Esborrany intern" not in body and "Convidada Secreta" not in body

    atom = client.get("/ca/agenda-institucional/atom/")
    assert atom.status_code == 200
    titles = [e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(atom.content).iter(f"{ATOM}entry")]
    assert len(titles) == 2

    listing = client.get("/ca/agenda-institucional/").content.decode()
    assert 'type="application/rss+xml" title="Agenda institucional (RSS)"' in listing
    assert 'href="/ca/agenda-institucional/rss/"' in listing


def test_sitemap_lists_the_institutional_pages_and_published_entries(client, entries):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/ca/agenda-institucional/", "/ca/agenda-institucional/arxiu/"):
        assert f"{path}</loc>" in body, path
    assert f"{entries['published'].get_absolute_url()}</loc>" in body
    assert f"{entries['past'].get_absolute_url()}</loc>" in body
    assert f"{entries['draft'].get_absolute_url()}</loc>" not in body
