"""RSS 2.0 and Atom feeds: all news, per kind and per tag."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from comunicacio.feeds import PublicFeed

from .models import Kind, NewsItem

FEED_LENGTH = 30


class LatestNews(PublicFeed):
    def get_object(self, request, kind=None, tag=None):
        if kind is not None and kind not in Kind.values:
            raise Http404(_("Tipus desconegut."))
        tag_object = None
        if tag is not None:
            tag_object = Tag.objects.filter(slug=tag).first()
            if tag_object is None:
                raise Http404(_("Etiqueta desconeguda."))
        return {**super().get_object(request), "kind": kind, "tag": tag_object}

    def title(self, obj):
        parts = [settings.COUNCIL_NAME, _("Notícies")]
        if obj["kind"]:
            parts.append(str(Kind(obj["kind"]).label))
        if obj["tag"]:
            parts.append(obj["tag"].name)
        return " · ".join(parts)

    def link(self, obj):
        return settings.SITE_URL + reverse("news:list")

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


LatestNewsRss, LatestNewsAtom = LatestNews.twins()
