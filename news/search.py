"""Full-text search of news.

On PostgreSQL each item keeps a weighted ``search_vector`` (title A, summary B,
body C) built with the text search configurations created by migration
``0002_search``: ``comunicacio_ca`` for the Catalan fields and
``comunicacio_es`` for the Spanish translations, both unaccented before
stemming. A query is parsed with ``websearch_to_tsquery`` in both languages,
matched through the GIN index and ranked by ``ts_rank`` (among the newest
``SEARCH_CANDIDATES`` matches). Bulk loaders that bypass ``save()`` call
``rebuild_all()`` (or ``manage.py rebuild_search_index``).

Elsewhere (SQLite, the zero-setup default) a plain fallback requires every
word of the query in the title, summary or body (either language), folding
case and accents with a Python function registered on the connection. It
reads every visible item, which is fine for demo and development data (a few
milliseconds for hundreds of items) but takes seconds at tens of thousands:
production and benchmarks use PostgreSQL. No stemming there.
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, router
from django.db.backends.signals import connection_created
from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.dispatch import receiver

from comunicacio.search import clean_query

CATALAN_CONFIG = "comunicacio_ca"
SPANISH_CONFIG = "comunicacio_es"

# ts_rank weights for D, C, B, A: a word in the title counts ten times one in
# the body.
RANK_WEIGHTS = [0.05, 0.1, 0.4, 1.0]

# How many of the newest matches are ranked by relevance (see _postgres_search).
SEARCH_CANDIDATES = 1000


def _model():
    from .models import NewsItem

    return NewsItem


def _uses_postgres(model) -> bool:
    return connections[router.db_for_read(model)].vendor == "postgresql"


def full_text_available() -> bool:
    """Whether news are searched with PostgreSQL's full-text index."""
    return _uses_postgres(_model())


def search_vector() -> SearchVector:
    """The weighted document of a news item, in both languages."""
    parts = []
    for field, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        parts.append(SearchVector(field, config=CATALAN_CONFIG, weight=weight))
        parts.append(SearchVector(f"{field}_es", config=SPANISH_CONFIG, weight=weight))
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def refresh_search_vector(pk: int) -> None:
    """Recompute one item's vector (``NewsItem.save()`` calls it on PostgreSQL)."""
    model = _model()
    if _uses_postgres(model):
        model.objects.filter(pk=pk).update(search_vector=search_vector())


def rebuild_all() -> int:
    """Recompute every item's vector in one UPDATE; for bulk loaders whose
    ``QuerySet.update()``/``bulk_create()`` bypass ``save()``. Returns the
    number of rows updated (0 where there is no full-text index to build)."""
    model = _model()
    if not _uses_postgres(model):
        return 0
    return model.objects.update(search_vector=search_vector())


def search_news(query: str, limit: int = 20) -> list:
    """Visible news matching ``query``, best first."""
    model = _model()
    query = clean_query(query)
    if not query:
        return []
    visible = model.objects.visible()
    if _uses_postgres(model):
        items = _postgres_search(visible, query)
    else:
        items = _fallback_search(visible, query)
        if items is None:
            return []
    return list(items.select_related("unit", "image")[:limit])


def _postgres_search(visible, query: str):
    tsquery = SearchQuery(query, search_type="websearch", config=CATALAN_CONFIG) | SearchQuery(
        query, search_type="websearch", config=SPANISH_CONFIG
    )
    # Ranking reads every matching vector: a word found in most of the
    # archive would cost a ts_rank per item. Ranking only the newest
    # SEARCH_CANDIDATES matches bounds that (the planner then walks the
    # publication-date index for common words and the GIN index for rare
    # ones) and, for such broad queries, favours recent news anyway.
    candidates = (
        visible.filter(search_vector=tsquery).order_by("-publish_at", "-pk").values("pk")[:SEARCH_CANDIDATES]
    )
    return (
        visible.model.objects.filter(pk__in=candidates)
        .annotate(rank=SearchRank(F("search_vector"), tsquery, weights=RANK_WEIGHTS))
        .order_by("-rank", "-publish_at", "-pk")
    )


# --- Fallback (SQLite and any other database) ------------------------------

MATCH_FUNCTION = "comunicacio_search_match"
_TAG = re.compile(r"<[^>]*>")
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")
_TITLE_FIELDS = ("title", "title_es")
_TEXT_FIELDS = ("summary", "summary_es")
_HTML_FIELDS = ("body", "body_es")


def fold(text: str | None) -> str:
    """Lower case without accents: "Informació" -> "informacio"."""
    if not text:
        return ""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))


def fold_html(text: str | None) -> str:
    """``fold`` of the visible text of an HTML fragment, so that a search for
    "strong" does not match every body with bold text."""
    if not text:
        return ""
    return fold(html.unescape(_TAG.sub(" ", text)))


def match_score(words: str, *fields: str | None) -> int | None:
    """How many of the (folded, space-separated) ``words`` are in the title,
    or None unless every word is in some field. ``fields`` come in the order
    of ``_TITLE_FIELDS + _TEXT_FIELDS + _HTML_FIELDS``.

    One call per row: the database calls back into Python once per item
    rather than once per field and word."""
    titles, texts, bodies = fields[:2], fields[2:4], fields[4:6]
    title = " ".join(fold(value) for value in titles)
    rest = None
    in_title = 0
    for word in words.split(" "):
        if word in title:
            in_title += 1
            continue
        if rest is None:
            rest = " ".join([*(fold(value) for value in texts), *(fold_html(value) for value in bodies)])
        if word not in rest:
            return None
    return in_title


class MatchScore(Func):
    function = MATCH_FUNCTION
    output_field = IntegerField()


def _register_functions(dbapi_connection) -> None:
    dbapi_connection.create_function(MATCH_FUNCTION, 7, match_score, deterministic=True)


@receiver(connection_created)
def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        _register_functions(connection.connection)


def _fallback_search(visible, query: str):
    words = list(dict.fromkeys(fold(query).split()))
    if not words:
        return None
    connection = connections[visible.db]
    if connection.vendor == "sqlite":
        # A connection opened before this module was imported missed the
        # signal; registering again is cheap.
        connection.ensure_connection()
        _register_functions(connection.connection)
        score = MatchScore(Value(" ".join(words)), *_TITLE_FIELDS, *_TEXT_FIELDS, *_HTML_FIELDS)
        return (
            visible.annotate(title_score=score)
            .filter(title_score__isnull=False)
            .order_by("-title_score", "-publish_at", "-pk")
        )
    return _plain_fallback(visible, words)


def _plain_fallback(visible, words: list[str]):
    """Any other database: case-insensitive, not accent-insensitive."""
    fields = (*_TITLE_FIELDS, *_TEXT_FIELDS, *_HTML_FIELDS)
    condition = Q()
    title_hits = []
    for word in words:
        condition &= Q(*[Q(**{f"{name}__icontains": word}) for name in fields], _connector=Q.OR)
        in_title = Q(*[Q(**{f"{name}__icontains": word}) for name in _TITLE_FIELDS], _connector=Q.OR)
        title_hits.append(Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
    title_score = sum(title_hits[1:], start=title_hits[0])
    return (
        visible.filter(condition)
        .annotate(title_score=title_score)
        .order_by("-title_score", "-publish_at", "-pk")
    )
