"""Credentials: encrypted at rest, never shown back, rotated keys."""

import re
import sys
from datetime import timedelta

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.db import connection
from django.utils import timezone
from django.views.debug import (
    ExceptionReporter,
    SafeExceptionReporterFilter,
    get_exception_reporter_class,
    technical_500_response,
)

from comunicacio.logredaction import RedactingReporter
from comunicacio.publishing import workflow
from demo.fakes.mastodon import FakeMastodon
from demo.fakes.server import FakeServer, Response
from demo.fakes.telegram import FakeTelegram
from social import crypto, sending
from social.models import PostState, SocialAccount, SocialPost
from social.networks.base import AccountConfig, CredentialsNotBound, Outgoing, destination
from social.networks.mastodon import MastodonAdapter
from tests.factories import make_account, make_news, make_user, mastodon_account

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
    # The binding to the API address is rotated with the credentials.
    assert crypto.unseal(rotated) == ({"access_token": TOKEN}, "mastodon https://mastodon.example")


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


# ---------------------------------------------------------------------------
# Credentials are bound to the network and API address they were entered for
# ---------------------------------------------------------------------------


@pytest.fixture
def attacker():
    """Somebody else's server, where a site administrator points the account."""
    server = FakeServer().start()
    yield server.mount(FakeMastodon())
    server.stop()


def outgoing() -> Outgoing:
    return Outgoing(
        text="Obres al carrer Major https://example.org/?utm_content=cs0123",
        link="https://example.org/?utm_content=cs0123",
        marker="cs0123",
        idempotency_key="5f0c3c5e-0000-4000-8000-000000000000",
    )


def test_credentials_moved_to_another_address_are_never_sent_there(
    mastodon, attacker, http_client, django_capture_on_commit_callbacks, _eager_celery
):
    account = mastodon_account(mastodon, owner=make_user("siteadmin"))
    assert account.credentials_bound_to == f"mastodon {mastodon.base_url}"
    # A published post, to be looked up and deleted later.
    item = make_news()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", make_user("publisher"))
    post = SocialPost.objects.get(account=account)
    assert post.state == PostState.SENT, post.last_error
    # Pointed at another server without entering the token again (not through
    # the admin form, which refuses it: a shell, a bug, a database write).
    account.api_base = attacker.base_url
    account.save()
    account = SocialAccount.objects.get(pk=account.pk)
    assert not account.credentials_match_destination()

    with pytest.raises(CredentialsNotBound):
        account.adapter(http_client)
    # Check: the account gets a problem that says what to do.
    sending.check_account(account, http_client)
    assert "Torneu-les a introduir" in account.problem
    # Publish and lookup: a new item's post, and the interrupted one retried.
    second = make_news()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(second, "publish", make_user("publisher"))
    failed = SocialPost.objects.get(account=account, object_id=second.pk)
    assert failed.state == PostState.FAILED
    SocialPost.objects.filter(pk=failed.pk).update(
        state=PostState.SENDING, needs_lookup=True, lease_until=timezone.now()
    )
    SocialAccount.objects.filter(pk=account.pk).update(problem="")
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert sending.send(failed.pk, http_client) == PostState.FAILED
    assert "Torneu-les a introduir" in SocialPost.objects.get(pk=failed.pk).last_error
    # Delete: withdrawing the item cannot reach the network either.
    with pytest.raises(CredentialsNotBound):
        sending.withdraw(item, http_client)
    # Changing the network is refused the same way.
    account.network = "telegram"
    with pytest.raises(CredentialsNotBound):
        account.adapter(http_client)

    assert attacker.requests == []
    assert mastodon.deleted == []


def test_every_request_of_an_adapter_checks_the_binding(mastodon, attacker, http_client):
    """The adapters refuse too, whoever built their configuration: check,
    publish, lookup and delete send nothing to an address the credentials
    were not entered for."""
    adapter = MastodonAdapter(
        AccountConfig(
            credentials={"access_token": mastodon.token},
            api_base=attacker.base_url,
            bound_to=destination("mastodon", mastodon.base_url),
        ),
        http_client,
    )
    for use in (
        adapter.check,
        lambda: adapter.publish(outgoing(), lambda progress: None, {}),
        lambda: adapter.lookup(outgoing(), {}),
        lambda: adapter.delete("110000000000000001"),
    ):
        with pytest.raises(CredentialsNotBound):
            use()
    assert attacker.requests == []


