"""The test content type's one declaration."""

from comunicacio import cards
from comunicacio.feeds import ATOM, RSS
from comunicacio.registry import ContentSpec, HomeSection, NavEntry, Teaser, register_content

from .models import Notice


def teaser(notice) -> Teaser:
    return Teaser(
        kind="notice",
        title=notice.title,
        summary=notice.summary,
        url=notice.get_absolute_url(),
        date=notice.publish_at,
        image=notice.image,
        image_alt=notice.image.alt if notice.image else "",
        item=notice,
    )


def listing():
    return Notice.objects.visible().order_by("-publish_at", "-pk")


def detail_context(request, notice, preview=False) -> dict:
    return {"notice": notice, "preview": preview}


def card_key(notice, language: str) -> str:
    return f"pagecache:card:notice:{language}:{notice.pk}:{notice.updated_at.timestamp()}"


def render_cards(notices):
    return cards.render_cards(
        notices,
        template=SPEC.card_template,
        key=card_key,
        load=lambda pks: Notice.objects.in_bulk(pks),
        context=lambda notice: {"notice": notice},
    )


def home_context() -> dict:
    return {"notice_cards": render_cards(listing()[:3])}


SPEC = register_content(
    ContentSpec(
        model=Notice,
        name="notice",
        teaser=teaser,
        card_template="testapp/_card.html",
        detail_template="testapp/detail.html",
        detail_context=detail_context,
        listing=listing,
        sitemap=True,
        pages=("notices:list",),
        nav=(NavEntry("notices:list", "Notices", order=90, active=("notices:",)),),
        feeds=(
            NavEntry("notices:feed_rss", "Notices in RSS", order=90, place="footer"),
            NavEntry("notices:feed_rss", "Notices (RSS)", order=90, place="head", media_type=RSS),
            NavEntry("notices:feed_atom", "Notices (Atom)", order=91, place="head", media_type=ATOM),
        ),
        home=HomeSection("testapp/_home_section.html", home_context, order=90),
        effects=("cache.purge", "workflow.notify"),
        image_field="image",
    )
)
