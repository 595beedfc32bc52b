"""Building social accounts that point at the fake networks."""

from social.models import SocialAccount

ALL_NEWS = ["news.press", "news.communique", "news.notice", "agenda.event"]


def make_account(network: str, fake, credentials: dict, **fields) -> SocialAccount:
    fields.setdefault("name", f"@ajuntament ({network})")
    fields.setdefault("default_kinds", ALL_NEWS)
    fields.setdefault("api_base", fake.base_url)
    account = SocialAccount(network=network, **fields)
    account.set_credentials(credentials)
    account.save()
    return account


def mastodon_account(fake, **fields) -> SocialAccount:
    return make_account("mastodon", fake, {"access_token": fake.token}, **fields)
