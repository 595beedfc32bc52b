"""The site's navigation, footer links and feed links, from the public
content types' declarations (``ContentSpec.nav`` and ``feeds``)."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, reverse
from django.utils.translation import get_language

from . import registry


@lru_cache(maxsize=256)
def _url(url_name: str, language: str | None, urlconf) -> str:
    # A link's address depends only on the language (prefix and translated
    # path) and the URLconf: resolved once, not on every page.
    return reverse(url_name, urlconf=urlconf)


def _current(entry: registry.NavEntry, view_name: str) -> str:
    """aria-current of ``entry`` on the page ``view_name``: "page" on its
    own page, "true" inside its section, "" elsewhere."""
    if view_name == entry.url_name:
        return "page"
    for other in entry.active:
        if view_name == other or (other.endswith(":") and view_name.startswith(other)):
            return "true"
    return ""


def links(view_name: str = "") -> dict[str, list[dict]]:
    """Links by place: ``main`` and ``footer`` (from ``nav``), ``feeds``
    (the footer's subscriptions) and ``head`` (<link rel="alternate">)."""
    places: dict[str, list[tuple[registry.NavEntry, int]]] = {
        "main": [],
        "footer": [],
        "feeds": [],
        "head": [],
    }
    for position, spec in enumerate(registry.content_specs(registry.PUBLIC)):
        for entry in spec.nav:
            places[entry.place].append((entry, position))
        for entry in spec.feeds:
            places["feeds" if entry.place == "footer" else entry.place].append((entry, position))
    return {
        place: [
            {
                "url": _url(entry.url_name, get_language(), get_urlconf() or settings.ROOT_URLCONF),
                "label": entry.label,
                "current": _current(entry, view_name),
                "media_type": entry.media_type,
            }
            for entry, _position in sorted(entries, key=lambda pair: (pair[0].order, pair[1]))
        ]
        for place, entries in places.items()
    }
