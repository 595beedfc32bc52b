from datetime import timedelta
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from comunicacio.date_bounds import neighbour, path_date
from comunicacio.formatting import long_date
from comunicacio.pagecache import public_page
from comunicacio.pagination import paginate

from . import fragments, ical, listing
from .filters import AgendaFilter
from .models import Event, Occurrence
from .sharing import share_links

PER_PAGE = 20
ICS_MAX_EVENTS = 500


def _filtered(request):
    """(filterset, error response or None) for the list and its .ics twin."""
    filterset = AgendaFilter(request.GET or None, queryset=listing.visible_occurrences())
    unknown = filterset.unknown_parameters()
    if unknown:
        message = _("Filtres desconeguts: %(names)s.") % {"names": ", ".join(unknown)}
        return filterset, message
    if filterset.is_bound and not filterset.is_valid():
        return filterset, ""
    return filterset, None


@require_safe
@public_page
def agenda_list(request):
    filterset, error = _filtered(request)
    if error is not None:
        context = {
            "filter": filterset,
            "page": None,
            "error": error,
            "periods": listing.PERIODS,
            "today": timezone.localdate(),
        }
        return render(request, "agenda/list.html", context, status=400)
    # Light rows: the cards and the filter form come from the fragment cache,
    # full rows are loaded only for the cards that are not there.
    page = paginate(fragments.card_rows(filterset.qs), request.GET.get("page"), PER_PAGE)
    form_context = {"filter": filterset, "periods": listing.PERIODS}
    *card_html, form_html = fragments.render_cards(
        page.items,
        extra={fragments.filters_key(request): fragments.render_filters(request, form_context)},
    )
    context = {
        **form_context,
        "page": page,
        "cards": card_html,
        "form_html": form_html,
        "past": filterset.shows_past,
        "ics_query": urlencode([(k, v) for k, v in request.GET.items() if k != "page"]),
        "today": timezone.localdate(),
    }
    return render(request, "agenda/list.html", context)


@require_safe
@public_page
def agenda_ics(request):
    filterset, error = _filtered(request)
    if error is not None:
        messages = [error] if error else [str(e) for errors in filterset.form.errors.values() for e in errors]
        return HttpResponse("\n".join(messages), status=400, content_type="text/plain; charset=utf-8")
    ids = listing.first_events(filterset.qs, ICS_MAX_EVENTS, scan=ICS_MAX_EVENTS * 20)
    return ical.response(ical.export(ids), "agenda.ics")


@require_safe
@public_page
def month_view(request, year: int, month: int):
    first = path_date(year, month)
    previous_month = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    context = {
        "month": first,
        "month_label": listing.month_label(first),
        "weeks": listing.month_grid(year, month),
        "previous_month": neighbour(previous_month),
        "next_month": neighbour(next_month),
        "weekdays": [
            _("dilluns"),
            _("dimarts"),
            _("dimecres"),
            _("dijous"),
            _("divendres"),
            _("dissabte"),
            _("diumenge"),
        ],
    }
    return render(request, "agenda/month.html", context)


@require_safe
@public_page
def day_view(request, year: int, month: int, day: int):
    when = path_date(year, month, day)
    occurrences = list(Occurrence.objects.visible().for_listing().on_day(when).order_by("start", "pk"))
    context = {
        "day": when,
        "day_label": long_date(when, weekday=True),
        "occurrences": occurrences,
        "previous_day": neighbour(when - timedelta(days=1)),
        "next_day": neighbour(when + timedelta(days=1)),
    }
    return render(request, "agenda/day.html", context)


def event_queryset():
    return Event.objects.select_related("venue", "image", "organiser_unit")


@require_safe
@public_page
def event_detail(request, slug):
    event = get_object_or_404(event_queryset().visible(), slug=slug)
    return render(request, "agenda/detail.html", detail_context(request, event))


def detail_context(request, event: Event, preview: bool = False) -> dict:
    now = timezone.now()
    occurrences = list(event.occurrences.order_by("start", "pk"))
    upcoming = [o for o in occurrences if o.end > now]
    past = [o for o in occurrences if o.end <= now]
    from django.conf import settings

    url = settings.SITE_URL + event.get_absolute_url()
    dates = {"upcoming": upcoming, "past": past[-10:][::-1], "past_count": len(past)}
    leading = upcoming[0] if upcoming else (occurrences[-1] if occurrences else None)
    return {
        "event": event,
        **dates,
        "dates_html": fragments.render_dates(event, dates, cached=not preview),
        "next": leading,
        "audiences": list(event.audiences.all()),
        "tags": event.tag_list,
        "share_links": share_links(event.display_title, url),
        "structured_data": event_structured_data(event, leading),
        "preview": preview,
    }


def event_structured_data(event, occurrence) -> dict:
    from .structured_data import event_json_ld

    return event_json_ld(event, occurrence)


@require_safe
@public_page
def event_ics(request, slug):
    event = get_object_or_404(event_queryset().visible(), slug=slug)
    return ical.response(ical.export([event.pk]), f"{event.slug}.ics")
