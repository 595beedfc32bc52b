"""Stable, unique addresses generated from titles."""

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(queryset: QuerySet, title: str, *, fallback: str, exclude_pk=None) -> str:
    """The title's slug, with "-2", "-3"... if another row of ``queryset``
    already has it."""
    base = slugify(title)[:200].strip("-") or fallback
    candidate, number = base, 2
    others = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate
