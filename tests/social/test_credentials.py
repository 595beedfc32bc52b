"""Credentials: encrypted at rest, never shown back, rotated keys."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from social import crypto
from social.models import SocialAccount

pytestmark = pytest.mark.django_db

TOKEN = "s3cr3t-access-token-ABCDEFGHIJKLMNOP"


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto._fernet.cache_clear()
    yield
    crypto._fernet.cache_clear()


def raw_column(account) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT credentials_encrypted FROM social_socialaccount WHERE id = %s", [account.pk])
        return cursor.fetchone()[0]


def make(**credentials):
    account = SocialAccount(network="mastodon", name="@ajuntament", api_base="https://mastodon.example")
    account.set_credentials(credentials or {"access_token": TOKEN})
    account.save()
    return account


def test_the_database_holds_no_clear_credential():
    account = make()
    stored = raw_column(account)
    assert TOKEN not in stored and "access_token" not in stored
    assert SocialAccount.objects.get(pk=account.pk).credentials == {"access_token": TOKEN}


def test_masking_shows_at_most_the_last_four_characters():
    assert crypto.masked(TOKEN) == "••••MNOP"
    assert crypto.masked("curt") == "••••"
    assert crypto.masked("") == ""


def test_rotation_keeps_old_rows_readable(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SOCIAL_CREDENTIALS_KEYS = [old]
    account = make()
    crypto._fernet.cache_clear()
    settings.SOCIAL_CREDENTIALS_KEYS = [new, old]
    assert SocialAccount.objects.get(pk=account.pk).credentials == {"access_token": TOKEN}
    rotated = crypto.rotate(raw_column(account))
    crypto._fernet.cache_clear()
    settings.SOCIAL_CREDENTIALS_KEYS = [new]
    assert crypto.decrypt(rotated) == {"access_token": TOKEN}


def test_a_lost_key_is_a_clear_error(settings):
    settings.SOCIAL_CREDENTIALS_KEYS = [Fernet.generate_key().decode()]
    account = make()
    crypto._fernet.cache_clear()
    settings.SOCIAL_CREDENTIALS_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.CredentialsUnreadable, match="SOCIAL_CREDENTIALS_KEYS"):
        _ = SocialAccount.objects.get(pk=account.pk).credentials


def test_a_malformed_key_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SOCIAL_CREDENTIALS_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="Fernet"):
        crypto.encrypt({"a": "b"})
