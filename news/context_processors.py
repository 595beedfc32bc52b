from django.utils.functional import SimpleLazyObject

from comunicacio import pagecache


def can_be_hidden(alert) -> bool:
    """Whether a visitor may hide an alert once read. Urgent ones never: the
    hiding is remembered by the browser, not the person, and a device is often
    shared (a family tablet, a library computer): hiding a danger warning for
    whoever comes next is not a choice one visitor should make. Any alert
    that changes comes back anyway (its version is its last edit)."""
    from .models import Severity

    return alert.alert_severity < Severity.CRITICAL


def _alerts():
    from .models import NewsItem

    alerts = list(NewsItem.objects.active_alerts())
    for alert in alerts:
        alert.can_be_hidden = can_be_hidden(alert)
    return alerts


def alerts(request):
    """Site-wide alert banners (urgent notices), computed once per cache
    generation; alert windows are visibility boundaries, so the generation
    ends when an alert starts or ends. Most severe first."""
    return {"alerts": SimpleLazyObject(lambda: pagecache.memo("alerts", _alerts))}
