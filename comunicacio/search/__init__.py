"""The site search: one building block for every content type.

A public content type becomes searchable by declaring ``search_fields``
(``comunicacio.registry.SearchField``: a field, its weight A to D, its
language) on its model or its ``ContentSpec``; its ``listing()`` bounds what
is searched to the visible items. The backends decide how:

- ``postgres``: full-text search (unaccented Catalan/Spanish configurations
  from the foundation migration ``0006_search``), ranked by the weights,
  with pg_trgm typo tolerance;
- ``fallback``: SQLite and anything else, the same rules as far as they go
  (accent- and case-insensitive, weighted, typo tolerant; no stemming).

``index`` keeps stored documents current; ``page`` builds the search page's
sections; ``checks`` refuses bad declarations at start-up.
"""

from .api import clean_query, full_text_available, search_all, search_spec
from .fields import searchable_specs
from .index import rebuild, rebuild_all, refresh

__all__ = [
    "clean_query",
    "full_text_available",
    "rebuild",
    "rebuild_all",
    "refresh",
    "search_all",
    "search_spec",
    "searchable_specs",
    "ready",
]


def ready() -> None:
    """Called by the foundation's ``AppConfig.ready`` once every app has
    declared itself: keeps stored documents current and registers the
    checks."""
    from . import checks, index

    checks.register()
    index.connect()
