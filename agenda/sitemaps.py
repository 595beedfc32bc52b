from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event
from .models.institutional import InstitutionalEntry


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
    """The agenda's own pages: the list, the institutional agenda and its
    archive, and the proposal form."""

    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self):
        return ["agenda:list", "institutional:list", "institutional:archive", "proposals:propose"]

    def location(self, item):
        return reverse(item)


class InstitutionalEntrySitemap(Sitemap):
    """Published institutional entries: they stay public in the archive."""

    changefreq = "monthly"
    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        return InstitutionalEntry.objects.visible().only("pk", "updated_at").order_by("-start", "-pk")

    def lastmod(self, entry):
        return entry.updated_at
