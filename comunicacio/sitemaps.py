from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .pages import SitePage


class StaticViewSitemap(Sitemap):
    changefreq = "daily"
    i18n = True
    # Each URL carries its translations as xhtml:link alternates.
    alternates = True
    # No x-default: Django would point it at the unprefixed path, which
    # LocaleMiddleware cannot redirect when the URL itself is translated
    # (/noticies/ vs /es/noticias/): Spanish visitors would get a 404.

    def items(self):
        return ["home", "news:list", "news:press_room"]

    def location(self, item):
        return reverse(item)


class SitePageSitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    # Each URL carries its translations as xhtml:link alternates.
    alternates = True
    # No x-default: Django would point it at the unprefixed path, which
    # LocaleMiddleware cannot redirect when the URL itself is translated
    # (/noticies/ vs /es/noticias/): Spanish visitors would get a 404.

    def items(self):
        return SitePage.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at
