"""Absurd dates and numbers in public addresses get a 404 or a 400 with a
sentence saying why, never a 500: every public URL pattern and every query
parameter it reads, on SQLite and on PostgreSQL (the same test runs on both
with ``DATABASE_URL``)."""

import html
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from comunicacio.publishing.models import Status

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
HUGE = "9" * 30  # a thirty-digit number
OUT_OF_RANGE = "Només es poden consultar dates dels anys 1900 a 2100."
NO_SUCH_DATE = "no existeix."
NOT_FOUND = "No hem trobat aquesta pàgina"
BAD_PAGE = "pàgina"
BAD_DATE = "Introduïu una data vàlida."
ORDER = "posterior a la inicial"
AGENDA_ORDER = "és anterior a la inicial"


def _path_dates(base: str, parts: int) -> list[tuple[str, int, str]]:
    """Calendar paths of ``parts`` numbers (year/month[/day]) under ``base``."""
    tail = "/1" * (parts - 1)
    cases = [
        (f"{base}0{tail}/", 404, OUT_OF_RANGE),
        (f"{base}1{tail}/", 404, OUT_OF_RANGE),
        (f"{base}1899/12{'/31' if parts == 3 else ''}/", 404, OUT_OF_RANGE),
        (f"{base}9999/12{'/31' if parts == 3 else ''}/", 404, OUT_OF_RANGE),
        (f"{base}10000{tail}/", 404, OUT_OF_RANGE),
        (f"{base}{HUGE}{tail}/", 404, OUT_OF_RANGE),
        (f"{base}2026/13{'/1' if parts == 3 else ''}/", 404, NO_SUCH_DATE),
        (f"{base}2026/0{'/1' if parts == 3 else ''}/", 404, NO_SUCH_DATE),
        (f"{base}2026/{HUGE}{'/1' if parts == 3 else ''}/", 404, NO_SUCH_DATE),
        (f"{base}-1{tail}/", 404, NOT_FOUND),
        (f"{base}2026/-1{'/1' if parts == 3 else ''}/", 404, NOT_FOUND),
        (f"{base}abcd{tail}/", 404, NOT_FOUND),
    ]
    if parts == 3:
        cases += [
            (f"{base}2026/1/32/", 404, NO_SUCH_DATE),
            (f"{base}2026/2/29/", 404, NO_SUCH_DATE),
            (f"{base}2026/1/0/", 404, NO_SUCH_DATE),
            (f"{base}2026/1/{HUGE}/", 404, NO_SUCH_DATE),
        ]
    return cases


def _date_params(url: str, first: str, last: str, order_message: str) -> list[tuple[str, int, str]]:
    """A date filter pair (``first``/``last``) on ``url``, answered with 400."""
    join = "&" if "?" in url else "?"
    cases = []
    for name in (first, last):
        for value in ("0001-01-01", "1899-12-31", "9999-12-31", "2101-01-01"):
            cases.append((f"{url}{join}{name}={value}", 400, OUT_OF_RANGE))
        for value in ("10000-01-01", f"{HUGE}-01-01", "2026-13-01", "2026-02-30", "-2026-01-01", "demà"):
            cases.append((f"{url}{join}{name}={value}", 400, BAD_DATE))
    cases.append((f"{url}{join}{first}=2026-02-01&{last}=2026-01-01", 400, order_message))
    cases.append((f"{url}{join}{first}=0001-01-01&{last}=9999-12-31", 400, OUT_OF_RANGE))
    return cases


def _pages(url: str) -> list[tuple[str, int, str]]:
    join = "&" if "?" in url else "?"
    return [
        (f"{url}{join}page={value}", 404, BAD_PAGE)
        for value in ("abc", "-1", "0", "1.5", "1e3", HUGE, "100001", "99999")
    ]


