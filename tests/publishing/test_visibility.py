"""Visibility is a query: status, publish time, expiry and embargo decide it at
the exact second, with no task running."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Status
from news.models import Kind, NewsItem
from tests.factories import make_news

pytestmark = pytest.mark.django_db

ONE_MICROSECOND = timedelta(microseconds=1)


@pytest.fixture
def start():
    """A whole second, so that the clock can be put exactly on boundaries."""
    return timezone.now().replace(microsecond=0)


def visible_ids(now=None):
    return set(NewsItem.objects.visible(now).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.REVIEW, Status.APPROVED, Status.WITHDRAWN, Status.ARCHIVED]
)
def test_unpublished_states_are_never_visible(status, start):
    item = make_news(status=status, publish_at=start - timedelta(days=1))
    assert item.pk not in visible_ids()
    assert not item.is_visible()
    assert item.pk not in visible_ids(start + timedelta(days=365))


def test_published_without_publish_time_is_not_visible(start):
    # A published row without a publication time is corrupt; the query must
    # fail closed rather than show it.
    item = make_news(status=Status.PUBLISHED, publish_at=start)
    NewsItem.objects.filter(pk=item.pk).update(publish_at=None)
    assert item.pk not in visible_ids()


def test_scheduled_item_appears_at_its_exact_second(start):
    publish_at = start + timedelta(hours=3)
    item = make_news(status=Status.PUBLISHED, publish_at=publish_at)
    with time_machine.travel(publish_at - ONE_MICROSECOND, tick=False):
        assert item.pk not in visible_ids()
        assert item.is_scheduled
        assert item.get_status_label() == "Programat"
    with time_machine.travel(publish_at, tick=False):
        assert item.pk in visible_ids()
        assert not item.is_scheduled
        assert item.get_status_label() == "Publicat"


def test_expiry_hides_at_its_exact_second(start):
    expire_at = start + timedelta(days=2)
    item = make_news(status=Status.PUBLISHED, publish_at=start, expire_at=expire_at)
    with time_machine.travel(expire_at - ONE_MICROSECOND, tick=False):
        assert item.pk in visible_ids()
    with time_machine.travel(expire_at, tick=False):
        assert item.pk not in visible_ids()
        assert item.get_status_label() == "Caducat"


def test_embargoed_press_note_hidden_until_the_embargo_lifts_even_if_published(start):
    lifts = start + timedelta(hours=5)
    item = make_news(status=Status.PUBLISHED, publish_at=start, kind=Kind.PRESS_NOTE, embargo_until=lifts)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert item.pk not in visible_ids()
    with time_machine.travel(lifts - ONE_MICROSECOND, tick=False):
        assert item.pk not in visible_ids()
    with time_machine.travel(lifts, tick=False):
        assert item.pk in visible_ids()


def test_scheduled_through_the_workflow_appears_on_time(publisher, start):
    item = make_news(status=Status.APPROVED)
    publish_at = start + timedelta(minutes=45)
    with time_machine.travel(start, tick=False):
        workflow.perform(item, "schedule", publisher, publish_at=publish_at)
        assert item.pk not in visible_ids()
    with time_machine.travel(publish_at, tick=False):
        assert item.pk in visible_ids()


def test_withdrawn_item_disappears_immediately(publisher, start):
    item = make_news(status=Status.PUBLISHED, publish_at=start - timedelta(days=1))
    assert item.pk in visible_ids()
    workflow.perform(item, "withdraw", publisher)
    assert item.pk not in visible_ids()


class TestNextVisibilityChange:
    def test_none_when_nothing_will_change(self, start):
        make_news(status=Status.PUBLISHED, publish_at=start - timedelta(days=1))
        make_news(status=Status.DRAFT, publish_at=start + timedelta(hours=1))
        assert NewsItem.objects.next_visibility_change(start) is None

    def test_earliest_future_boundary_of_published_items(self, start):
        make_news(status=Status.PUBLISHED, publish_at=start + timedelta(hours=4))
        make_news(
            status=Status.PUBLISHED,
            publish_at=start - timedelta(days=1),
            expire_at=start + timedelta(hours=2),
        )
        make_news(
            status=Status.PUBLISHED,
            publish_at=start - timedelta(days=1),
            kind=Kind.PRESS_NOTE,
            embargo_until=start + timedelta(hours=3),
        )
        # Drafts do not count: their dates change nothing the public sees.
        make_news(status=Status.DRAFT, publish_at=start + timedelta(minutes=5))
        boundary = NewsItem.objects.next_visibility_change(start)
        assert boundary == start + timedelta(hours=2)
        # Once that moment is reached, the next one is the embargo.
        assert NewsItem.objects.next_visibility_change(boundary) == start + timedelta(hours=3)
        assert NewsItem.objects.next_visibility_change(start + timedelta(hours=3)) == start + timedelta(
            hours=4
        )
        assert NewsItem.objects.next_visibility_change(start + timedelta(hours=4)) is None

    def test_alert_window_is_a_boundary(self, start):
        make_news(
            status=Status.PUBLISHED,
            publish_at=start - timedelta(days=1),
            kind=Kind.NOTICE,
            is_alert=True,
            alert_start=start + timedelta(minutes=10),
            alert_end=start + timedelta(minutes=70),
        )
        assert NewsItem.objects.next_visibility_change(start) == start + timedelta(minutes=10)
        assert NewsItem.objects.next_visibility_change(start + timedelta(minutes=10)) == start + timedelta(
            minutes=70
        )

    def test_uses_current_time_by_default(self, start):
        make_news(status=Status.PUBLISHED, publish_at=start + timedelta(hours=1))
        with time_machine.travel(start, tick=False):
            assert NewsItem.objects.next_visibility_change() == start + timedelta(hours=1)
        with time_machine.travel(start + timedelta(hours=1), tick=False):
            assert NewsItem.objects.next_visibility_change() is None


class TestPublicPages:
    """The same rule seen through the public site, page cache included."""

    def test_scheduled_item_shows_on_the_list_at_its_second_despite_the_cache(self, client, start):
        publish_at = start + timedelta(hours=1)
        item = make_news(status=Status.PUBLISHED, publish_at=publish_at, title="Tall d'aigua al carrer Major")
        with time_machine.travel(start, tick=False):
            first = client.get("/ca/noticies/")
            assert first.status_code == 200
            assert item.title.encode() not in first.content
            assert client.get(item.get_absolute_url()).status_code == 404
        with time_machine.travel(publish_at, tick=False):
            assert "Tall d&#x27;aigua al carrer Major" in client.get("/ca/noticies/").content.decode()
            assert client.get(item.get_absolute_url()).status_code == 200

    def test_expired_item_leaves_the_cached_detail_page_at_its_second(self, client, start):
        expire_at = start + timedelta(minutes=30)
        item = make_news(status=Status.PUBLISHED, publish_at=start - timedelta(days=1), expire_at=expire_at)
        with time_machine.travel(start, tick=False):
            assert client.get(item.get_absolute_url()).status_code == 200
            assert client.get(item.get_absolute_url())["X-Cache"] == "HIT"
        with time_machine.travel(expire_at, tick=False):
            assert client.get(item.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.APPROVED, Status.WITHDRAWN])
    def test_unpublished_detail_is_404(self, client, status):
        item = make_news(status=status, publish_at=timezone.now() - timedelta(days=1))
        assert client.get(item.get_absolute_url()).status_code == 404

    def test_embargoed_note_is_404_until_it_lifts(self, client, start):
        lifts = start + timedelta(hours=2)
        item = make_news(status=Status.PUBLISHED, publish_at=start, embargo_until=lifts)
        with time_machine.travel(start + timedelta(minutes=1), tick=False):
            assert client.get(item.get_absolute_url()).status_code == 404
            assert item.title.encode() not in client.get("/ca/noticies/").content
        with time_machine.travel(lifts, tick=False):
            assert client.get(item.get_absolute_url()).status_code == 200
