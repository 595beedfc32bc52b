from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, proposal_views, views

app_name = "agenda"

urlpatterns = [
    path("", views.agenda_list, name="list"),
    path("agenda.ics", views.agenda_ics, name="ics"),
    path(pgettext_lazy("url", "rss/"), feeds.UpcomingEventsRss(), name="feed_rss"),
    path(pgettext_lazy("url", "atom/"), feeds.UpcomingEventsAtom(), name="feed_atom"),
    path(pgettext_lazy("url", "calendari/<int:year>/<int:month>/"), views.month_view, name="month"),
    path("<int:year>/<int:month>/<int:day>/", views.day_view, name="day"),
    path(pgettext_lazy("url", "activitat/<slug:slug>/"), views.event_detail, name="detail"),
    path(pgettext_lazy("url", "activitat/<slug:slug>/calendari.ics"), views.event_ics, name="event_ics"),
]

# The public event proposal form, in its own "proposals" namespace: the
# project's urls.py includes it at the root of the language prefix, since its
# paths are not under the agenda's own.
proposal_patterns = (
    [
        path(pgettext_lazy("url", "agenda/proposa/"), proposal_views.propose, name="propose"),
        path(pgettext_lazy("url", "agenda/proposa/gracies/"), proposal_views.thanks, name="thanks"),
    ],
    "proposals",
)
