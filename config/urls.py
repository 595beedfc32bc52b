import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from agenda import views as agenda_views
from agenda.sitemaps import AgendaPagesSitemap, EventSitemap, InstitutionalEntrySitemap
from comunicacio import protected_media, views
from comunicacio.pagecache import public_page
from comunicacio.sitemaps import SitePageSitemap, StaticViewSitemap
from news import views as news_views
from news.sitemaps import NewsSitemap

sitemaps = {
    "static": StaticViewSitemap,
    "pages": SitePageSitemap,
    "news": NewsSitemap,
    "agenda": EventSitemap,
    "agenda-pages": AgendaPagesSitemap,
    "institutional": InstitutionalEntrySitemap,
}

admin.site.site_header = settings.COUNCIL_NAME
admin.site.site_title = "Comunicació"
admin.site.index_title = "Comunicació"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("preview/news/<int:pk>/", news_views.news_preview, name="news_preview"),
    path("preview/agenda/<int:pk>/", agenda_views.event_preview, name="agenda_preview"),
    path("robots.txt", views.robots_txt, name="robots"),
    # Always routed, DEBUG or not: every file's visibility is checked here.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", protected_media.serve, name="media"),
    path("sitemap.xml", public_page(sitemap_views.sitemap), {"sitemaps": sitemaps}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(pgettext_lazy("url", "noticies/"), include("news.urls")),
    path("agenda/", include("agenda.urls")),
    path("", include("agenda.institutional_urls")),
    path(pgettext_lazy("url", "cerca/"), views.search, name="search"),
    path(pgettext_lazy("url", "pagina/<slug:slug>/"), views.site_page, name="site_page"),
    prefix_default_language=True,
)

if os.environ.get("BENCHMARK_VIEWS") == "1":
    urlpatterns += [
        path("bench/floor-bytes/", views.floor_bytes),
        path("bench/floor-query/", views.floor_query),
    ]
