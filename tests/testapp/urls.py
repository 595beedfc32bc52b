"""The site's URLs plus the test content type's one include: all a new
content app adds outside itself besides INSTALLED_APPS."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from config.urls import urlpatterns as site_patterns

from . import feeds, views

notice_patterns = [
    path("", views.notice_list, name="list"),
    path("rss/", feeds.NoticesRss(), name="feed_rss"),
    path("atom/", feeds.NoticesAtom(), name="feed_atom"),
    path("<slug:slug>/", views.notice_detail, name="detail"),
]

urlpatterns = [
    *site_patterns,
    *i18n_patterns(path("notices/", include((notice_patterns, "notices"))), prefix_default_language=True),
]