INSTITUTIONAL = "/ca/agenda-institucional/"
CASES = {
    "agenda:day": _path_dates("/ca/agenda/", 3),
    "agenda:month": _path_dates("/ca/agenda/calendari/", 2),
    "agenda:list": [
        *_date_params("/ca/agenda/", "desde", "fins", AGENDA_ORDER),
        *_pages("/ca/agenda/"),
        *_pages("/ca/agenda/?desde=2026-01-01&fins=2026-12-31"),
        ("/ca/agenda/?desde=2026-01-01&fins=2030-01-01", 400, "dos anys"),
        ("/ca/agenda/?quan=demà", 400, "Esculliu una opció vàlida"),
        ("/ca/agenda/?espai=" + HUGE, 400, "Esculliu una opció vàlida"),
        ("/ca/agenda/?espai=-1", 400, "Esculliu una opció vàlida"),
    ],
    "agenda:ics": _date_params("/ca/agenda/agenda.ics", "desde", "fins", AGENDA_ORDER),
    "institutional:list": [
        *_date_params(INSTITUTIONAL, "date_from", "date_to", ORDER),
        *_pages(INSTITUTIONAL),
    ],
    "institutional:archive": _date_params(INSTITUTIONAL + "arxiu/", "date_from", "date_to", ORDER),
    "institutional:month": [
        *_path_dates(INSTITUTIONAL + "arxiu/", 2),
        *_date_params(INSTITUTIONAL + "arxiu/2026/10/", "date_from", "date_to", ORDER),
        *_pages(INSTITUTIONAL + "arxiu/2026/10/"),
    ],
    "institutional:export_csv": _date_params(INSTITUTIONAL + "export.csv", "date_from", "date_to", ORDER),
    "institutional:export_json": _date_params(INSTITUTIONAL + "export.json", "date_from", "date_to", ORDER),
    "institutional:detail": [
        (INSTITUTIONAL + f"{HUGE}/", 404, NOT_FOUND),
        (INSTITUTIONAL + "0/", 404, NOT_FOUND),
        (INSTITUTIONAL + "-1/", 404, NOT_FOUND),
    ],
    # The staff preview of every content type: anonymous visitors go to the login.
    "preview": [(f"/preview/news/{HUGE}/", 302, ""), (f"/preview/{'x' * 5000}/1/", 302, "")],
    "preview_frame": [(f"/preview/news/{HUGE}/frame/?lang={HUGE}&device={HUGE}", 302, "")],
    "preview_share_links": [(f"/preview/news/{HUGE}/share/", 302, "")],
    # POST only: a GET is refused before anything is read.
    "preview_share_revoke": [(f"/preview/news/{HUGE}/share/{HUGE}/revoke/", 405, "")],
    # A share link's token: tampered, absurd or unknown is a clear 404.
    "preview_shared": [
        (f"/preview/s/{token}/", 404, "Aquest enllaç no és vàlid")
        for token in (HUGE, "a" * 5000, "x:y", f"{HUGE}:{HUGE}", "%00")
    ],
    "preview_shared_media": [(f"/preview/s/{HUGE}/media/../settings.py", 404, "")],
    "news:list": [
        *_date_params("/ca/noticies/", "date_from", "date_to", ORDER),
        *_pages("/ca/noticies/"),
        *_pages("/ca/noticies/?kind=press"),
        ("/ca/noticies/?unit=" + HUGE, 400, "Esculliu una opció vàlida"),
    ],
    "news:detail": [("/ca/noticies/" + HUGE + "/", 404, NOT_FOUND)],
    "news:feed_kind_rss": [("/ca/noticies/tipus/" + HUGE + "/rss/", 404, "Tipus desconegut.")],
    "news:feed_kind_atom": [("/ca/noticies/tipus/" + HUGE + "/atom/", 404, "Tipus desconegut.")],
    "news:feed_tag_rss": [("/ca/noticies/etiqueta/" + HUGE + "/rss/", 404, "Etiqueta desconeguda.")],
    "news:feed_tag_atom": [("/ca/noticies/etiqueta/" + HUGE + "/atom/", 404, "Etiqueta desconeguda.")],
    "news:press_unsubscribe": [("/ca/noticies/premsa/baixa/" + HUGE + "/", 400, "")],
    "agenda:detail": [("/ca/agenda/activitat/" + HUGE + "/", 404, NOT_FOUND)],
    "agenda:event_ics": [("/ca/agenda/activitat/" + HUGE + "/calendari.ics", 404, "")],
    "site_page": [("/ca/pagina/" + HUGE + "/", 404, NOT_FOUND)],
    "search": [("/ca/cerca/?q=" + "9" * 201, 400, "La cerca és massa llarga")],
    "sitemap": [(f"/sitemap.xml?p={value}", 404, "") for value in ("abc", "-1", "0", HUGE, "1e3")],
    # Files: traversal, NUL, absurd ids and lengths are simply not found.
    "media": [
        (f"/media/{path}", 404, "")
        for path in (
            "../settings.py",
            "..%2F..%2Fetc%2Fpasswd",
            "%00.jpg",
            f"renditions/{HUGE}/{'a' * 24}/x.jpg",
            "images/" + "a" * 5000 + ".jpg",
            "attachments/",
        )
    ],
}
# Public routes that read no number, date or page from the address: they
# answer absurd query strings by ignoring them (asserted below as "not 500").
READS_NOTHING = {
    "home",
    "robots",
    "news:press_room",
    "news:feed_rss",
    "news:feed_atom",
    "agenda:feed_rss",
    "agenda:feed_atom",
    "institutional:feed_rss",
    "institutional:feed_atom",
    "proposals:propose",
    "proposals:thanks",
}


