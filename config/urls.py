import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from comunicacio import preview, protected_media, sitemaps, views
from comunicacio.pagecache import public_page
from institutional import urls as institutional_urls

admin.site.site_header = settings.COUNCIL_NAME
admin.site.site_title = "Comunicació"
admin.site.index_title = "Comunicació"

urlpatterns = [
    # The institutional agenda's models moved out of the agenda app: their
    # old back-office addresses redirect.
    path("admin/agenda/", include(institutional_urls.admin_redirects)),
    path("admin/", admin.site.urls),
    # Every declared content type's staff preview, and share links (comunicacio.preview).
    path("preview/", include(preview.urlpatterns())),
    path("robots.txt", views.robots_txt, name="robots"),
    # Always routed, DEBUG or not: every file's visibility is checked here.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", protected_media.serve, name="media"),
    path("sitemap.xml", public_page(sitemaps.sitemap), name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(pgettext_lazy("url", "noticies/"), include("news.urls")),
    path("agenda/", include("agenda.urls")),
    path("", include(institutional_urls)),
    path("", include("agenda.proposals.urls")),
    path(pgettext_lazy("url", "cerca/"), views.search, name="search"),
    path(pgettext_lazy("url", "pagina/<slug:slug>/"), views.site_page, name="site_page"),
    prefix_default_language=True,
)

if os.environ.get("BENCHMARK_VIEWS") == "1":
    urlpatterns += [
        path("bench/floor-bytes/", views.floor_bytes),
        path("bench/floor-query/", views.floor_query),
    ]
