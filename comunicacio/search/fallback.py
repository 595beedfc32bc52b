"""The backend for SQLite (the zero-setup default) and any other database.

Every word of the query must be in some declared field (folding case and
accents; rich text read as its visible text); a row scores the weight of
the best field each word is in, with ``postgres.RANK_WEIGHTS``' values, so
that a title match ranks before a body match as it does on PostgreSQL. When
nothing matches, typos are tolerated as there: every word must be similar
to a word of a weight-A field (``text.word_similarity`` above
``postgres.TYPO_THRESHOLD``). No stemming and no websearch syntax.

SQLite calls back into Python functions registered on the connection, once
per row. That reads every visible row, which is fine for demo and
development data (milliseconds for hundreds of items) but takes seconds at
tens of thousands: production and benchmarks use PostgreSQL. On another
database a plain ``icontains`` filter is case-insensitive only.
"""

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Case, FloatField, Func, IntegerField, Q, Value, When
from django.dispatch import receiver

from .fields import Field
from .postgres import RANK_WEIGHTS, TYPO_THRESHOLD
from .text import fold, fold_html, typo_words, word_similarity

MATCH_FUNCTION = "comunicacio_search_match"
SIMILAR_FUNCTION = "comunicacio_search_similar"

# What a word found in a field of each weight adds to the score.
POINTS = dict(zip("DCBA", RANK_WEIGHTS, strict=True))


def layout(fields: tuple[Field, ...]) -> str:
    """How ``match_score`` reads its field arguments: a weight letter and
    "h" (rich text) or "t" (plain text) per field, e.g. "AtBtCh"."""
    return "".join(field.weight + ("h" if field.html else "t") for field in fields)


def match_score(words: str, fields_layout: str, *values: str | None) -> float | None:
    """The score of a row for the (folded, space-separated) ``words``, or
    None unless every word is in some field. One call per row: the
    database calls back into Python once per item rather than once per
    field and word; fields are folded only when a word needs them."""
    kinds = [fields_layout[index : index + 2] for index in range(0, len(fields_layout), 2)]
    order = sorted(range(len(values)), key=lambda index: -POINTS[kinds[index][0]])
    folded: dict[int, str] = {}
    score = 0.0
    for word in words.split(" "):
        for index in order:
            if index not in folded:
                folded[index] = (fold_html if kinds[index][1] == "h" else fold)(values[index])
            if word in folded[index]:
                score += POINTS[kinds[index][0]]
                break
        else:
            return None
    return score


def similarity_score(words: str, *titles: str | None) -> float | None:
    """The summed similarity of each of ``words`` to its most similar word
    in the titles, or None unless every word has one above the threshold."""
    text = " ".join(fold(title) for title in titles)
    score = 0.0
    for word in words.split(" "):
        similarity = word_similarity(word, text)
        if similarity < TYPO_THRESHOLD:
            return None
        score += similarity
    return score


class MatchScore(Func):
    function = MATCH_FUNCTION
    output_field = FloatField()


class SimilarityScore(Func):
    function = SIMILAR_FUNCTION
    output_field = FloatField()


def _register_functions(dbapi_connection) -> None:
    dbapi_connection.create_function(MATCH_FUNCTION, -1, match_score, deterministic=True)
    dbapi_connection.create_function(SIMILAR_FUNCTION, -1, similarity_score, deterministic=True)


@receiver(connection_created)
def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        _register_functions(connection.connection)


def search(rows, fields: tuple[Field, ...], query: str, ordering: tuple, limit: int) -> list:
    words = list(dict.fromkeys(fold(query).split()))
    if not words:
        return []
    connection = connections[rows.db]
    if connection.vendor != "sqlite":
        return list(_plain(rows, fields, words, ordering)[:limit])
    # A connection opened before this module was imported missed the
    # signal; registering again is cheap.
    connection.ensure_connection()
    _register_functions(connection.connection)
    score = MatchScore(Value(" ".join(words)), Value(layout(fields)), *[field.name for field in fields])
    found = list(
        rows.annotate(search_score=score)
        .filter(search_score__isnull=False)
        .order_by("-search_score", *ordering)[:limit]
    )
    if found:
        return found
    typos = [fold(word) for word in typo_words(query)]
    titles = [field.name for field in fields if field.weight == "A" and not field.html]
    if not typos or not titles:
        return []
    similarity = SimilarityScore(Value(" ".join(typos)), *titles)
    return list(
        rows.annotate(search_score=similarity)
        .filter(search_score__isnull=False)
        .order_by("-search_score", *ordering)[:limit]
    )


def _plain(rows, fields: tuple[Field, ...], words: list[str], ordering: tuple):
    """Any other database: case-insensitive, not accent-insensitive; scored
    by the words found in the titles."""
    names = [field.name for field in fields]
    titles = [field.name for field in fields if field.weight == "A"] or names[:1]
    condition = Q()
    title_hits = []
    for word in words:
        condition &= Q(*[Q(**{f"{name}__icontains": word}) for name in names], _connector=Q.OR)
        in_title = Q(*[Q(**{f"{name}__icontains": word}) for name in titles], _connector=Q.OR)
        title_hits.append(Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
    score = sum(title_hits[1:], start=title_hits[0])
    return rows.filter(condition).annotate(search_score=score).order_by("-search_score", *ordering)
