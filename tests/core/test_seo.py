"""robots.txt and sitemap.xml, as a search engine reads them."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from comunicacio.pages import SitePage
from news.models import Kind, Status
from tests.factories import make_live_news

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} of every URL in the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}urlset"
    return {
        url.findtext(f"{SM}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SM}url")
    }


def absolute(path: str) -> str:
    return "http://testserver" + path


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_sitemap_lists_visible_news_with_catalan_and_spanish_alternates(client, unit):
    now = timezone.now()
    visible = make_live_news(unit, title="Nova biblioteca")
    hidden = [
        make_live_news(unit, status=Status.DRAFT),
        make_live_news(unit, status=Status.WITHDRAWN),
        make_live_news(unit, publish_at=now + timedelta(hours=1)),
        make_live_news(unit, expire_at=now - timedelta(seconds=1)),
        make_live_news(unit, kind=Kind.PRESS_NOTE, embargo_until=now + timedelta(hours=1)),
    ]
    urls = sitemap(client)
    with translation.override("ca"):
        catalan = absolute(visible.get_absolute_url())
    with translation.override("es"):
        spanish = absolute(visible.get_absolute_url())
    assert catalan in urls and spanish in urls
    assert urls[catalan]["ca"] == catalan and urls[catalan]["es"] == spanish
    assert urls[spanish] == urls[catalan]
    assert set(urls[catalan]) == {"ca", "es"}
    # Both addresses really serve the page.
    for url in (catalan, spanish):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    for item in hidden:
        assert not [loc for loc in urls if loc.endswith(f"/{item.slug}/")], item.slug


def test_sitemap_lists_the_main_pages_and_the_site_pages(client):
    SitePage.objects.create(slug="accessibilitat", title="Declaració d'accessibilitat", body="<p>Text</p>")
    urls = sitemap(client)
    for name in ("home", "news:list", "news:press_room"):
        with translation.override("ca"):
            assert absolute(reverse(name)) in urls, name
    with translation.override("ca"):
        page = absolute(reverse("site_page", kwargs={"slug": "accessibilitat"}))
    assert page in urls and set(urls[page]) == {"ca", "es"}
