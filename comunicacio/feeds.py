"""The base of every public feed: one declaration (a ``PublicFeed``
subclass) makes an RSS 2.0 feed and its Atom twin (``twins()``), served
through the public page cache, with absolute links from SITE_URL (the page
cache keys on the path only, so a feed must not depend on the Host it was
first requested with).

An entry whose title has no translation into the feed's language is shown in
Catalan, and says so: its ``<item>``/``<entry>`` carries ``xml:lang="ca"``
(valid on any XML element; Atom readers honour it)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator

from .pagecache import public_page
from .translation import falls_back

# Media types of the <link rel="alternate"> declared in ContentSpec.feeds.
RSS = "application/rss+xml"
ATOM = "application/atom+xml"


class _ContentLanguage:
    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("content_language"):
            attributes["xml:lang"] = item["content_language"]
        return attributes


class Rss201rev2Feed(_ContentLanguage, feedgenerator.Rss201rev2Feed):
    pass


class Atom1Feed(_ContentLanguage, feedgenerator.Atom1Feed):
    pass


class PublicFeed(Feed):
    feed_type = Rss201rev2Feed

    def item_content(self, item):
        """The translated object an item shows (an occurrence shows its event)."""
        return item

    def item_extra_kwargs(self, item):
        if falls_back(self.item_content(item), "title"):
            return {"content_language": settings.LANGUAGE_CODE}
        return {}

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        # The feed instance is shared by concurrent requests: per-request data
        # travels in the object.
        return {"path": request.path}

    def feed_url(self, obj):
        return settings.SITE_URL + obj["path"]

    @classmethod
    def twins(cls) -> tuple[type["PublicFeed"], type["PublicFeed"]]:
        """The RSS feed and its Atom twin: the same items and links, Atom's
        subtitle being the RSS description."""
        name = cls.__name__
        atom = type(f"{name}Atom", (cls,), {"feed_type": Atom1Feed, "subtitle": cls.description})
        rss = type(f"{name}Rss", (cls,), {"feed_type": Rss201rev2Feed})
        return rss, atom
