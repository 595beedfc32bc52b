"""The back-office addresses the institutional agenda had while it lived in
``agenda`` (/admin/agenda/institutionalentry/...), sent on to the same pages
under its own app so that editors' bookmarks and links in old emails keep
working. Included by the project's urls.py before the admin."""

from django.http import HttpResponsePermanentRedirect
from django.urls import re_path, reverse

MOVED_MODELS = ("holder", "institutionalentry", "guest")


def moved(request, model: str, rest: str):
    url = reverse("admin:app_list", kwargs={"app_label": "institutional"}) + f"{model}/{rest}"
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)


urlpatterns = [
    re_path(rf"^(?P<model>{'|'.join(MOVED_MODELS)})/(?P<rest>.*)$", moved),
]
