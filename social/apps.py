from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from comunicacio import roles


class SocialConfig(AppConfig):
    """Social publishing: accounts and posts that every content app uses, so
    it is an app of its own (see the README's architecture section)."""

    name = "social"
    verbose_name = _("Xarxes socials")

    role_permissions = {
        # Editors compose and switch posts on/off with their items.
        roles.EDITORS: ["social.view_socialaccount", "social.view_socialpost", "social.change_socialpost"],
        roles.PUBLISHERS: [
            "social.view_socialaccount",
            "social.view_socialpost",
            "social.change_socialpost",
            "social.send_socialpost",
        ],
        roles.SITE_ADMINS: [
            *roles.model_permissions("social", "socialaccount", ("add", "change", "delete", "view")),
            "social.view_socialpost",
        ],
    }

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from . import handlers  # noqa: F401  (registers the publishing effects)

        post_save.connect(prepare_posts, dispatch_uid="social.prepare_posts")


def prepare_posts(sender, instance, raw=False, **kwargs) -> None:
    """Every saved item of a registered kind gets its draft post per active
    account, so editors see them composed before publishing."""
    from . import sending, sources

    if not raw and sources.source_for(instance) is not None:
        sending.ensure_posts(instance)
