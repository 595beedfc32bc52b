from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import InstitutionalEntry


class InstitutionalPagesSitemap(Sitemap):
    """The institutional agenda's own pages: upcoming entries and the archive."""

    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self):
        return ["institutional:list", "institutional:archive"]

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
