"""URLs of the institutional agenda, included once (inside the language
prefix) by the project's urls.py, and the redirects of its old back-office
addresses."""

from django.urls import path, re_path
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
    path(pgettext_lazy("url", "agenda-institucional/rss/"), feeds.DiaryRss(), name="feed_rss"),
    path(pgettext_lazy("url", "agenda-institucional/atom/"), feeds.DiaryAtom(), name="feed_atom"),
    path(pgettext_lazy("url", "agenda-institucional/<int:pk>/"), views.entry_detail, name="detail"),
]


# Its old back-office addresses (/admin/agenda/institutionalentry/...): the
# project's urls.py includes these at /admin/agenda/, before the admin.
admin_redirects = [
    re_path(rf"^(?P<model>{'|'.join(views.MOVED_MODELS)})/(?P<rest>.*)$", views.moved_admin_page),
]
