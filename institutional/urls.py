"""URLs of the institutional agenda, included once (inside the language
prefix) by the project's urls.py, and the redirects of its old back-office
addresses."""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, re_path, reverse
from django.utils.translation import pgettext_lazy

from . import feeds, views
from .sitemaps import InstitutionalEntrySitemap, InstitutionalPagesSitemap

app_name = "institutional"

# The sections the project's sitemap.xml takes from this app (its pages, then
# its published entries).
sitemaps = {"institutional-pages": InstitutionalPagesSitemap, "institutional": InstitutionalEntrySitemap}

urlpatterns = [
    path(pgettext_lazy("url", "agenda-institucional/"), views.entry_list, name="list"),
    path(pgettext_lazy("url", "agenda-institucional/arxiu/"), views.archive, name="archive"),
    path(
        pgettext_lazy("url", "agenda-institucional/arxiu/<int:year>/<int:month>/"),
        views.archive_month,
        name="month",
    ),
    path(pgettext_lazy("url", "agenda-institucional/export.csv"), views.export_csv, name="export_csv"),
    path(pgettext_lazy("url", "agenda-institucional/export.json"), views.export_json, name="export_json"),
    path(pgettext_lazy("url", "agenda-institucional/rss/"), feeds.InstitutionalRss(), name="feed_rss"),
    path(pgettext_lazy("url", "agenda-institucional/atom/"), feeds.InstitutionalAtom(), name="feed_atom"),
    path(pgettext_lazy("url", "agenda-institucional/<int:pk>/"), views.entry_detail, name="detail"),
    path(
        pgettext_lazy("url", "agenda-institucional/<int:pk>/previsualitza/"),
        views.entry_preview,
        name="preview",
    ),
]


# The back-office addresses the institutional agenda had while it lived in
# ``agenda`` (/admin/agenda/institutionalentry/...), sent on to the same pages
# under its own app so that editors' bookmarks and links in old emails keep
# working. The project's urls.py includes them at /admin/agenda/, before the
# admin.
MOVED_MODELS = ("holder", "institutionalentry", "guest")


def moved_admin_page(request, model: str, rest: str):
    url = reverse("admin:app_list", kwargs={"app_label": "institutional"}) + f"{model}/{rest}"
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)


admin_redirects = [re_path(rf"^(?P<model>{'|'.join(MOVED_MODELS)})/(?P<rest>.*)$", moved_admin_page)]
