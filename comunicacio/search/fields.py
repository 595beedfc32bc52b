"""What each content type declares for search, read once per model.

A model lists its searched fields as a class attribute, Wagtail-style::

    search_fields = (SearchField("title", "A"), SearchField("title_es", "A", language="es"), ...)

(or its ``ContentSpec`` does, in ``search_fields``). The weight says how much
a match counts (A most, D least); the language picks the stemmer on
PostgreSQL. Rich text fields are recognised from their model field, so that
markup is never searched.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from comunicacio.registry import PUBLIC, ContentSpec, SearchField, content_specs
from comunicacio.richtext import RichTextField

WEIGHTS = ("A", "B", "C", "D")
LANGUAGES = ("ca", "es")

# A model with a field of this name keeps its document stored (and GIN
# indexed) on PostgreSQL; ``comunicacio.search.index`` keeps it current.
VECTOR_FIELD = "search_vector"


@dataclass(frozen=True)
class Field:
    """A declared field, resolved against its model."""

    name: str
    weight: str
    language: str
    html: bool


def declared(spec_or_model) -> tuple[SearchField, ...]:
    if isinstance(spec_or_model, ContentSpec):
        return tuple(spec_or_model.search_fields) or declared(spec_or_model.model)
    return tuple(getattr(spec_or_model, "search_fields", None) or ())


def resolved(spec_or_model) -> tuple[Field, ...]:
    model = spec_or_model.model if isinstance(spec_or_model, ContentSpec) else spec_or_model
    return tuple(
        Field(
            name=field.name,
            weight=field.weight,
            language=field.language,
            html=isinstance(model._meta.get_field(field.name), RichTextField),
        )
        for field in declared(spec_or_model)
    )


def stores_vector(model) -> bool:
    try:
        model._meta.get_field(VECTOR_FIELD)
    except FieldDoesNotExist:
        return False
    return True


def searchable_specs() -> list[ContentSpec]:
    """The public content types the site search reads: never a staff-only
    one, whatever it declares."""
    return [spec for spec in content_specs(PUBLIC) if spec.listing is not None and declared(spec)]


def problems(spec: ContentSpec) -> list[str]:
    """What is wrong with a content type's search declaration (for the
    system checks); empty when it is fine or declares nothing."""
    found = []
    for field in declared(spec):
        if not isinstance(field, SearchField):
            found.append(f"{field!r} is not a comunicacio.registry.SearchField")
            continue
        try:
            model_field = spec.model._meta.get_field(field.name)
        except FieldDoesNotExist:
            found.append(f"unknown search field {field.name!r}")
            continue
        if not isinstance(model_field, (models.CharField, models.TextField)):
            found.append(f"search field {field.name!r} is not a text field")
        if field.weight not in WEIGHTS:
            found.append(f"search field {field.name!r} has weight {field.weight!r}, not one of {WEIGHTS}")
        if field.language not in LANGUAGES:
            found.append(
                f"search field {field.name!r} has language {field.language!r}, not one of {LANGUAGES}"
            )
    if declared(spec) and spec.audience == PUBLIC and spec.listing is None:
        found.append("declares search fields but no listing() of visible items to search")
    return found
