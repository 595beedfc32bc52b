"""RSS 2.0 and Atom feeds of the upcoming occurrences."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from comunicacio.feeds import PublicFeed
from comunicacio.formatting import date_time, long_date

from . import listing
from .status_text import status_label, status_sentence

FEED_LENGTH = 30


class UpcomingEvents(PublicFeed):
    def title(self, obj):
        return f"{settings.COUNCIL_NAME} · {_('Agenda')}"

    def link(self, obj):
        return settings.SITE_URL + reverse("agenda:list")

    def description(self, obj):
        return _("Properes activitats al municipi.")

    def items(self, obj):
        return listing.upcoming()[:FEED_LENGTH]

    def item_title(self, occurrence):
        when = (
            long_date(occurrence.local_date, weekday=True)
            if occurrence.all_day
            else date_time(occurrence.start)
        )
        title = f"{occurrence.event.display_title} · {when}"
        label = status_label(occurrence.event, occurrence)
        return f"{label}: {title}" if label else title

    def item_description(self, occurrence):
        sentence = status_sentence(occurrence.event, occurrence)
        summary = occurrence.event.display_summary
        return f"{sentence}. {summary}" if sentence else summary

    def item_content(self, occurrence):
        return occurrence.event

    def item_link(self, occurrence):
        return settings.SITE_URL + occurrence.event.get_absolute_url()

    def item_pubdate(self, occurrence):
        return occurrence.event.publish_at

    def item_updateddate(self, occurrence):
        return occurrence.event.updated_at

    def item_categories(self, occurrence):
        return [str(occurrence.event.get_category_display())]

    def item_guid(self, occurrence):
        return f"{settings.SITE_URL}/agenda/occurrence/{occurrence.session_id}/{occurrence.original_date}"

    item_guid_is_permalink = False


UpcomingEventsRss, UpcomingEventsAtom = UpcomingEvents.twins()
