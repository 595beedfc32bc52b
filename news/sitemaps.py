from django.contrib.sitemaps import Sitemap

from .models import NewsItem


class NewsSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    # Each URL carries its translations as xhtml:link alternates.
    alternates = True
    # No x-default: Django would point it at the unprefixed path, which
    # LocaleMiddleware cannot redirect when the URL itself is translated
    # (/noticies/ vs /es/noticias/): Spanish visitors would get a 404.
    limit = 5000

    def items(self):
        return NewsItem.objects.visible().only("slug", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
