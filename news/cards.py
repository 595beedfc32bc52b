"""News cards (lists, home, related news), through the foundation's card
fragments (``comunicacio.cards``).

A card depends only on its item, its image and the language. Callers may
pass light rows (``NewsItem.objects.card_rows()``): full rows are fetched
only for the cards that are not cached."""

from collections.abc import Callable

from django.utils.safestring import SafeString

from comunicacio import cards, registry


def card_key(item, language: str) -> str:
    return f"pagecache:card:news:{language}:{item.pk}:{item.updated_at.timestamp()}:{item.image_id}"


def render_cards(items, extra: dict[str, Callable[[], str]] | None = None) -> list[SafeString]:
    """The HTML cards of ``items``; ``extra`` maps more fragment keys to
    render functions (a page's filter form), fetched in the same round trip
    and returned after the cards."""
    from .models import NewsItem

    return cards.render_cards(
        items,
        template=registry.spec_for(NewsItem).card_template,
        key=card_key,
        load=lambda pks: NewsItem.objects.for_listing().in_bulk(pks),
        context=lambda item: {"item": item},
        extra=extra,
    )
