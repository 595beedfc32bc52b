"""Bind the stored credentials of every account to the network and API
address it points at when this runs (``social.crypto.seal``). From then on
they are only ever sent there; changing either needs them entered again.

Rows that cannot be decrypted with the configured keys are left as they are:
they stay unusable, as they already were, until their credentials are
entered again."""

from django.db import migrations


def bind(apps, schema_editor):
    from social import crypto
    from social.networks.base import destination

    SocialAccount = apps.get_model("social", "SocialAccount")
    for account in SocialAccount.objects.exclude(credentials_encrypted=""):
        try:
            credentials, bound_to = crypto.unseal(account.credentials_encrypted)
        except crypto.CredentialsUnreadable:
            continue
        if bound_to is None:
            account.credentials_encrypted = crypto.seal(
                credentials, destination(account.network, account.api_base)
            )
            account.save(update_fields=["credentials_encrypted"])


def unbind(apps, schema_editor):
    from social import crypto

    SocialAccount = apps.get_model("social", "SocialAccount")
    for account in SocialAccount.objects.exclude(credentials_encrypted=""):
        try:
            credentials, _bound_to = crypto.unseal(account.credentials_encrypted)
        except crypto.CredentialsUnreadable:
            continue
        account.credentials_encrypted = crypto.encrypt(credentials)
        account.save(update_fields=["credentials_encrypted"])


class Migration(migrations.Migration):
    dependencies = [("social", "0001_initial")]

    operations = [migrations.RunPython(bind, unbind)]
