"""The PostgreSQL backend: full-text search with typo tolerance.

Each searchable model's document is its declared fields, each with its
weight, read with the text search configuration of its language
(``comunicacio_ca`` or ``comunicacio_es``, created by the foundation
migration ``comunicacio.0006_search``; both strip accents before stemming).
Models with a ``search_vector`` column keep that document stored and GIN
indexed (``comunicacio.search.index`` refreshes it); others have it computed
per query. A query is parsed with ``websearch_to_tsquery`` in both languages
and ranked by ``ts_rank`` among the newest ``SEARCH_CANDIDATES`` matches.

When the full-text search finds nothing, the query may hold a typo: every
word of it (``text.typo_words``) must then be similar (pg_trgm's
``word_similarity``, at least ``TYPO_THRESHOLD``) to a word of an unaccented
weight-A field (the titles), which a trigram GIN index on
``comunicacio_unaccent(title)`` serves (see the apps' search migrations).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Greatest
from django.dispatch import receiver

from .fields import VECTOR_FIELD, Field, stores_vector
from .text import fold, typo_words

CONFIGURATIONS = {"ca": "comunicacio_ca", "es": "comunicacio_es"}

# ts_rank weights for D, C, B, A: a word in the title counts ten times one in
# the body.
RANK_WEIGHTS = [0.05, 0.1, 0.4, 1.0]

# How many of the newest matches are ranked by relevance (see search()).
SEARCH_CANDIDATES = 1000

# The word similarity a typo needs. pg_trgm's default (0.6) misses one wrong
# letter in a seven-letter word ("piscna" is 0.57 like "piscina"); 0.5 finds
# it and still refuses unrelated words (below 0.2 in practice).
TYPO_THRESHOLD = 0.5

# How many of the newest typo matches are ranked by similarity: a misspelt
# common word ("festta") is like thousands of titles, and each similarity
# costs an unaccent and a trigram comparison.
TYPO_CANDIDATES = 200


class Unaccented(Func):
    """``comunicacio_unaccent(text)``, from the foundation migration."""

    function = "comunicacio_unaccent"
    output_field = TextField()


@receiver(connection_created)
def _set_typo_threshold(sender, connection, **kwargs) -> None:
    # The "%>" operator (the one the index serves) compares with this
    # session setting, not with an argument. A placeholder until pg_trgm
    # loads, which then adopts it.
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {TYPO_THRESHOLD}")


def document(fields: tuple[Field, ...]) -> SearchVector:
    """The weighted document of a row, every field in its language."""
    parts = [
        SearchVector(field.name, config=CONFIGURATIONS[field.language], weight=field.weight)
        for field in fields
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def parsed(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=CONFIGURATIONS["ca"]) | SearchQuery(
        query, search_type="websearch", config=CONFIGURATIONS["es"]
    )


def search(rows, fields: tuple[Field, ...], query: str, ordering: tuple, limit: int) -> list:
    found = list(full_text(rows, fields, query, ordering)[:limit])
    if found:
        return found
    typos = similar(rows, fields, query, ordering)
    return [] if typos is None else list(typos[:limit])


def full_text(rows, fields: tuple[Field, ...], query: str, ordering: tuple):
    """``rows`` matching ``query``, best first, ties in ``ordering``."""
    model = rows.model
    tsquery = parsed(query)
    if stores_vector(model):
        vector = F(VECTOR_FIELD)
        matching = rows.filter(**{VECTOR_FIELD: tsquery})
    else:
        vector = document(fields)
        matching = rows.annotate(search_document=vector).filter(search_document=tsquery)
    # Ranking reads every matching vector: a word found in most of the
    # archive would cost a ts_rank per item. Ranking only the newest
    # SEARCH_CANDIDATES matches bounds that (the planner then walks the
    # publication-date index for common words and the GIN index for rare
    # ones) and, for such broad queries, favours recent items anyway.
    candidates = matching.order_by(*newest_first(model)).values("pk")[:SEARCH_CANDIDATES]
    return (
        rows.filter(pk__in=candidates)
        .annotate(rank=SearchRank(vector, tsquery, weights=RANK_WEIGHTS))
        .order_by("-rank", *ordering)
    )


def similar(rows, fields: tuple[Field, ...], query: str, ordering: tuple):
    """``rows`` whose titles hold a word like each word of ``query``, most
    similar first; None when the query has no word worth correcting."""
    words = typo_words(query)
    titles = [field.name for field in fields if field.weight == "A" and not field.html]
    if not words or not titles:
        return None
    unaccented = {name: f"search_unaccented_{name}" for name in titles}
    rows = rows.alias(**{alias: Unaccented(F(name)) for name, alias in unaccented.items()})
    condition = Q()
    score = None
    for word in words:
        word = fold(word)
        # "unaccented title %> word": word_similarity(word, title) at least
        # the threshold, the operator the trigram GIN index serves.
        condition &= Q(
            *[Q(**{f"{alias}__trigram_word_similar": Value(word)}) for alias in unaccented.values()],
            _connector=Q.OR,
        )
        similarities = [TrigramWordSimilarity(Value(word), F(alias)) for alias in unaccented.values()]
        best = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
        score = best if score is None else score + best
    candidates = rows.filter(condition).order_by(*newest_first(rows.model)).values("pk")[:TYPO_CANDIDATES]
    return rows.filter(pk__in=candidates).annotate(similarity=score).order_by("-similarity", *ordering)


def newest_first(model) -> tuple[str, ...]:
    names = {field.name for field in model._meta.get_fields()}
    return ("-publish_at", "-pk") if "publish_at" in names else ("-pk",)
