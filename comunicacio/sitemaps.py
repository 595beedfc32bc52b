"""The sitemap, built from the content types' declarations: every public
type with ``sitemap=True`` lists its visible items, and every public type's
own pages (``pages``) join the foundation's."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from . import registry
from .pages import SitePage

FOUNDATION_PAGES = ("home",)


class _Translated(Sitemap):
    i18n = True
    # Each URL carries its translations as xhtml:link alternates.
    alternates = True
    # No x-default: Django would point it at the unprefixed path, which
    # LocaleMiddleware cannot redirect when the URL itself is translated
    # (/noticies/ vs /es/noticias/): Spanish visitors would get a 404.


class StaticViewSitemap(_Translated):
    """The home and the public pages of every content type (lists, forms)."""

    changefreq = "daily"

    def items(self):
        pages = [page for spec in registry.content_specs(registry.PUBLIC) for page in spec.pages]
        return [*FOUNDATION_PAGES, *dict.fromkeys(pages)]

    def location(self, item):
        return reverse(item)


class SitePageSitemap(_Translated):
    changefreq = "monthly"

    def items(self):
        return SitePage.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class ContentSitemap(_Translated):
    """The visible items of one content type, newest first."""

    changefreq = "weekly"
    limit = 5000

    def __init__(self, spec: registry.ContentSpec):
        super().__init__()
        self.spec = spec

    def items(self):
        rows = self.spec.model._default_manager.visible()
        # Only what the URL and <lastmod> need: a sitemap lists thousands.
        names = {field.name for field in self.spec.model._meta.concrete_fields}
        if "slug" in names:
            rows = rows.only("slug", "updated_at")
        return rows.order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.updated_at


def sitemaps() -> dict[str, Sitemap]:
    """The sections of /sitemap.xml."""
    sections: dict[str, Sitemap] = {"static": StaticViewSitemap(), "pages": SitePageSitemap()}
    for spec in registry.content_specs(registry.PUBLIC):
        if spec.sitemap:
            sections[spec.name] = ContentSitemap(spec)
    return sections


def sitemap(request, extra: dict | None = None):
    """/sitemap.xml: read from the registry on every (uncached) request, so
    a type declared after the URLs were loaded is listed too; ``extra``
    holds sections not yet declared through a spec."""
    return sitemap_views.sitemap(request, sitemaps={**sitemaps(), **(extra or {})})
