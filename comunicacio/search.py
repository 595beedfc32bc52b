"""Site search: each app registers a function that searches its own visible
content; the search page shows the results of all of them."""

import re
from collections.abc import Callable

_sources: dict[str, Callable] = {}

# Control characters (NUL above all: PostgreSQL refuses it in a string) never
# belong in a search and would turn a typo into a server error in any source.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def register(name: str, search: Callable) -> None:
    """``search(query: str, limit: int) -> list`` of items, best first."""
    _sources[name] = search


def clean_query(query: str) -> str:
    return " ".join(_CONTROL_CHARACTERS.sub(" ", query).split())


def search_all(query: str, limit: int = 20) -> dict[str, list]:
    query = clean_query(query)
    return {name: search(query, limit) for name, search in _sources.items()}
