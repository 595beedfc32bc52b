from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        return Event.objects.visible().only("slug", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, event):
        return event.updated_at


class AgendaPagesSitemap(Sitemap):
    """The agenda's own pages: the list and the proposal form."""

    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self):
        return ["agenda:list", "proposals:propose"]

    def location(self, item):
        return reverse(item)
