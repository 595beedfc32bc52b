"""HTML fragments (cards, filter forms, an event's dates) rendered once per
cache generation, for every content type.

A fragment's key names everything it depends on besides published content
(the item's last change, its image, the language...); a purge or a
visibility boundary starts a new generation and renders them afresh. Callers
pass light rows (only what the keys need): full rows are loaded, in one
query, only for the cards missing from the cache, so a page of cached cards
costs one cache round trip instead of twenty model loads and renders."""

from collections.abc import Callable, Iterable

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import pagecache


def render_cards(
    items: Iterable,
    *,
    template: str,
    key: Callable[[object, str], str],
    load: Callable[[list], dict],
    context: Callable[[object], dict],
    extra: dict[str, Callable[[], str]] | None = None,
) -> list[SafeString]:
    """The HTML cards of ``items`` rendered with ``template``, then the
    fragments of ``extra`` (key: render function), in one cache round trip.

    ``key(item, language)`` names a card; ``load(pks)`` returns the full rows
    by pk of the cards to render; ``context(full_row)`` is the card's
    template context."""
    card = get_template(template)
    language = get_language()
    items = list(items)
    extra = extra or {}
    keys = [key(item, language) for item in items] + list(extra)
    renderers = list(extra.values())

    def render_missing(indexes: list[int]) -> list[str]:
        wanted = [items[index].pk for index in indexes if index < len(items)]
        full = load(wanted) if wanted else {}
        return [
            card.render(context(full[items[index].pk]))
            if index < len(items)
            else renderers[index - len(items)]()
            for index in indexes
        ]

    return [mark_safe(html) for html in pagecache.fragments(keys, render_missing)]


def render_one(key: str, render: Callable[[], str]) -> SafeString:
    """One fragment (an event page's dates) cached under ``key``."""
    (html,) = pagecache.fragments([key], lambda indexes: [render()])
    return mark_safe(html)
