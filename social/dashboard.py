"""Social networks on the back-office dashboard (declared in hooks.py): posts
that failed or need someone to check them (to delete by hand, made wrong by
a change of their item), and the link to the social dashboard."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import dashboard
from comunicacio.dashboard.queries import content_models, viewable_targets

from .models import Outdated, PostState, Removal, SocialPost

LIMIT = 10


def may_view_posts(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("social.view_socialpost")


def _problem(post) -> str:
    if post.state == PostState.FAILED:
        if not post.last_error:
            return _("Ha fallat")
        return _("Ha fallat: %(error)s") % {"error": post.last_error[:200]}
    if post.removal == Removal.MANUAL:
        return str(Removal.MANUAL.label)
    return str(Outdated.FLAGGED.label) + (f" ({post.outdated_note})" if post.outdated_note else "")


def posts_to_check(user, now) -> list:
    condition = viewable_targets(user, content_models())
    if condition is None:
        return []
    to_check = (
        Q(state=PostState.FAILED)
        | Q(removal=Removal.MANUAL)
        | Q(outdated=Outdated.FLAGGED, state=PostState.SENT, removal=Removal.NONE)
    )
    posts = (
        SocialPost.objects.filter(condition)
        .filter(to_check)
        .select_related("account", "content_type")
        .prefetch_related("target")
        .order_by("-updated_at", "-pk")[:LIMIT]
    )
    rows = []
    for post in posts:
        target = post.target
        rows.append(
            dashboard.Row(
                title=str(target) if target is not None else _("(element esborrat)"),
                url=dashboard.change_url(target),
                kind=f"{post.account.get_network_display()} · {post.account.name}",
                meta=_problem(post),
                when=post.updated_at,
            )
        )
    return rows


PANEL = dashboard.Panel(
    name="social.to_check",
    title=gettext_lazy("Publicacions a xarxes per revisar"),
    rows=posts_to_check,
    order=70,
    visible=may_view_posts,
    empty=gettext_lazy("Cap publicació fallida ni per revisar."),
)

TOOL = dashboard.Tool(
    title=gettext_lazy("Tauler de les xarxes socials"),
    url_name="admin:social_dashboard",
    visible=may_view_posts,
    order=10,
)
