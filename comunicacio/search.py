"""Site search: each app registers a function that searches its own visible
content; the search page shows the results of all of them."""

from collections.abc import Callable

_sources: dict[str, Callable] = {}


def register(name: str, search: Callable) -> None:
    """``search(query: str, limit: int) -> list`` of items, best first."""
    _sources[name] = search


def search_all(query: str, limit: int = 20) -> dict[str, list]:
    return {name: search(query, limit) for name, search in _sources.items()}
