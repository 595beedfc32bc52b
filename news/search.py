"""Full-text search of news: PostgreSQL with a Catalan-aware configuration,
and a plain fallback elsewhere (filled in by the search work)."""

from django.db.models import Q


def refresh_search_vector(pk: int) -> None:
    return None


def search_news(query: str, limit: int = 20) -> list:
    from .models import NewsItem

    words = query.split()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(summary__icontains=word)
    return list(NewsItem.objects.visible().for_listing().filter(condition)[:limit])
