from django.contrib.sitemaps import Sitemap

from .models.institutional import InstitutionalEntry


# Events and the agenda's pages are in the foundation's sitemap, built from
# agenda/hooks.py; the institutional entries join it when they move to their app.
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
