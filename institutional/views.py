"""Public pages of the institutional agenda: upcoming entries, the archive of
past ones by month, the detail page and the open-data exports."""

from datetime import date

from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from comunicacio.date_bounds import neighbour, path_date
from comunicacio.pagecache import public_page
from comunicacio.pagination import paginate

from . import export
from .filters import InstitutionalFilter
from .models import (
    InstitutionalEntry,
    archive_months,
    group_by_day,
    month_bounds,
)

PER_PAGE = 30


def _filtered(request, queryset):
    """(filterset, error response or None) for the request's filters."""
    filterset = InstitutionalFilter(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, True
    return filterset, False


@require_safe
@public_page
def entry_list(request):
    filterset, invalid = _filtered(request, InstitutionalEntry.objects.visible().upcoming().for_listing())
    context = {"filter": filterset, "page": None, "days": []}
    if invalid:
        return render(request, "institutional/list.html", context, status=400)
    page = paginate(filterset.qs, request.GET.get("page"), PER_PAGE)
    context.update(page=page, days=group_by_day(page.items))
    return render(request, "institutional/list.html", context)


@require_safe
@public_page
def archive(request):
    filterset, invalid = _filtered(request, InstitutionalEntry.objects.visible().past())
    if invalid:
        return render(request, "institutional/archive.html", {"filter": filterset}, status=400)
    context = {"filter": filterset, "years": archive_months(filterset.qs)}
    return render(request, "institutional/archive.html", context)


@require_safe
@public_page
def archive_month(request, year: int, month: int):
    path_date(year, month)  # a 404 with the reason for a month that cannot be shown
    first, after = month_bounds(year, month)
    queryset = InstitutionalEntry.objects.visible().for_listing().filter(start__gte=first, start__lt=after)
    filterset, invalid = _filtered(request, queryset)
    context = {"filter": filterset, "month": date(year, month, 1), "page": None, "days": []}
    if invalid:
        return render(request, "institutional/month.html", context, status=400)
    page = paginate(filterset.qs, request.GET.get("page"), PER_PAGE)
    previous_month = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    next_month = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    context.update(
        page=page,
        days=group_by_day(page.items),
        previous_month=neighbour(previous_month),
        next_month=next_month if next_month <= timezone.localdate() else None,
    )
    return render(request, "institutional/month.html", context)


@require_safe
@public_page
def entry_detail(request, pk: int):
    entry = get_object_or_404(InstitutionalEntry.objects.visible().select_related("holder"), pk=pk)
    return render(request, "institutional/detail.html", {"entry": entry, "preview": False})


def _export(request, kind: str):
    filterset, invalid = _filtered(request, InstitutionalEntry.objects.visible())
    if invalid:
        errors = "; ".join(
            f"{filterset.form.fields[name].label}: {' '.join(messages)}"
            for name, messages in filterset.form.errors.items()
        )
        return HttpResponseBadRequest(
            _("Filtres no vàlids: %(errors)s") % {"errors": errors}, content_type="text/plain; charset=utf-8"
        )
    return export.response(filterset.qs, kind)


@require_safe
def export_csv(request):
    return _export(request, "csv")


@require_safe
def export_json(request):
    return _export(request, "json")


# The models' back-office addresses while they lived in ``agenda``.
MOVED_MODELS = ("holder", "institutionalentry", "guest")


def moved_admin_page(request, model: str, rest: str):
    """The same back-office page under this app's own label, so that editors'
    bookmarks and links in old emails keep working."""
    url = reverse("admin:app_list", kwargs={"app_label": "institutional"}) + f"{model}/{rest}"
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)
