from django.contrib.sitemaps import Sitemap

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
