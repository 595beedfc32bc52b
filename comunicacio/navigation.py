"""The site's navigation, footer links and feed links, from the public
content types' declarations (``ContentSpec.nav`` and ``feeds``)."""

from django.urls import reverse

from . import registry


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
                "url": reverse(entry.url_name),
                "label": entry.label,
                "current": _current(entry, view_name),
                "media_type": entry.media_type,
            }
            for entry, _position in sorted(entries, key=lambda pair: (pair[0].order, pair[1]))
        ]
        for place, entries in places.items()
    }
