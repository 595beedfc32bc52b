import hashlib
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from comunicacio import roles
from comunicacio.pagecache import public_page
from comunicacio.pagination import paginate

from .cards import render_cards
from .filters import NewsFilter
from .models import Kind, NewsItem, PressDelivery

PER_PAGE = 20


@require_safe
@public_page
def news_list(request):
    # Light rows: cards come from the fragment cache, loaded in full only
    # when they are not there.
    filterset = NewsFilter(request.GET or None, queryset=NewsItem.objects.visible().card_rows())
    if filterset.is_bound and not filterset.is_valid():
        return render(request, "news/list.html", {"filter": filterset, "page": None}, status=400)
    page = paginate(filterset.qs, request.GET.get("page"), PER_PAGE)
    # The filter form depends only on the filters chosen (and the units, which
    # are published content): it is a cached fragment like the cards.
    chosen = urlencode(sorted((k, v) for k, v in request.GET.lists() if k != "page"), doseq=True)
    digest = hashlib.blake2b(chosen.encode(), digest_size=12).hexdigest()
    form_key = f"pagecache:form:news:{get_language()}:{digest}"
    *cards, form_html = render_cards(
        page.items,
        extra={form_key: lambda: render_to_string("news/_filters.html", {"filter": filterset})},
    )
    context = {"filter": filterset, "page": page, "cards": cards, "form_html": form_html}
    return render(request, "news/list.html", context)


@require_safe
@public_page
def news_detail(request, slug):
    item = get_object_or_404(
        NewsItem.objects.visible().select_related("unit", "image"),
        slug=slug,
    )
    return render(request, "news/detail.html", detail_context(request, item))


def detail_context(request, item, preview=False) -> dict:
    return {
        "item": item,
        "attachments": list(item.attachments.all()),
        "tags": item.tag_list,
        "related": render_cards(item.related()),
        "preview": preview,
    }


@require_safe
@public_page
def press_room(request):
    notes = list(NewsItem.objects.visible().for_listing().filter(kind=Kind.PRESS_NOTE)[:20])
    if not roles.can(request.user, roles.PUBLISH, NewsItem):
        return render(request, "news/press_room.html", {"notes": notes})
    # Publishers also see how each note's mailing went: never a public page.
    request.public_page = False
    counts = PressDelivery.objects.counts_by_news(note.pk for note in notes)
    for note in notes:
        note.distribution_counts = counts.get(note.pk)
    response = render(request, "news/press_room.html", {"notes": notes, "show_distribution": True})
    response["Cache-Control"] = "private, no-store"
    return response
