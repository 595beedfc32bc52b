"""Stable, unique addresses generated from titles, in Catalan.

Django's ``slugify`` drops an apostrophe and glues the words around it
("L'Ajuntament" -> "lajuntament"), and keeps the middle dot's neighbours
apart or not depending on the character used. Here every apostrophe and
every other punctuation mark separates words ("l-ajuntament-obre-la-piscina-
d-estiu"), the "l·l" of "col·lecció" is written "ll" (the dot is part of the
letter, not a word break: "colleccio"), and accents are stripped.

An address is generated once, when the item is first saved without one, and
editors may change it until the item is first published; after that it is
read-only (``comunicacio.content.EditorialContent``), so that a published
URL never changes.
"""

import re
import unicodedata

from django import forms
from django.db.models import QuerySet

MAX_LENGTH = 200
# The middle dot of the geminated l ("l·l"), and the look-alikes typed for it.
_GEMINATE_DOT = re.compile(r"(?<=[lL])[\u00b7\u2027\u2219\u22c5\u0387.](?=[lL])")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``text`` as the words of an address: lower case ASCII letters and
    digits, one hyphen between words, no hyphen at either end."""
    # NFKC first: the single character "ŀ" becomes "l·", handled below.
    text = unicodedata.normalize("NFKC", text or "")
    text = _GEMINATE_DOT.sub("", text)
    # Accents are combining marks once decomposed; anything else that is not
    # an ASCII letter or digit (apostrophes of any shape included) separates.
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALPHANUMERIC.sub("-", bare.lower()).strip("-")


def _shorten(slug: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words when there is one."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-")


def slug_locked(item) -> bool:
    """Whether ``item``'s address is fixed: it has been published at least
    once (``publication`` counts publications), so its URL is out there."""
    return bool(getattr(item, "pk", None)) and getattr(item, "publication", 0) > 0


def unique_slug(queryset: QuerySet, title: str, *, fallback: str, exclude_pk=None) -> str:
    """The title's slug, with "-2", "-3"... if another row of ``queryset``
    already has it."""
    base = _shorten(slugify(title), MAX_LENGTH) or fallback
    candidate, number = base, 2
    others = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


class SlugFormField(forms.CharField):
    """An address typed by an editor, written the way generated ones are
    ("Piscina d'estiu" -> "piscina-d-estiu"); empty: made from the title."""

    def to_python(self, value):
        return slugify(super().to_python(value))