def test_credentials_typed_again_for_the_new_address_work_there(mastodon, attacker, http_client):
    account = mastodon_account(mastodon)
    account.api_base = attacker.base_url
    account.set_credentials({"access_token": attacker.token})
    account.save()
    account = SocialAccount.objects.get(pk=account.pk)
    assert account.credentials_match_destination()
    assert sending.check_account(account, http_client).startswith("Credencials correctes")
    assert [request.headers["authorization"] for request in attacker.requests] == [f"Bearer {attacker.token}"]


def test_credentials_stored_before_binding_are_bound_by_the_migration(mastodon, http_client):
    from importlib import import_module

    from django.apps import apps

    account = mastodon_account(mastodon)
    # The format written before credentials were bound.
    SocialAccount.objects.filter(pk=account.pk).update(
        credentials_encrypted=crypto.encrypt({"access_token": mastodon.token})
    )
    account.refresh_from_db()
    assert account.credentials_bound_to is None and not account.credentials_match_destination()
    with pytest.raises(CredentialsNotBound):
        account.adapter(http_client)
    import_module("social.migrations.0002_credentials_bound_to_address").bind(apps, None)
    account.refresh_from_db()
    assert account.credentials == {"access_token": mastodon.token}
    assert account.credentials_match_destination()
    assert sending.check_account(account, http_client).startswith("Credencials correctes")


# ---------------------------------------------------------------------------
# Decrypted credentials never appear in an error report
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("debug", [True, False])
def test_error_reports_never_show_decrypted_credentials(fake_server, http_client, settings, rf, debug):
    settings.DEBUG = debug
    telegram = fake_server.mount(FakeTelegram())
    token = telegram.token
    make_account("telegram", telegram, {"bot_token": token, "chat_id": "@ajuntament"})
    account = SocialAccount.objects.get(network="telegram")  # decrypted from the database below
    # A broken answer (``ok`` without ``result``): a KeyError inside the
    # adapter, in frames that hold the decrypted token and the URL with it.
    telegram.script("POST", r"/bot[^/]+/getMe", Response(200, {"ok": True}))
    request = rf.post(
        f"/admin/social/socialaccount/{account.pk}/change/",
        {"name": "Canal", "credential_bot_token": token, "credential_chat_id": "@ajuntament"},
    )
    try:
        account.adapter(http_client).check()
    except KeyError:
        exc_info = sys.exc_info()
    else:
        pytest.fail("the broken answer should have raised")
    # What DEBUG shows in the browser, and what error emails carry.
    debug_page = technical_500_response(request, *exc_info).content.decode()
    reporter = get_exception_reporter_class(request)(request, *exc_info, is_email=True)
    # Each of the two layers is enough on its own: the filter cleanses the
    # frames and the POST (Django's own reporter with it), the reporter
    # redacts its whole output (with Django's own filter).
    filtered_only = ExceptionReporter(request, *exc_info).get_traceback_html()
    request.exception_reporter_filter = SafeExceptionReporterFilter()
    redacted_only = RedactingReporter(request, *exc_info).get_traceback_html()
    for report in (
        debug_page,
        reporter.get_traceback_html(),
        reporter.get_traceback_text(),
        filtered_only,
        redacted_only,
    ):
        assert "KeyError" in report and "_call" in report  # the frames are there
        assert token not in report and token.split(":", 1)[1] not in report
    posted = re.compile(r"<td>credential_bot_token</td>\s*<td class=\"code\"><pre>&#x27;(.*?)&#x27;</pre>")
    assert posted.search(debug_page).group(1) == "********************"
    assert posted.search(filtered_only).group(1) == "********************"


def test_the_binding_ignores_how_the_address_is_written():
    assert destination("mastodon", "HTTPS://Mastodon.Cat/") == destination("mastodon", "https://mastodon.cat")
    assert destination("mastodon", "https://mastodon.cat") != destination(
        "mastodon", "https://mastodon.social"
    )
    assert destination("mastodon", "https://mastodon.cat") != destination("bluesky", "https://mastodon.cat")
    assert destination("x", "") != destination("x", "https://api.x.com")


def test_decrypted_secrets_are_redacted_from_logs_from_then_on(mastodon):
    from secrets import token_urlsafe

    from comunicacio import logredaction

    account = mastodon_account(mastodon)
    secret = token_urlsafe(32)  # no recognisable shape: only registration can redact it
    SocialAccount.objects.filter(pk=account.pk).update(
        credentials_encrypted=crypto.seal({"access_token": secret}, account.destination)
    )
    account.refresh_from_db()
    assert logredaction.redact(f"token {secret}") == f"token {secret}"
    assert account.credentials == {"access_token": secret}
    assert logredaction.redact(f"token {secret}") == f"token {logredaction.MARKER}"
