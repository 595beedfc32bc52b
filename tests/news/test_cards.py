"""News cards are cached fragments: a warm list page reads them from the
cache instead of loading full rows and rendering twenty templates, and an
edit still shows at once because the key names the item's last change."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsItem
from tests.factories import make_image, make_live_news
from tests.support.cache import clear_cache

pytestmark = pytest.mark.django_db

LIST_URL = "/ca/noticies/"
NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


def _full_row_queries(captured) -> list[str]:
    """Queries that load the cards' full rows (the body column is only read
    for a card that is rendered)."""
    return [query["sql"] for query in captured if '"news_newsitem"."summary"' in query["sql"]]


@pytest.fixture
def news(unit):
    with time_machine.travel(NOW, tick=False):
        image = make_image()
        return [make_live_news(unit, title=f"Notícia {n}", image=image if n % 2 else None) for n in range(12)]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("url", [LIST_URL, "/ca/"])
def test_warm_pages_read_the_cards_from_the_cache(client, news, settings, url):
    settings.PAGE_CACHE_SECONDS = 0  # only the fragments are cached
    client.get(url)  # process-wide caches (content types, translations)
    clear_cache()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    assert _full_row_queries(cold.captured_queries), "the cold page renders its cards from full rows"
    assert not _full_row_queries(warm.captured_queries), "the warm page must read its cards from the cache"
    assert len(warm.captured_queries) < len(cold.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_cached_cards_are_served_until_their_item_changes(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    target = news[5]
    assert "Notícia 5" in client.get(LIST_URL).content.decode()
    # Behind the model's back (updated_at stays): the cached card is served.
    NewsItem.objects.filter(pk=target.pk).update(title="Títol canviat en silenci")
    assert "Títol canviat en silenci" not in client.get(LIST_URL).content.decode()
    # A real edit a second later, within the fragments' lifetime and with no
    # purge: the key names the item's last change, so the card is new.
    with time_machine.travel(NOW + timedelta(seconds=1), tick=False):
        target.refresh_from_db()
        target.title = "Títol editat"
        target.save()
        page = client.get(LIST_URL).content.decode()
    assert "Títol editat" in page and "Notícia 5" not in page
