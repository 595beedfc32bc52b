"""URLs of the institutional agenda, included once (inside the language
prefix) by the project's urls.py."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, views

app_name = "institutional"

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
