from django.utils.functional import SimpleLazyObject

from comunicacio import pagecache


def _alerts():
    from .models import NewsItem

    return list(NewsItem.objects.active_alerts())


def alerts(request):
    """Site-wide alert banners (urgent notices), computed once per cache
    generation; alert windows are visibility boundaries, so the generation
    ends when an alert starts or ends."""
    return {"alerts": SimpleLazyObject(lambda: pagecache.memo("alerts", _alerts))}
