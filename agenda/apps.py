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
        + ["agenda.publish_event", "agenda.view_audience"]
        + ["taggit.add_tag", "taggit.view_tag", "taggit.change_tag"]
        + roles.model_permissions("agenda", "eventproposal", ("change", "delete", "view")),
        roles.SITE_ADMINS: [
            p for m in (*AGENDA_MODELS, "venue") for p in roles.model_permissions("agenda", m, ("view",))
        ],
    }
    # What the foundation knows of the agenda is declared in hooks.py.
