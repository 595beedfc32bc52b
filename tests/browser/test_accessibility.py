"""axe-core finds no WCAG violation on any public page type, in Catalan and
Spanish, on desktop and phone widths; every page also keeps the rules axe does
not check for us (one h1, unique ids, no inline style/script under the strict
CSP, a working skip link, the page language)."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.site import build_site
from tests.support.browser import DESKTOP, MOBILE, check_page

pytestmark = pytest.mark.browser


def _url(name: str, language: str = "ca", query: dict | None = None, **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{urlencode(query)}" if query else url


# (page id, how to build its URL from the site, expected status, language)
PAGES = {
    "home": (lambda site: _url("home"), 200, "ca"),
    "news-list": (lambda site: _url("news:list"), 200, "ca"),
    "news-list-filtered": (
        lambda site: _url("news:list", query={"kind": "press", "unit": "cultura", "tag": "cultura"}),
        200,
        "ca",
    ),
    "news-list-filter-error": (
        lambda site: _url("news:list", query={"kind": "no-existeix", "date_from": "ahir"}),
        400,
        "ca",
    ),
    "news-detail": (lambda site: _url("news:detail", slug=site.detail.slug), 200, "ca"),
    "press-room": (lambda site: _url("news:press_room"), 200, "ca"),
    "search": (lambda site: _url("search", query={"q": "biblioteca"}), 200, "ca"),
    "site-page": (lambda site: _url("site_page", slug=site.statement.slug), 200, "ca"),
    "not-found": (lambda site: "/ca/aquesta-pagina-no-existeix/", 404, "ca"),
    "home-es": (lambda site: _url("home", "es"), 200, "es"),
    "news-detail-es": (lambda site: _url("news:detail", "es", slug=site.detail.slug), 200, "es"),
    "news-list-es": (lambda site: _url("news:list", "es"), 200, "es"),
}


@pytest.mark.parametrize("page_id", list(PAGES))
def test_public_page_has_no_accessibility_violations(page_id, open_session, transactional_db):
    site = build_site()
    build_path, status, language = PAGES[page_id]
    session = open_session(DESKTOP)
    check_page(session, build_path(site), status, language, screenshot_name=f"{page_id}-desktop")


@pytest.mark.parametrize("page_id", ["home", "news-detail", "news-list-filter-error"])
def test_public_page_has_no_accessibility_violations_on_a_phone(page_id, open_session, transactional_db):
    site = build_site()
    build_path, status, language = PAGES[page_id]
    session = open_session(MOBILE)
    check_page(session, build_path(site), status, language, screenshot_name=f"{page_id}-mobile")
