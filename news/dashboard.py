"""News' panels on the back-office dashboard (declared in hooks.py): live
alerts, embargoed press notes and when they lift, press deliveries that
failed or bounced. Each builds its rows in a fixed number of queries."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from comunicacio import dashboard, roles
from comunicacio.publishing.models import Status

from .models import Kind, NewsItem
from .press.models import PressDelivery

LIMIT = 10
# Deliveries someone should look at: given up on, refused or bounced back.
_State = PressDelivery.State  # read here; only the mail block writes a delivery's state
TO_CHECK = (_State.FAILED, _State.REFUSED, _State.BOUNCED)


def may_view_news(user) -> bool:
    return any(roles.holds(user, f"news.{action}_newsitem", NewsItem) for action in ("view", "change"))


def _news(user):
    return roles.limit_to_scope(user, NewsItem.objects.all())


def live_alerts(user, now) -> list:
    rows = []
    for item in _news(user).active_alerts(now)[:LIMIT]:
        until = (
            _("fins %(when)s") % {"when": dashboard.moment_text(item.alert_end)}
            if item.alert_end
            else _("sense data de fi")
        )
        rows.append(
            dashboard.Row(
                title=item.title,
                url=dashboard.change_url(item),
                kind=item.get_alert_severity_display(),
                meta=_("Visible des de %(start)s, %(until)s")
                % {"start": dashboard.moment_text(item.alert_start), "until": until},
                when=item.alert_start,
            )
        )
    return rows


def embargoed_notes(user, now) -> list:
    queryset = _news(user).filter(kind=Kind.PRESS_NOTE, status=Status.PUBLISHED, embargo_until__gt=now)
    return [
        dashboard.Row(
            title=item.title,
            url=dashboard.change_url(item),
            kind=str(Kind.PRESS_NOTE.label),
            meta=_("L'embargament s'aixeca %(when)s") % {"when": dashboard.moment_text(item.embargo_until)},
            when=item.embargo_until,
            when_text=dashboard.moment_text(item.embargo_until),
        )
        for item in queryset.order_by("embargo_until", "pk")[:LIMIT]
    ]


def deliveries_to_check(user, now) -> list:
    """One row per press note with deliveries that failed, were refused or
    bounced: how many of each."""
    notes = (
        _news(user)
        .filter(press_distribution__deliveries__state__in=TO_CHECK)
        .annotate(
            **{
                state: Count(
                    "press_distribution__deliveries", filter=Q(press_distribution__deliveries__state=state)
                )
                for state in TO_CHECK
            }
        )
        .order_by("-updated_at", "-pk")[:LIMIT]
    )
    rows = []
    for item in notes:
        parts = [
            ngettext("%(count)s fallit", "%(count)s fallits", item.failed) % {"count": item.failed},
            ngettext("%(count)s rebutjat", "%(count)s rebutjats", item.refused) % {"count": item.refused},
            ngettext("%(count)s retornat", "%(count)s retornats", item.bounced) % {"count": item.bounced},
        ]
        counts = (item.failed, item.refused, item.bounced)
        rows.append(
            dashboard.Row(
                title=item.title,
                url=dashboard.change_url(item),
                kind=str(Kind.PRESS_NOTE.label),
                meta=_("Enviaments als mitjans: %(counts)s")
                % {"counts": ", ".join(part for part, count in zip(parts, counts, strict=True) if count)},
            )
        )
    return rows


PANELS = [
    dashboard.Panel(
        name="news.alerts",
        title=gettext_lazy("Alertes actives"),
        rows=live_alerts,
        order=50,
        visible=may_view_news,
        empty=gettext_lazy("No hi ha cap alerta activa."),
    ),
    dashboard.Panel(
        name="news.embargoed",
        title=gettext_lazy("Notes de premsa embargades"),
        rows=embargoed_notes,
        order=55,
        visible=may_view_news,
        empty=gettext_lazy("Cap nota de premsa embargada."),
    ),
    dashboard.Panel(
        name="news.deliveries",
        title=gettext_lazy("Enviaments als mitjans per revisar"),
        rows=deliveries_to_check,
        order=60,
        visible=may_view_news,
        empty=gettext_lazy("Tots els enviaments als mitjans han sortit bé."),
    ),
]
