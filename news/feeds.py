"""RSS 2.0 and Atom feeds: all news, per kind and per tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from comunicacio.pagecache import public_page

from .models import Kind, NewsItem

FEED_LENGTH = 30


class LatestNewsRss(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        return public_page(super().__call__)(request, *args, **kwargs)

    def get_object(self, request, kind=None, tag=None):
        if kind is not None and kind not in Kind.values:
            raise Http404(_("Tipus desconegut."))
        tag_object = None
        if tag is not None:
            tag_object = Tag.objects.filter(slug=tag).first()
            if tag_object is None:
                raise Http404(_("Etiqueta desconeguda."))
        # The feed instance is shared by concurrent requests: per-request data
        # travels in the object.
        return {"kind": kind, "tag": tag_object, "path": request.path}

    def title(self, obj):
        parts = [settings.COUNCIL_NAME, _("Notícies")]
        if obj["kind"]:
            parts.append(str(Kind(obj["kind"]).label))
        if obj["tag"]:
            parts.append(obj["tag"].name)
        return " · ".join(parts)

    # Absolute links from SITE_URL, like every other public page: the page
    # cache keys on the path only, so a feed must not depend on the Host it
    # was first requested with.
    def link(self, obj):
        return settings.SITE_URL + reverse("news:list")

    def feed_url(self, obj):
        return settings.SITE_URL + obj["path"]

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def description(self, obj):
        return _("Notes de premsa, comunicats i avisos de l'Ajuntament.")

    def items(self, obj):
        items = NewsItem.objects.visible().for_listing()
        if obj["kind"]:
            items = items.filter(kind=obj["kind"])
        if obj["tag"]:
            items = items.filter(tags=obj["tag"])
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return item.display_summary

    def item_pubdate(self, item):
        return item.public_date

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(item.get_kind_display())]

    def item_guid(self, item):
        return f"{settings.SITE_URL}/news/{item.pk}"

    item_guid_is_permalink = False


class LatestNewsAtom(LatestNewsRss):
    feed_type = Atom1Feed
    subtitle = LatestNewsRss.description
