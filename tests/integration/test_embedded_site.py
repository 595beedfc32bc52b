"""`make run`'s default setup, for real: two web server processes and a Celery
worker on one machine, sharing only what the embedded defaults give them (a
SQLite file, the filesystem broker and the file-based cache). A withdrawal in
the admin of one is gone from the pages of both within one second."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.support.embedded_site import PUBLISHER, SEED, EmbeddedSite, form_fields

# Three processes start in about fifteen seconds on a busy 2-core machine; the
# embedded marker gives the tests the long timeout of process tests.
pytestmark = pytest.mark.embedded

PAGES = (
    "/ca/",
    "/ca/noticies/",
    "/ca/noticies/sala-de-premsa/",
    "/ca/noticies/rss/",
    "/ca/cerca/?q=biblioteca",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = EmbeddedSite(tmp_path_factory.mktemp("embedded"))
    # One process migrates and seeds: every Django start costs seconds here.
    seeded = site.manage("shell", "-c", SEED)
    site.items = [line.split(" ", 1) for line in seeded.strip().splitlines()[-2:]]
    try:
        site.start_web("web-a")
        site.start_web("web-b")
        site.start_worker()
        site.wait_ready()
        yield site
    finally:
        site.stop()
        print(site.logs())  # shown by pytest only when the test failed


def cached_twice(client: httpx.Client, url: str) -> httpx.Response:
    client.get(url)
    response = client.get(url)
    assert response.headers.get("x-cache") == "HIT", f"{client.base_url}{url} is not cached"
    return response


def login(client: httpx.Client) -> None:
    page = client.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    username, password = PUBLISHER
    response = client.post(
        "/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
    )
    assert response.status_code == 302, response.text[:2000]


def test_a_withdrawal_is_gone_from_both_web_processes_within_one_second(site):
    (pk, url), (_other_pk, other_url) = site.items
    visitors = [httpx.Client(base_url=site.urls[name], timeout=10) for name in ("web-a", "web-b")]
    for visitor in visitors:
        for page in PAGES:
            assert url in cached_twice(visitor, page).text, page
        assert "Nova biblioteca municipal" in cached_twice(visitor, url).text

    # A publisher withdraws it in web-a's admin, submitting the form as shown,
    # while the worker is busy elsewhere: the purge cannot wait for it.
    publisher = httpx.Client(base_url=site.urls["web-a"], timeout=10)
    login(publisher)
    change = f"/admin/news/newsitem/{pk}/change/"
    data: dict[str, list[str]] = {}
    for name, value in form_fields(publisher.get(change).text, "newsitem_form"):
        data.setdefault(name, []).append(value)
    with site.paused("worker"):
        response = publisher.post(change, data={**data, "_workflow": "withdraw", "_confirmed": "withdraw"})
        assert response.status_code == 302, response.text[-3000:]
        withdrawn = time.monotonic()

        # No waiting: every page of both processes is requested at once, as
        # soon as the withdrawal answered, and already comes fresh.
        def fetch(visitor_and_page):
            visitor, page = visitor_and_page
            sent = time.monotonic() - withdrawn
            response = visitor.get(page)
            text = response.text if response.status_code == 200 else ""
            shown = "Nova biblioteca" in text or url in text
            return f"{visitor.base_url}{page}", round(sent, 3), response.status_code, shown

        requests = [(visitor, page) for visitor in visitors for page in (url, *PAGES)]
        with ThreadPoolExecutor(len(requests)) as pool:
            served = list(pool.map(fetch, requests))
    assert not [entry for entry in served if entry[3]], served
    # Every one of those requests was sent within the second.
    assert max(sent for _page, sent, _status, _stale in served) < 1, served
    assert "Retirat" in publisher.get(change).text
    # The rest of the site is still there, and served from the cache again
    # once the worker's backstop purge of the withdrawal has run.
    site.wait_effects_done()
    for visitor in visitors:
        assert other_url in cached_twice(visitor, "/ca/noticies/").text


def test_the_demo_serves_the_sites_own_error_pages(site):
    response = httpx.get(site.urls["web-a"] + "/ca/no-existeix/", timeout=10)
    assert response.status_code == 404
    assert "No hem trobat aquesta pàgina" in response.text
    # Django's debug page would list every URL pattern.
    assert "URLconf" not in response.text
