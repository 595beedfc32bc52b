"""How news plug into the foundation: one declaration (``ContentSpec``)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comunicacio import admin_messages, dashboard
from comunicacio.publishing import consequences, workflow
from comunicacio.registry import ContentSpec, HomeSection, NavEntry, Teaser, register_content

from . import dashboard as news_dashboard
from .models import Kind, NewsItem

# The effects of publishing that apply to news: every one the site has.
EFFECTS = (
    "cache.purge",
    "workflow.notify",
    "press.distribute",
    "press.cancel",
    "social.publish",
    "social.withdraw",
    "social.flag_outdated",
    "social.post_update",
)


def press_consequences(item, action, publish_at) -> list[str]:
    """Withdrawing a press note cancels its deliveries not sent yet
    (``press.cancel``): the confirmation says how many."""
    if action not in ("withdraw", "archive") or not isinstance(item, NewsItem) or item.pk is None:
        return []
    from .press.sending import unsent_deliveries

    count = unsent_deliveries(item)
    if not count:
        return []
    return [
        ngettext(
            "Es cancel·larà %(count)s enviament als mitjans encara no enviat.",
            "Es cancel·laran %(count)s enviaments als mitjans encara no enviats.",
            count,
        )
        % {"count": count}
    ]


consequences.register(press_consequences)
# The transition log's wording for a press mailing confirmed after publication.
workflow.register_note_label("press_sent", _("Enviat als mitjans"))


def teaser(item) -> Teaser:
    return item.as_teaser("news", item.public_date)


def listing():
    return NewsItem.objects.visible().for_listing()


def detail_queryset():
    return NewsItem.objects.select_related("unit", "image")


def detail_context(request, item, preview=False) -> dict:
    from .views import detail_context

    return detail_context(request, item, preview=preview)


def home_context() -> dict:
    from .cards import render_cards

    rows = NewsItem.objects.visible().card_rows()
    featured = list(rows.filter(featured=True)[:3])
    latest = list(rows.exclude(pk__in=[item.pk for item in featured])[:6])
    cards = render_cards(featured + latest)
    return {"featured": cards[: len(featured)], "latest": cards[len(featured) :]}


def social_content(item):
    from social.sources import SocialContent

    return SocialContent(
        kind=f"news.{item.kind}",
        title=item.title,
        summary=item.summary,
        url=settings.SITE_URL + item.get_absolute_url(),
        campaign=item.slug,
        tags=[tag.name for tag in item.tag_list],
        image=item.image,
    )


register_content(
    ContentSpec(
        model=NewsItem,
        name="news",
        teaser=teaser,
        card_template="news/_card.html",
        detail_template="news/detail.html",
        detail_context=detail_context,
        detail_queryset=detail_queryset,
        listing=listing,
        sitemap=True,
        pages=("news:list", "news:press_room"),
        nav=(
            NavEntry("news:list", _("Notícies"), order=20, active=("news:detail",)),
            NavEntry("news:press_room", _("Sala de premsa"), order=21),
            NavEntry("news:press_room", _("Sala de premsa"), order=20, place="footer"),
        ),
        feeds=(
            NavEntry("news:feed_rss", _("Notícies en RSS"), order=20, place="footer"),
            NavEntry("news:feed_atom", _("Notícies en Atom"), order=21, place="footer"),
            NavEntry(
                "news:feed_rss", _("Notícies (RSS)"), order=20, place="head", media_type="application/rss+xml"
            ),
            NavEntry(
                "news:feed_atom",
                _("Notícies (Atom)"),
                order=21,
                place="head",
                media_type="application/atom+xml",
            ),
        ),
        home=HomeSection("news/_home_section.html", home_context, order=20),
        effects=EFFECTS,
        social_kinds={f"news.{kind.value}": kind.label for kind in Kind},
        social_read=social_content,
        # A news item's image and documents are public exactly while it is.
        image_field="image",
        files=(
            (
                "attachments/",
                lambda name: NewsItem.objects.filter(attachments__file=name),
                "news.view_newsitem",
            ),
        ),
    )
)

# The dashboard's news panels: live alerts, embargoed notes, press deliveries to check.
for _panel in news_dashboard.PANELS:
    dashboard.register_panel(_panel)

# The grammatical gender of each model, for the back-office's messages
# ("La notícia «…» s'ha desat").
admin_messages.declare("news.newsitem", admin_messages.FEMININE)
admin_messages.declare("news.attachment", admin_messages.MASCULINE)
admin_messages.declare("news.beat", admin_messages.MASCULINE)
admin_messages.declare("news.mediacontact", admin_messages.MASCULINE)
admin_messages.declare("news.distributionlist", admin_messages.FEMININE)
admin_messages.declare("news.pressdistribution", admin_messages.FEMININE)
admin_messages.declare("news.pressdelivery", admin_messages.MASCULINE)
