"""RSS 2.0 and Atom feeds of the institutional agenda: the latest published
entries by date (never the protocol guest lists)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from comunicacio.feeds import PublicFeed
from comunicacio.formatting import date_time

from .models import InstitutionalEntry

FEED_LENGTH = 30


class Diary(PublicFeed):
    def title(self, obj):
        return f"{settings.COUNCIL_NAME} · {_('Agenda institucional')}"

    def link(self, obj):
        return settings.SITE_URL + reverse("institutional:list")

    def description(self, obj):
        return _("Agenda pública de l'alcaldia i dels membres del govern municipal (llei 19/2014, art. 55).")

    def items(self, obj):
        return (
            InstitutionalEntry.objects.visible()
            .select_related("holder")
            .defer("description")
            .order_by("-start", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, entry):
        return f"{entry.holder.name}: {entry.subject} · {date_time(entry.start)}"

    def item_description(self, entry):
        parts = [f"{entry.holder.name} ({entry.holder.position}) · {entry.get_category_display()}"]
        if entry.place:
            parts.append(_("Lloc: %(place)s") % {"place": entry.place})
        if entry.participants:
            parts.append(_("Participants: %(names)s") % {"names": entry.participants})
        if entry.interest_groups:
            parts.append(_("Grups d'interès: %(groups)s") % {"groups": entry.interest_groups})
        return "\n".join(parts)

    def item_link(self, entry):
        return settings.SITE_URL + entry.get_absolute_url()

    def item_pubdate(self, entry):
        return entry.publish_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_categories(self, entry):
        return [str(entry.get_category_display())]

    def item_guid(self, entry):
        return f"{settings.SITE_URL}/agenda-institucional/{entry.pk}"

    item_guid_is_permalink = False


DiaryRss, DiaryAtom = Diary.twins()
