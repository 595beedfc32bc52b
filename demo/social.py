"""Demo social accounts, one per network, publishing to the local fakes."""

from django.utils.translation import gettext as _

from social.models import SocialAccount
from social.networks import base

from .fakes import demo

NEWS_KINDS = ["news.press", "news.communique", "news.notice", "agenda.event"]


def load() -> int:
    """Create the demo accounts that do not exist yet; returns how many exist."""
    fakes = demo.build()
    secrets = demo.credentials(fakes)
    for name, adapter in sorted(base.adapters().items()):
        label = _("%(network)s · servidor de proves local") % {"network": adapter.label}
        api_base = demo.api_base(name)
        if SocialAccount.objects.filter(network=name, api_base=api_base).exists():
            continue
        account = SocialAccount(
            network=name,
            name=f"@ajuntament ({label})",
            api_base=api_base,
            # Instagram posts only with an image: on by default for press notes only.
            default_kinds=["news.press"] if adapter.requires_image else NEWS_KINDS,
        )
        account.set_credentials(secrets[name])
        account.save()
    return SocialAccount.objects.count()
