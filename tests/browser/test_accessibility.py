"""axe-core finds no WCAG violation on any public page type, in Catalan and
Spanish, on desktop and phone widths; every page also keeps the rules axe does
not check for us (one h1, unique ids, no inline style/script under the strict
CSP, a working skip link, the page language)."""

import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.content import build_site

pytestmark = pytest.mark.browser

# Every WCAG 2.x A/AA rule plus axe's best practices (landmarks, headings, …).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
}


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

PAGE_FACTS_JS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const skip = document.querySelector('a.skip-link');
  const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    inlineStyles: document.querySelectorAll('[style]').length,
    // Scripts from our own origin (src) are allowed by the CSP; inline ones are not.
    inlineScripts: [...document.querySelectorAll('script')]
      .filter(s => !s.src && s.type !== 'application/ld+json').length,
    imagesWithoutAlt: [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length,
    brokenImages: [...document.querySelectorAll('img')]
      .filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src),
    skipTarget: !!target && target.tagName === 'MAIN',
    styled: getComputedStyle(document.body).fontFamily.includes('system-ui'),
  };
}"""


def _check_page(session, path: str, status: int, language: str, screenshot_name: str = "") -> None:
    session.goto(path, expected_status=status)
    session.page.wait_for_load_state("load")
    facts = session.page.evaluate(PAGE_FACTS_JS)
    assert facts["lang"] == language
    assert facts["h1"] == 1, f"{path}: {facts['h1']} h1 elements"
    assert facts["duplicateIds"] == []
    assert facts["inlineStyles"] == 0 and facts["inlineScripts"] == 0
    assert facts["imagesWithoutAlt"] == 0
    assert facts["brokenImages"] == []
    assert facts["skipTarget"], "the skip link must lead to <main>"
    assert facts["styled"], "the corporate stylesheet did not load"
    assert session.csp_violations() == []

    results = Axe().run(session.page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"

    directory = os.environ.get("BROWSER_SCREENSHOTS")
    if directory and screenshot_name:
        Path(directory).mkdir(parents=True, exist_ok=True)
        session.page.screenshot(path=str(Path(directory) / f"{screenshot_name}.png"), full_page=True)


@pytest.mark.parametrize("page_id", list(PAGES))
def test_public_page_has_no_accessibility_violations(page_id, open_session, transactional_db):
    site = build_site()
    build_path, status, language = PAGES[page_id]
    session = open_session(DESKTOP)
    _check_page(session, build_path(site), status, language, screenshot_name=f"{page_id}-desktop")


@pytest.mark.parametrize("page_id", ["home", "news-detail", "news-list-filter-error"])
def test_public_page_has_no_accessibility_violations_on_a_phone(page_id, open_session, transactional_db):
    site = build_site()
    build_path, status, language = PAGES[page_id]
    session = open_session(MOBILE)
    _check_page(session, build_path(site), status, language, screenshot_name=f"{page_id}-mobile")
