"""Security headers on every public response, cached or not."""

import pytest
from django.urls import reverse

from tests.factories import make_live_news

pytestmark = pytest.mark.django_db


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    # No third party may be reached from a public page.
    assert "http" not in csp and "*" not in csp
    assert "'unsafe-inline'" not in directives["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def item(unit):
    return make_live_news(unit)


@pytest.mark.parametrize(
    "url",
    [
        "/ca/",
        "/es/",
        "/ca/noticies/",
        "/ca/noticies/?kind=xyz",
        "/ca/noticies/sala-de-premsa/",
        "/ca/noticies/rss/",
        "/ca/cerca/?q=festa",
        "/sitemap.xml",
        "/robots.txt",
        "/ca/noticies/no-existeix/",
        "DETAIL",
    ],
)
def test_public_responses_carry_security_headers(client, item, url):
    url = item.get_absolute_url() if url == "DETAIL" else url
    first = client.get(url)
    assert first.status_code in (200, 400, 404)
    assert_security_headers(first)
    second = client.get(url)  # possibly served from the page cache
    assert_security_headers(second)


def test_admin_gets_its_own_policy_and_is_not_indexed(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_send_no_cookies(client, item):
    for url in ("/ca/", item.get_absolute_url(), reverse("news:feed_rss")):
        assert not client.get(url).cookies, url


def test_public_pages_do_not_load_third_party_resources(client, item, settings):
    import re

    html = client.get("/ca/").content.decode() + client.get(item.get_absolute_url()).content.decode()
    for attribute in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        # Absolute links are only our own site (canonical, hreflang, og:url).
        assert attribute.startswith(settings.SITE_URL + "/"), attribute
