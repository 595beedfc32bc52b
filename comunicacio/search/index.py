"""Stored documents: models with a ``search_vector`` column keep their
weighted document there on PostgreSQL, GIN indexed, refreshed after every
``save()`` (a ``post_save`` receiver for each searchable model, connected
once the registry is complete). Bulk loaders whose ``bulk_create()`` or
``QuerySet.update()`` bypass ``save()`` call ``rebuild_all()`` (or
``manage.py rebuild_search_index``)."""

from django.db import connections, router
from django.db.models.signals import post_save

from comunicacio.registry import spec_for

from . import postgres
from .fields import VECTOR_FIELD, resolved, searchable_specs, stores_vector


def uses_postgres(model) -> bool:
    return connections[router.db_for_read(model)].vendor == "postgresql"


def indexed_models() -> list:
    """Searchable models whose document is stored."""
    return [spec.model for spec in searchable_specs() if stores_vector(spec.model)]


def _document(model):
    """The stored document's expression, or None where nothing is stored."""
    if not (stores_vector(model) and uses_postgres(model)):
        return None
    fields = resolved(spec_for(model) or model)
    return postgres.document(fields) if fields else None


def refresh(item) -> None:
    """Recompute one row's stored document, in one UPDATE."""
    document = _document(type(item))
    if document is not None:
        type(item)._default_manager.filter(pk=item.pk).update(**{VECTOR_FIELD: document})


def rebuild(model) -> int:
    """Recompute every row's document of ``model`` in one UPDATE; the
    number of rows (0 where there is no full-text index to build)."""
    document = _document(model)
    return 0 if document is None else model._default_manager.update(**{VECTOR_FIELD: document})


def rebuild_all() -> dict[str, int]:
    """``rebuild()`` every indexed model: rows updated per model label."""
    return {model._meta.label: rebuild(model) for model in indexed_models()}


def _refresh_saved(sender, instance, **kwargs) -> None:
    refresh(instance)


def connect() -> None:
    for model in indexed_models():
        post_save.connect(
            _refresh_saved, sender=model, dispatch_uid=f"search-index-{model._meta.label_lower}"
        )
