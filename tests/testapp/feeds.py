from django.conf import settings
from django.urls import reverse

from comunicacio.feeds import PublicFeed

from .models import Notice


class Notices(PublicFeed):
    title = "Notices"
    description = "Test notices."

    def link(self, obj):
        return settings.SITE_URL + reverse("notices:list")

    def items(self, obj):
        return Notice.objects.visible().order_by("-publish_at", "-pk")[:30]

    def item_title(self, notice):
        return notice.title

    def item_description(self, notice):
        return notice.summary

    def item_link(self, notice):
        return settings.SITE_URL + notice.get_absolute_url()

    def item_pubdate(self, notice):
        return notice.publish_at


NoticesRss, NoticesAtom = Notices.twins()
