"""The public page cache: what anonymous visitors get from it, who bypasses
it, and that it never shows content outside its visibility window."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Effect
from news.models import Kind, Status
from tests.factories import make_live_news

pytestmark = pytest.mark.django_db

LIST_URL = "/ca/noticies/"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def long_cache(settings):
    """Pages could be kept for a day: only visibility boundaries end them."""
    settings.PAGE_CACHE_SECONDS = 24 * 3600


def listed(response, item) -> bool:
    return f'href="{item.get_absolute_url()}"' in response.content.decode()


def test_anonymous_get_is_served_from_the_cache(client, unit):
    item = make_live_news(unit)
    first = client.get(LIST_URL)
    second = client.get(LIST_URL)
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content and listed(second, item)
    # Headers a browser relies on survive the cache.
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # Another query string is another page.
    assert client.get(LIST_URL + "?kind=notice")["X-Cache"] == "MISS"


@pytest.mark.parametrize("url", ["/ca/", "/ca/noticies/sala-de-premsa/", "/ca/noticies/rss/", "/sitemap.xml"])
def test_other_public_pages_are_cached(client, unit, url):
    make_live_news(unit)
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"


def test_detail_is_cached_and_errors_are_not(client, unit):
    item = make_live_news(unit)
    assert client.get(item.get_absolute_url())["X-Cache"] == "MISS"
    assert client.get(item.get_absolute_url())["X-Cache"] == "HIT"
    for _ in range(2):
        missing = client.get("/ca/noticies/no-existeix/")
        assert missing.status_code == 404 and "X-Cache" not in missing
        bad = client.get(LIST_URL + "?kind=xyz")
        assert bad.status_code == 400 and "X-Cache" not in bad


def test_logged_in_staff_bypass_the_cache(client, unit, superuser):
    item = make_live_news(unit)
    client.get(LIST_URL)
    client.force_login(superuser)
    for _ in range(2):
        response = client.get(LIST_URL)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert listed(response, item)


def test_publishing_and_withdrawing_purge_the_cache(client, unit, superuser, eager_effects):
    draft = make_live_news(unit, title="Nova biblioteca", status=Status.DRAFT, publish_at=None)
    other = make_live_news(unit)
    for url in (LIST_URL, "/ca/", other.get_absolute_url()):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"

    eager_effects(workflow.perform, draft, "publish", superuser)
    assert Effect.objects.get(object_id=draft.pk, handler="cache.purge").state == Effect.State.DONE
    response = client.get(LIST_URL)
    assert response["X-Cache"] == "MISS" and listed(response, draft)
    assert listed(client.get("/ca/"), draft)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(LIST_URL)["X-Cache"] == "HIT"

    eager_effects(workflow.perform, draft, "withdraw", superuser)
    response = client.get(LIST_URL)
    assert response["X-Cache"] == "MISS" and not listed(response, draft)
    assert not listed(client.get("/ca/"), draft)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_scheduled_item_appears_at_its_second_without_any_purge(
    client, unit, superuser, eager_effects, long_cache
):
    publish_at = T0 + timedelta(hours=2)
    with time_machine.travel(T0, tick=False):
        make_live_news(unit, title="Ja publicada", publish_at=T0 - timedelta(days=1))
        item = make_live_news(unit, title="Programada", status=Status.REVIEW, publish_at=None)
        # Scheduling runs no effect now: the purge is due at publication.
        eager_effects(workflow.perform, item, "schedule", superuser, publish_at=publish_at)
        assert item.status == Status.PUBLISHED
        assert not Effect.objects.filter(object_id=item.pk, state=Effect.State.DONE).exists()
        assert time.time() == T0.timestamp(), "the page cache's clock must follow time_machine"
        assert not listed(client.get(LIST_URL), item)
        assert client.get(LIST_URL)["X-Cache"] == "HIT"

    with time_machine.travel(publish_at - timedelta(seconds=1), tick=False):
        response = client.get(LIST_URL)
        assert response["X-Cache"] == "HIT" and not listed(response, item)
        assert client.get(item.get_absolute_url()).status_code == 404

    with time_machine.travel(publish_at, tick=False):
        response = client.get(LIST_URL)
        assert listed(response, item)
        assert listed(client.get("/ca/"), item)
        assert client.get(item.get_absolute_url()).status_code == 200
        assert client.get(LIST_URL)["X-Cache"] == "HIT"
    # No effect ran: only the clock made it appear.
    assert not Effect.objects.filter(object_id=item.pk, state=Effect.State.DONE).exists()


def test_expired_item_disappears_at_its_second_without_any_purge(client, unit, long_cache):
    expire_at = T0 + timedelta(hours=5)
    with time_machine.travel(T0, tick=False):
        item = make_live_news(unit, title="Avís temporal", kind=Kind.NOTICE, expire_at=expire_at)
        assert listed(client.get(LIST_URL), item)
        assert client.get(item.get_absolute_url()).status_code == 200
        assert client.get(LIST_URL)["X-Cache"] == "HIT"

    with time_machine.travel(expire_at - timedelta(seconds=1), tick=False):
        response = client.get(LIST_URL)
        assert response["X-Cache"] == "HIT" and listed(response, item)

    with time_machine.travel(expire_at, tick=False):
        assert not listed(client.get(LIST_URL), item)
        assert client.get(item.get_absolute_url()).status_code == 404
        assert item.title not in client.get(reverse("news:feed_rss")).content.decode()


def test_embargoed_note_appears_when_the_embargo_lifts(client, unit, long_cache):
    lifts = T0 + timedelta(hours=1, minutes=30)
    with time_machine.travel(T0, tick=False):
        note = make_live_news(
            unit,
            title="Pressupost municipal 2027",
            kind=Kind.PRESS_NOTE,
            publish_at=T0 - timedelta(hours=1),
            embargo_until=lifts,
        )
        for url in (LIST_URL, "/ca/noticies/sala-de-premsa/", "/ca/noticies/rss/", "/sitemap.xml"):
            assert note.get_absolute_url() not in client.get(url).content.decode()
        assert client.get(note.get_absolute_url()).status_code == 404

    with time_machine.travel(lifts - timedelta(seconds=1), tick=False):
        assert client.get(LIST_URL)["X-Cache"] == "HIT"
        assert client.get(note.get_absolute_url()).status_code == 404

    with time_machine.travel(lifts, tick=False):
        for url in (LIST_URL, "/ca/noticies/sala-de-premsa/", "/ca/noticies/rss/", "/sitemap.xml"):
            assert note.get_absolute_url() in client.get(url).content.decode(), url
        detail = client.get(note.get_absolute_url())
        assert detail.status_code == 200
        # The public date is when the embargo lifted, not the earlier publication.
        assert "2026-11-26T11:30:00+01:00" in detail.content.decode()


# --- the request that changes visibility purges, whatever the worker does -------------

PAGES_OF_AN_ITEM = (
    "/ca/",
    LIST_URL,
    "/ca/noticies/sala-de-premsa/",
    "/ca/noticies/rss/",
    "/ca/cerca/?q=biblioteca",
)


@pytest.fixture
def no_worker(settings):
    """Effects are enqueued to an in-memory broker nobody consumes: what a
    page shows right after a change is what the request itself did."""
    from config.celery import app

    saved = {name: app.conf[name] for name in ("task_always_eager", "broker_url", "broker_transport")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(task_always_eager=False, broker_url="memory://", broker_transport=None)
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


def purge_effect(item) -> Effect:
    return Effect.objects.get(object_id=item.pk, handler="cache.purge", key__startswith="withdrawn")


def warm(client, urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_a_withdrawal_in_the_admin_is_gone_from_every_page_before_any_worker_runs(
    client, unit, superuser, no_worker, django_capture_on_commit_callbacks
):
    from django.test import Client

    from tests.factories import news_admin_form_data

    item = make_live_news(unit, title="Nova biblioteca municipal")
    urls = (*PAGES_OF_AN_ITEM, item.get_absolute_url())
    warm(client, urls)
    publisher = Client()
    publisher.force_login(superuser)
    data = {**news_admin_form_data(item), "_workflow": "withdraw", "_confirmed": "withdraw"}
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN
    # The worker has not run the purge effect: the request's own purge did it.
    assert purge_effect(item).state == Effect.State.PENDING
    assert client.get(item.get_absolute_url()).status_code == 404
    for url in PAGES_OF_AN_ITEM:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert item.get_absolute_url() not in response.content.decode(), url


def test_publish_now_shows_on_cached_pages_before_any_worker_runs(
    client, unit, superuser, no_worker, django_capture_on_commit_callbacks
):
    make_live_news(unit, title="Ja publicada")
    item = make_live_news(unit, title="Nova biblioteca municipal", status=Status.APPROVED, publish_at=None)
    warm(client, PAGES_OF_AN_ITEM)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", superuser)
    assert Effect.objects.get(object_id=item.pk, handler="cache.purge").state == Effect.State.PENDING
    for url in PAGES_OF_AN_ITEM:
        assert item.get_absolute_url() in client.get(url).content.decode(), url


def test_an_expiry_set_in_the_admin_hides_the_item_at_once(
    client, unit, superuser, no_worker, django_capture_on_commit_callbacks
):
    from django.test import Client

    from tests.factories import news_admin_form_data

    item = make_live_news(unit, title="Nova biblioteca municipal")
    warm(client, (LIST_URL, item.get_absolute_url()))
    publisher = Client()
    publisher.force_login(superuser)
    data = news_admin_form_data(item, expire_at=item.publish_at + timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(item.get_absolute_url()).status_code == 404
    assert not listed(client.get(LIST_URL), item)


def test_scheduling_on_a_warm_cache_still_appears_at_its_second(
    client, unit, superuser, no_worker, django_capture_on_commit_callbacks, long_cache
):
    """Pages cached before the item was scheduled learn its publication time:
    the generation they belong to ends when the schedule is committed."""
    publish_at = T0 + timedelta(hours=2)
    with time_machine.travel(T0, tick=False):
        make_live_news(unit, title="Ja publicada", publish_at=T0 - timedelta(days=1))
        item = make_live_news(unit, title="Programada", status=Status.REVIEW, publish_at=None)
        warm(client, (LIST_URL,))
        with django_capture_on_commit_callbacks(execute=True):
            workflow.perform(item, "schedule", superuser, publish_at=publish_at)
        assert not listed(client.get(LIST_URL), item)
    with time_machine.travel(publish_at, tick=False):
        assert listed(client.get(LIST_URL), item)


def test_with_the_page_cache_off_a_withdrawn_alert_leaves_every_page_at_once(
    client, unit, superuser, settings, no_worker, django_capture_on_commit_callbacks
):
    """The fragments and memos kept per generation (cards, the alert banner)
    are purged by the same request: a page rendered afresh does not show
    the withdrawn alert from a memo either."""
    settings.PAGE_CACHE_SECONDS = 0
    alert = make_live_news(
        unit,
        title="Tall d'aigua al barri antic",
        kind=Kind.NOTICE,
        is_alert=True,
        alert_start=T0 - timedelta(days=1),
    )
    other = make_live_news(unit, title="Obres al carrer Major")
    for url in ("/ca/", other.get_absolute_url()):
        assert alert.get_absolute_url() in client.get(url).content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(alert, "withdraw", superuser)
    assert purge_effect(alert).state == Effect.State.PENDING
    for url in ("/ca/", other.get_absolute_url(), LIST_URL):
        assert alert.get_absolute_url() not in client.get(url).content.decode(), url
