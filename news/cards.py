"""News cards (lists, home, related news) rendered once per cache generation.

A card depends only on its item, its image and the language, so its HTML is
kept as a fragment keyed on those. Callers may pass light rows
(``NewsItem.objects.card_rows()``): full rows are fetched only for the
cards that are not cached, so a page of cached cards costs one cache round
trip instead of twenty model loads and template renders."""

from collections.abc import Callable

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from comunicacio import pagecache


def card_key(item, language: str) -> str:
    return f"pagecache:card:news:{language}:{item.pk}:{item.updated_at.timestamp()}:{item.image_id}"


def render_cards(items, extra: dict[str, Callable[[], str]] | None = None) -> list[SafeString]:
    """The HTML cards of ``items``; ``extra`` maps more fragment keys to
    render functions (a page's filter form), fetched in the same round trip
    and returned after the cards."""
    from .models import NewsItem

    template = get_template("news/_card.html")
    language = get_language()
    items = list(items)
    extra = extra or {}
    keys = [card_key(item, language) for item in items] + list(extra)
    renderers = list(extra.values())

    def render_missing(indexes: list[int]) -> list[str]:
        wanted = [items[index].pk for index in indexes if index < len(items)]
        full = NewsItem.objects.for_listing().in_bulk(wanted) if wanted else {}
        return [
            template.render({"item": full[items[index].pk]})
            if index < len(items)
            else renderers[index - len(items)]()
            for index in indexes
        ]

    return [mark_safe(html) for html in pagecache.fragments(keys, render_missing)]
