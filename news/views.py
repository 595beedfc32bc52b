from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from comunicacio.pagecache import public_page
from comunicacio.pagination import paginate

from .filters import NewsFilter
from .models import Kind, NewsItem

PER_PAGE = 20
# A card shows neither the body nor the search document: don't load them.
LISTING_DEFERRED = ("body", "body_es", "search_vector")


@require_safe
@public_page
def news_list(request):
    listing = NewsItem.objects.visible().for_listing().defer(*LISTING_DEFERRED)
    filterset = NewsFilter(request.GET or None, queryset=listing)
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "news/list.html", {"filter": filterset, "page": None}, status=400)
    page = paginate(filterset.qs, request.GET.get("page"), PER_PAGE)
    return render(request, "news/list.html", {"filter": filterset, "page": page})


@require_safe
@public_page
def news_detail(request, slug):
    item = get_object_or_404(
        NewsItem.objects.visible().select_related("unit", "image").prefetch_related("tags"),
        slug=slug,
    )
    return render(request, "news/detail.html", detail_context(item))


def detail_context(item, preview=False) -> dict:
    return {
        "item": item,
        "attachments": list(item.attachments.all()),
        "tags": list(item.tags.all()),
        "related": item.related(),
        "preview": preview,
    }


@require_safe
@staff_member_required
def news_preview(request, pk):
    """Any draft exactly as the public will see it, for staff only."""
    item = get_object_or_404(NewsItem.objects.select_related("unit", "image").prefetch_related("tags"), pk=pk)
    if not request.user.has_perm("news.view_newsitem"):
        raise PermissionDenied
    response = render(request, "news/detail.html", detail_context(item, preview=True))
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@public_page
def press_room(request):
    notes = list(NewsItem.objects.visible().for_listing().filter(kind=Kind.PRESS_NOTE)[:20])
    return render(request, "news/press_room.html", {"notes": notes})
