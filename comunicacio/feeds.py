"""The base of every public RSS feed: served through the public page cache,
with absolute links from SITE_URL (the page cache keys on the path only, so a
feed must not depend on the Host it was first requested with)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from .pagecache import public_page


class PublicFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        # The feed instance is shared by concurrent requests: per-request data
        # travels in the object.
        return {"path": request.path}

    def feed_url(self, obj):
        return settings.SITE_URL + obj["path"]
