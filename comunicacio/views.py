from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import home as home_sections
from . import search as site_search
from .pagecache import public_page
from .pages import SitePage
from .search import page as search_page

SEARCH_MAX_LENGTH = 200


@require_safe
@public_page
def home(request):
    return render(request, "home.html", {"sections": home_sections.sections()})


@require_safe
@public_page
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = {}
    status = 200
    if len(query) > SEARCH_MAX_LENGTH:
        from django.utils.translation import gettext as _

        error = _("La cerca és massa llarga (màxim %(max)s caràcters).") % {"max": SEARCH_MAX_LENGTH}
        status = 400
    elif query:
        results = site_search.search_all(query)
    sections = search_page.sections(results)
    return render(
        request,
        "search.html",
        {
            "query": query,
            "results": results,
            "sections": sections,
            "error": error,
            "total": sum(len(items) for items in results.values()),
        },
        status=status,
    )


@require_safe
@public_page
def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "site_page.html", {"page": page})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Floor views for the benchmark: the same stack's best case, to which the real
# pages are compared. Only routed when BENCHMARK_VIEWS is on.
def floor_bytes(request):
    return HttpResponse(b"ok", content_type="text/plain")


def floor_query(request):
    users = get_user_model().objects.order_by("pk").values_list("pk", "username")[:20]
    return render(request, "bench/floor_query.html", {"rows": users})
