"""The foundation's own panels: generic over every registered content type."""

from django.utils.translation import gettext_lazy as _

from . import queries
from .panels import Panel, register_panel

register_panel(
    Panel(
        name="notifications",
        title=_("Els meus avisos"),
        template="admin/dashboard/_notifications.html",
        rows=queries.notifications,
        order=10,
        empty=_("No teniu cap avís per llegir."),
    )
)
register_panel(
    Panel(
        name="returned",
        title=_("Retornats amb comentaris"),
        rows=queries.returned_to_me,
        order=20,
        empty=_("Cap element retornat."),
    )
)
register_panel(
    Panel(
        name="review",
        title=_("Pendents de revisió"),
        rows=queries.awaiting_review,
        order=25,
        visible=queries.may_publish_some,
        empty=_("No hi ha res pendent de revisió."),
    )
)
register_panel(
    Panel(
        name="drafts",
        title=_("Els meus esborranys"),
        rows=queries.my_drafts,
        order=30,
        empty=_("No teniu cap esborrany."),
    )
)
register_panel(
    Panel(
        name="scheduled",
        title=_("Programats per als propers 7 dies"),
        rows=queries.scheduled_soon,
        order=40,
        empty=_("No hi ha res programat per als propers 7 dies."),
    )
)
register_panel(
    Panel(
        name="activity",
        title=_("Activitat recent"),
        template="admin/dashboard/_activity.html",
        rows=queries.activity,
        order=90,
        empty=_("Encara no hi ha activitat."),
    )
)
