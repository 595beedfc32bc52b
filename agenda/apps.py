from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from comunicacio import roles

AGENDA_MODELS = ("event", "eventsession", "occurrence")


class AgendaConfig(AppConfig):
    """The town's activity agenda."""

    name = "agenda"
    verbose_name = _("Agenda d'activitats")

    role_permissions = {
        roles.EDITORS: [p for m in AGENDA_MODELS for p in roles.model_permissions("agenda", m)]
        + roles.model_permissions("agenda", "venue", ("add", "change", "view"))
        + ["agenda.view_audience", "taggit.add_tag", "taggit.view_tag"]
        # Moderating proposals: approving one creates a draft event.
        + roles.model_permissions("agenda", "eventproposal", ("change", "view")),
        roles.PUBLISHERS: [
            p
            for m in (*AGENDA_MODELS, "venue")
            for p in roles.model_permissions("agenda", m, ("add", "change", "delete", "view"))
        ]
        + ["agenda.view_audience", "taggit.add_tag", "taggit.view_tag", "taggit.change_tag"]
        + roles.model_permissions("agenda", "eventproposal", ("change", "delete", "view")),
        roles.SITE_ADMINS: [
            p for m in (*AGENDA_MODELS, "venue") for p in roles.model_permissions("agenda", m, ("view",))
        ],
    }

    def ready(self) -> None:
        from comunicacio import home, media_access, pagecache, search
        from social import sources as social_sources

        from .listing import next_listing_change
        from .models import Event
        from .search import search_events
        from .sharing import social_content

        media_access.register_image_use(Event, "image")  # public exactly while the event is
        pagecache.watch(next_listing_change)
        search.register("agenda", search_events)
        social_sources.register(Event, {"agenda.event": _("Activitat de l'agenda")}, social_content)
        home.register("agenda", "agenda/_home_section.html", home_context, order=30)


def home_context() -> dict:
    from .listing import featured_upcoming

    return {"upcoming_events": featured_upcoming()}
