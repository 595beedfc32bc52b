"""Searching every public content type that declares search fields."""

import re

from django.db import connections

from comunicacio.registry import ContentSpec

from . import fallback, postgres
from .fields import resolved, searchable_specs

# Control characters (NUL above all: PostgreSQL refuses it in a string) never
# belong in a search and would turn a typo into a server error in any backend.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(query: str) -> str:
    return " ".join(_CONTROL_CHARACTERS.sub(" ", query).split())


def full_text_available(model) -> bool:
    """Whether ``model`` is searched with PostgreSQL's full-text search."""
    from .index import uses_postgres

    return uses_postgres(model)


def search_spec(spec: ContentSpec, query: str, limit: int = 20) -> list:
    """Visible items of one content type matching ``query``, best first;
    ties in the order of its listing (newest or soonest first)."""
    query = clean_query(query)
    fields = resolved(spec)
    if not query or not fields or spec.listing is None:
        return []
    rows = spec.listing()
    ordering = tuple(rows.query.order_by) or tuple(rows.model._meta.ordering)
    backend = postgres if connections[rows.db].vendor == "postgresql" else fallback
    return backend.search(rows, fields, query, ordering, limit)


def search_all(query: str, limit: int = 20) -> dict[str, list]:
    """Results per content type name, for every searchable public type."""
    query = clean_query(query)
    return {spec.name: search_spec(spec, query, limit) for spec in searchable_specs()}
