"""How social plugs into the foundation beyond its handlers (registered in
``apps.ready``): what withdrawing an item will do to its posts, for the
confirmation the back-office asks for (``publishing.consequences``); a
dashboard panel of posts to check, and the social dashboard among the tools."""

from django.db.models import Q
from django.utils.translation import ngettext

from comunicacio import admin_messages, dashboard
from comunicacio.publishing import consequences

from . import dashboard as social_dashboard


def withdrawal_consequences(item, action, publish_at) -> list[str]:
    """How many of the item's posts withdrawing deletes from the networks,
    how many someone must remove by hand (a network that cannot delete
    through its API, a post whose id was never learnt) and how many
    scheduled ones will not go out: what ``sending.withdraw`` does."""
    if action not in ("withdraw", "archive") or item.pk is None:
        return []
    from .models import PostState, Removal, SocialPost

    posts = SocialPost.for_item(item).select_related("account")
    live = posts.filter(
        Q(state=PostState.SENT) | Q(state__in=[PostState.SENDING, PostState.FAILED], needs_lookup=True)
    ).exclude(removal__in=[Removal.DELETED, Removal.MANUAL])
    deleted = manual = 0
    for post in live:
        if post.remote_id and post.account.adapter_class.supports_delete:
            deleted += 1
        else:
            manual += 1
    pending = posts.filter(state=PostState.PENDING).count()
    found = []
    if deleted:
        found.append(
            ngettext(
                "S'esborrarà %(count)s publicació de les xarxes socials.",
                "S'esborraran %(count)s publicacions de les xarxes socials.",
                deleted,
            )
            % {"count": deleted}
        )
    if manual:
        found.append(
            ngettext(
                "%(count)s publicació a les xarxes s'haurà d'esborrar a mà (la xarxa no ho permet).",
                "%(count)s publicacions a les xarxes s'hauran d'esborrar a mà (la xarxa no ho permet).",
                manual,
            )
            % {"count": manual}
        )
    if pending:
        found.append(
            ngettext(
                "Es cancel·larà %(count)s publicació programada a les xarxes socials.",
                "Es cancel·laran %(count)s publicacions programades a les xarxes socials.",
                pending,
            )
            % {"count": pending}
        )
    return found


consequences.register(withdrawal_consequences)

dashboard.register_panel(social_dashboard.PANEL)
dashboard.register_tool(social_dashboard.TOOL)

# The grammatical gender of each model, for the back-office's messages.
admin_messages.declare("social.socialaccount", admin_messages.MASCULINE)
admin_messages.declare("social.socialpost", admin_messages.FEMININE)
