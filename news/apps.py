from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from comunicacio import roles

# The press mailing's models (news.media_relations) are managed by the same roles.
NEWS_MODELS = (
    "newsitem",
    "attachment",
    "mediacontact",
    "beat",
    "distributionlist",
    "pressdistribution",
    "pressdelivery",
)


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Notícies, comunicats i avisos")

    role_permissions = {
        roles.EDITORS: [p for m in NEWS_MODELS for p in roles.model_permissions("news", m)]
        + ["taggit.add_tag", "taggit.view_tag"],
        roles.PUBLISHERS: [
            p
            for m in NEWS_MODELS
            for p in roles.model_permissions("news", m, ("add", "change", "delete", "view"))
        ]
        + ["news.publish_newsitem", "taggit.add_tag", "taggit.view_tag", "taggit.change_tag"],
        roles.SITE_ADMINS: [p for m in NEWS_MODELS for p in roles.model_permissions("news", m, ("view",))],
    }

    def ready(self) -> None:
        from comunicacio import home, media_access, pagecache
        from social import sources as social_sources

        from . import press_sending, tasks  # noqa: F401  (registers the press mailing)
        from .models import Kind, NewsItem

        # A news item's image and documents are public exactly while it is.
        media_access.register_image_use(NewsItem, "image")
        media_access.register_files(
            "attachments/",
            lambda name: NewsItem.objects.filter(attachments__file=name),
            "news.view_newsitem",
        )
        pagecache.watch(lambda now: NewsItem.objects.next_visibility_change(now))
        social_sources.register(NewsItem, {f"news.{kind.value}": kind.label for kind in Kind}, social_content)
        home.register("news", "news/_home_section.html", home_context, order=20)


def home_context() -> dict:
    from .cards import render_cards
    from .models import NewsItem

    listing = NewsItem.objects.visible().card_rows()
    featured = list(listing.filter(featured=True)[:3])
    latest = list(listing.exclude(pk__in=[item.pk for item in featured])[:6])
    cards = render_cards(featured + latest)
    return {"featured": cards[: len(featured)], "latest": cards[len(featured) :]}


def social_content(item):
    from django.conf import settings

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
