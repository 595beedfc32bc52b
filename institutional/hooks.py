"""How the institutional agenda plugs into the foundation: one declaration
(imported by ``comunicacio.apps`` at start-up, like every app's hooks.py)."""

from django.utils.translation import gettext_lazy as _

from comunicacio import admin_messages
from comunicacio.registry import PUBLIC, ContentSpec, NavEntry, Teaser, register_content

from .models import InstitutionalEntry, next_institutional_change


def teaser(entry: InstitutionalEntry) -> Teaser:
    """An entry as search results, feeds or bulletins read it: who, what, when."""
    return Teaser(
        kind="institutional",
        title=f"{entry.holder.name}: {entry.subject}",
        summary=entry.description,
        url=entry.get_absolute_url(),
        date=entry.start,
        item=entry,
    )


def listing():
    """Published entries, the latest first (the archive keeps them public)."""
    return InstitutionalEntry.objects.visible().select_related("holder").order_by("-start", "-pk")


def detail_queryset():
    return InstitutionalEntry.objects.select_related("holder")


def detail_context(request, entry: InstitutionalEntry, preview: bool = False) -> dict:
    return {"entry": entry, "preview": preview}


register_content(
    ContentSpec(
        model=InstitutionalEntry,
        name="institutional",
        audience=PUBLIC,
        teaser=teaser,
        detail_template="institutional/detail.html",
        detail_context=detail_context,
        detail_queryset=detail_queryset,
        listing=listing,
        sitemap=True,
        pages=("institutional:list", "institutional:archive"),
        nav=(
            NavEntry("institutional:list", _("Agenda institucional"), order=40, active=("institutional:",)),
        ),
        feeds=(
            NavEntry("institutional:feed_rss", _("Agenda institucional en RSS"), order=40, place="footer"),
        ),
        # A public diary: publishing purges the public pages and tells the
        # author. It is never sent to the press nor posted on social networks.
        effects=("cache.purge", "workflow.notify"),
        # Entries leave "upcoming" for the archive at midnight, which no
        # publish or expiry time announces.
        visibility_watch=next_institutional_change,
    )
)

# The grammatical gender of each model, for the back-office's messages
# ("L'entrada de l'agenda institucional «…» s'ha desat").
admin_messages.declare("institutional.institutionalentry", admin_messages.FEMININE)
admin_messages.declare("institutional.holder", admin_messages.MASCULINE)
admin_messages.declare("institutional.guest", admin_messages.MASCULINE)
