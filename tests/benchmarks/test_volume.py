"""The benchmark's volume generator and the pagination it exercises."""

import pytest
from django.core.management import CommandError, call_command
from django.http import Http404
from taggit.models import TaggedItem

from comunicacio.models import Unit
from comunicacio.pagination import paginate
from demo.management.commands import generate_volume
from news.models import NewsItem

pytestmark = pytest.mark.django_db


def test_generated_news_are_published_visible_and_tagged():
    call_command("generate_volume", news=45, images=1, stdout=None)
    assert NewsItem.objects.count() == 45
    assert NewsItem.objects.visible().count() == 45
    assert Unit.objects.exists()
    assert TaggedItem.objects.filter(object_id__in=NewsItem.objects.values("pk")).exists()
    assert NewsItem.objects.exclude(image=None).exists()
    years = {year.year for year in NewsItem.objects.dates("publish_at", "year")}
    assert len(years) > 1, "publication dates are spread over years"


def test_refuses_a_database_that_already_holds_news(monkeypatch):
    monkeypatch.setattr(generate_volume, "EXISTING_LIMIT", 5)
    call_command("generate_volume", news=6, images=0)
    with pytest.raises(CommandError, match="empty"):
        call_command("generate_volume", news=6, images=0)
    call_command("generate_volume", news=6, images=0, force=True)
    assert NewsItem.objects.count() == 12


def test_every_page_holds_the_items_of_a_plain_slice():
    call_command("generate_volume", news=45, images=0)
    listing = NewsItem.objects.visible().for_listing()
    everything = list(listing)
    pages = [paginate(listing, str(number), per_page=20) for number in (1, 2, 3)]
    assert [item.pk for page in pages for item in page.items] == [item.pk for item in everything]
    assert [page.has_next for page in pages] == [True, True, False]
    with pytest.raises(Http404):
        paginate(listing, "4", per_page=20)


def test_a_distinct_listing_pages_like_a_plain_one():
    call_command("generate_volume", news=45, images=0)
    tagged = NewsItem.objects.visible().for_listing().filter(tags__isnull=False).distinct()
    expected = [item.pk for item in tagged]
    page = paginate(tagged, "2", per_page=5)
    assert [item.pk for item in page.items] == expected[5:10]