@pytest.fixture
def content(db, unit):
    """One of each public content type, so that the views run their queries."""
    from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry
    from tests.factories import local, make_event, make_live_news

    with time_machine.travel(NOW, tick=False):
        make_live_news(unit, title="Nova biblioteca", tags=["cultura"])
        make_event(title="Concert", sessions=[(local(2026, 11, 21, 19), local(2026, 11, 21, 21))])
        holder = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig", order=1)
        for start in (local(2026, 10, 5, 10), local(2026, 11, 25, 10)):
            InstitutionalEntry.objects.create(
                holder=holder,
                start=start,
                subject="Reunió amb entitats",
                status=Status.PUBLISHED,
                publish_at=NOW - timedelta(days=90),
                category=InstitutionalCategory.MEETING,
            )


def _public_route_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_public_route_is_covered():
    routes = _public_route_names() - {"bench_floor_bytes", "bench_floor_query"}
    assert routes - set(CASES) - READS_NOTHING == set()


def _all_cases():
    for route, cases in CASES.items():
        for url, status, message in cases:
            yield pytest.param(url, status, message, id=f"{route} {url}")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("url", "status", "message"), list(_all_cases()))
def test_absurd_input_gets_a_4xx_with_a_reason(content, url, status, message):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status, response.content[:300]
    if message:
        assert message in html.unescape(response.content.decode())


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("route", sorted(READS_NOTHING - {"proposals:propose"}))
@pytest.mark.parametrize("query", [f"page={HUGE}", "date_from=9999-12-31", "desde=0001-01-01", f"p={HUGE}"])
def test_routes_without_numbers_ignore_absurd_queries(content, route, query):
    from django.urls import reverse

    response = Client(raise_request_exception=False).get(f"{reverse(route)}?{query}")
    assert response.status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("url", "absent"),
    [
        ("/ca/agenda/calendari/1900/1/", "Mes anterior"),
        ("/ca/agenda/calendari/2100/12/", "Mes següent"),
        ("/ca/agenda/1900/1/1/", "Dia anterior"),
        ("/ca/agenda/2100/12/31/", "Dia següent"),
        (INSTITUTIONAL + "arxiu/1900/1/", "Mes anterior"),
        ("/ca/agenda/?desde=1900-01-01&fins=1900-12-31", ""),
        ("/ca/agenda/?desde=2100-01-01&fins=2100-12-31", ""),
        (INSTITUTIONAL + "?date_from=1900-01-01&date_to=2100-12-31", ""),
        (INSTITUTIONAL + "export.csv?date_from=1900-01-01&date_to=2100-12-31", ""),
        ("/ca/noticies/?date_from=1900-01-01&date_to=2100-12-31", ""),
    ],
)
def test_the_first_and_last_supported_dates_work_and_link_no_further(content, url, absent):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 200
    if absent:
        assert absent not in response.content.decode()
