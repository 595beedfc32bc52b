"""RSS 2.0 and Atom feeds, as a feed reader sees them."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from news.models import Kind, Status
from tests.factories import make_live_news

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "pubDate": item.findtext("pubDate"),
            "categories": [c.text for c in item.findall("category")],
            "guid": item.findtext("guid"),
        }
        for item in channel.findall("item")
    ]


def atom_entries(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title")
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "id": entry.findtext(f"{ATOM}id"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def newsroom(unit):
    now = timezone.now()
    return {
        "press": make_live_news(
            unit,
            title="Roda de premsa",
            kind=Kind.PRESS_NOTE,
            tags=["Festa major"],
            publish_at=now - timedelta(hours=3),
        ),
        "communique": make_live_news(
            unit, title="Comunicat del ple", kind=Kind.COMMUNIQUE, publish_at=now - timedelta(hours=2)
        ),
        "notice": make_live_news(
            unit,
            title="Tall d'aigua & obres",
            summary="Dimarts <sense aigua> de 9 a 14 h.",
            kind=Kind.NOTICE,
            tags=["Festa major", "Obres"],
            publish_at=now - timedelta(hours=1),
        ),
        "draft": make_live_news(unit, title="Esborrany secret", tags=["Festa major"], status=Status.DRAFT),
        "scheduled": make_live_news(
            unit, title="Programada secreta", tags=["Festa major"], publish_at=now + timedelta(hours=1)
        ),
        "embargoed": make_live_news(
            unit,
            title="Embargada secreta",
            kind=Kind.PRESS_NOTE,
            tags=["Festa major"],
            embargo_until=now + timedelta(hours=1),
        ),
    }


def test_rss_lists_visible_news_newest_first(client, newsroom, settings):
    items = rss_items(client.get(reverse("news:feed_rss")))
    assert [i["title"] for i in items] == ["Tall d'aigua & obres", "Comunicat del ple", "Roda de premsa"]
    notice = items[0]
    # Links come from SITE_URL, never from the Host header (pages are cached by path).
    assert notice["link"] == settings.SITE_URL + newsroom["notice"].get_absolute_url()
    assert notice["description"] == "Dimarts <sense aigua> de 9 a 14 h."
    assert notice["categories"] == ["Avís"]
    assert parsedate_to_datetime(notice["pubDate"]) == newsroom["notice"].public_date.replace(microsecond=0)
    assert len({i["guid"] for i in items}) == 3


def test_atom_lists_visible_news(client, newsroom):
    entries = atom_entries(client.get(reverse("news:feed_atom")))
    assert [e["title"] for e in entries] == ["Tall d'aigua & obres", "Comunicat del ple", "Roda de premsa"]
    assert entries[2]["link"].endswith(newsroom["press"].get_absolute_url())
    assert all(e["id"] for e in entries)


@pytest.mark.parametrize("feed", ["rss", "atom"])
@pytest.mark.parametrize(
    "kind, expected",
    [
        ("press", ["Roda de premsa"]),
        ("communique", ["Comunicat del ple"]),
        ("notice", ["Tall d'aigua & obres"]),
    ],
)
def test_feed_per_kind(client, newsroom, feed, kind, expected):
    response = client.get(reverse(f"news:feed_kind_{feed}", kwargs={"kind": kind}))
    assert response.status_code == 200
    entries = rss_items(response) if feed == "rss" else atom_entries(response)
    assert [e["title"] for e in entries] == expected


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feed_per_tag(client, newsroom, feed):
    response = client.get(reverse(f"news:feed_tag_{feed}", kwargs={"tag": "festa-major"}))
    assert response.status_code == 200
    entries = rss_items(response) if feed == "rss" else atom_entries(response)
    assert [e["title"] for e in entries] == ["Tall d'aigua & obres", "Roda de premsa"]
    obres = client.get(reverse(f"news:feed_tag_{feed}", kwargs={"tag": "obres"}))
    entries = rss_items(obres) if feed == "rss" else atom_entries(obres)
    assert [e["title"] for e in entries] == ["Tall d'aigua & obres"]


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feed_titles_name_the_kind_and_tag(client, newsroom, feed):
    root = ET.fromstring(client.get(reverse(f"news:feed_kind_{feed}", kwargs={"kind": "notice"})).content)
    title = root.findtext("channel/title") if feed == "rss" else root.findtext(f"{ATOM}title")
    assert "Avís" in title
    root = ET.fromstring(client.get(reverse(f"news:feed_tag_{feed}", kwargs={"tag": "obres"})).content)
    title = root.findtext("channel/title") if feed == "rss" else root.findtext(f"{ATOM}title")
    assert "Obres" in title


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_unknown_kind_or_tag_is_404(client, newsroom, feed):
    assert client.get(reverse(f"news:feed_kind_{feed}", kwargs={"kind": "xyz"})).status_code == 404
    assert client.get(reverse(f"news:feed_tag_{feed}", kwargs={"tag": "no-existeix"})).status_code == 404


def test_spanish_feed_uses_translations(client, unit):
    make_live_news(
        unit, title="Nova biblioteca", title_es="Nueva biblioteca", summary="Obre.", summary_es="Abre."
    )
    make_live_news(unit, title="Festa major", publish_at=timezone.now() - timedelta(days=1))
    with translation.override("es"):
        url = reverse("news:feed_rss")
    response = client.get(url)
    assert response.status_code == 200
    items = rss_items(response)
    assert [i["title"] for i in items] == ["Nueva biblioteca", "Festa major"]
    assert items[0]["description"] == "Abre."


def test_feed_holds_at_most_thirty_items(client, unit):
    for _ in range(32):
        make_live_news(unit)
    assert len(rss_items(client.get(reverse("news:feed_rss")))) == 30


def test_feed_links_do_not_depend_on_the_host_header(client, newsroom, settings):
    settings.ALLOWED_HOSTS = ["testserver", "altre.example"]
    first = client.get(reverse("news:feed_atom"), HTTP_HOST="altre.example")
    root = ET.fromstring(first.content)
    self_link = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == [settings.SITE_URL + reverse("news:feed_atom")]
    assert "altre.example" not in first.content.decode()
    assert all(e["link"].startswith(settings.SITE_URL + "/") for e in atom_entries(first))
