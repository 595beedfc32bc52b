from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from comunicacio import roles

# The press mailing's models (news.press.models) are managed by the same roles.
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
        # What the foundation knows of news is declared in hooks.py.
        from . import tasks  # noqa: F401
        from .press import sending  # noqa: F401  (registers the press mailing)
