"""How the institutional agenda plugs into the foundation (imported by
``comunicacio.apps`` at start-up, like every app's hooks.py)."""

from django.utils.translation import gettext_lazy as _

from comunicacio import pagecache, registry

from .feeds import InstitutionalAtom, InstitutionalRss
from .models import InstitutionalEntry, next_institutional_change


def teaser(entry: InstitutionalEntry) -> registry.Teaser:
    """An entry as search results, feeds or bulletins read it: who, what, when."""
    return registry.Teaser(
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


def detail_context(request, entry: InstitutionalEntry, preview: bool) -> dict:
    return {"entry": entry, "preview": preview}


registry.register_content(
    registry.ContentSpec(
        model=InstitutionalEntry,
        name="institutional",
        audience=registry.PUBLIC,
        teaser=teaser,
        detail_template="institutional/detail.html",
        detail_context=detail_context,
        listing=listing,
        sitemap=True,
        feeds=(InstitutionalRss, InstitutionalAtom),
        nav=(
            registry.NavEntry("institutional:list", _("Agenda institucional"), order=50),
            registry.NavEntry(
                "institutional:feed_rss", _("Agenda institucional en RSS"), order=50, place="footer"
            ),
        ),
        # A public diary: publishing purges the public pages and tells the
        # author. It is never sent to the press nor posted on social networks.
        effects=("cache.purge", "author.notify"),
        visibility_watch=next_institutional_change,
    )
)

# Until the page cache reads visibility_watch from the registry: entries
# leave "upcoming" for the archive at midnight, which no publish or expiry
# time announces.
pagecache.watch(next_institutional_change)
