"""No secret reaches a log line: the web process's and the Celery worker's
handlers, as configured by ``settings.LOGGING`` and the worker's own logging
setup, redact tokens from every record (httpx logs each request's URL at INFO,
and Telegram's carries the bot token)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from comunicacio import logredaction

# Runs in a fresh interpreter so that the process's logging is exactly what
# Django (and, for "worker", Celery's worker) configures, with no test
# runner's handler in between; records go to the real handlers on stderr.
SCRIPT = r"""
import json, logging, sys
import django

django.setup()
if sys.argv[1] == "worker":
    from config.celery import app

    app.log.setup(loglevel="INFO")  # what `celery worker` does before its first task

import httpx

from comunicacio.logredaction import RedactSecrets
from demo.fakes.mastodon import FakeMastodon
from demo.fakes.server import FakeServer
from demo.fakes.telegram import FakeTelegram
from social.networks.base import AccountConfig, AuthError
from social.networks.mastodon import MastodonAdapter
from social.networks.telegram import TelegramAdapter

server, other_server = FakeServer().start(), FakeServer().start()
fake, stranger = server.mount(FakeTelegram()), other_server.mount(FakeTelegram(channel="altre"))
token = fake.token
try:
    with httpx.Client(timeout=10) as client:
        adapter = TelegramAdapter(
            AccountConfig(credentials={"bot_token": token, "chat_id": "@ajuntament"}, api_base=fake.base_url),
            client,
        )
        name = adapter.check()
        logging.getLogger("social").info("Checked %s with %s", name, token)
        fake.revoke_token()
        try:
            adapter.check()
        except AuthError:
            logging.getLogger("social").exception("Check failed")
        try:
            client.post(f"{fake.base_url}/bot{token}/getMe").raise_for_status()
        except httpx.HTTPStatusError:
            logging.getLogger("social").exception("Raw call failed")
        # A token no adapter registered: redacted by its shape.
        client.post(f"{stranger.base_url}/bot{stranger.token}/getMe")
        # A token with no recognisable shape: redacted because the adapter
        # registered it.
        mastodon = other_server.mount(FakeMastodon())
        adapter = MastodonAdapter(
            AccountConfig(credentials={"access_token": mastodon.token}, api_base=mastodon.base_url), client
        )
        logging.getLogger("social").warning("Checking Mastodon with %s", mastodon.token)
        adapter.check()
finally:
    server.stop()
    other_server.stop()

unprotected = []
loggers = [logging.getLogger()] + [
    value for value in logging.Logger.manager.loggerDict.values() if isinstance(value, logging.Logger)
]
for logger in loggers:
    for handler in logger.handlers:
        if not isinstance(handler, logging.NullHandler) and not any(
            isinstance(f, RedactSecrets) for f in handler.filters
        ):
            unprotected.append(f"{logger.name}: {handler!r}")
print(json.dumps({"tokens": [token, stranger.token, mastodon.token], "unprotected": unprotected}))
"""


def run_logging_script(mode: str) -> tuple[dict, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    env.pop("DJANGO_PRODUCTION", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


@pytest.mark.parametrize("mode", ["web", "worker"])
def test_the_telegram_bot_token_never_reaches_the_log(mode):
    report, log = run_logging_script(mode)
    # The records were written: httpx's request lines and our own.
    assert "HTTP Request: POST" in log and "Check failed" in log and "Raw call failed" in log
    assert "Traceback" in log
    for token in report["tokens"]:
        assert token not in log
        assert token.split(":", 1)[-1] not in log
    assert "/bot[redacted]/getMe" in log
    assert f"with {logredaction.MARKER}" in log
    assert f"Checking Mastodon with {logredaction.MARKER}" in log
    assert report["unprotected"] == []


def test_every_configured_handler_redacts():
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "redact_secrets" in handler.get("filters", []), name
    # Django's own handlers are redefined, so none of them is left unfiltered.
    from django.utils.log import DEFAULT_LOGGING

    assert set(DEFAULT_LOGGING["handlers"]) <= set(handlers)
    for name, logger in settings.LOGGING["loggers"].items():
        assert set(logger.get("handlers", [])) <= set(handlers), name


TELEGRAM_TOKEN = "7012345678:AAEabcdefghijklmnopqrstuvwxyz012345"


@pytest.mark.parametrize(
    "line",
    [
        f'HTTP Request: POST https://api.telegram.org/bot{TELEGRAM_TOKEN}/sendMessage "HTTP/1.1 200 OK"',
        f"token {TELEGRAM_TOKEN} refused",
        f"https://api.telegram.org/file/bot{TELEGRAM_TOKEN}/photos/1.jpg",
        "GET https://graph.facebook.com/v21.0/me?fields=id&access_token=EAAGsecretvalue123456",
        "GET https://example.org/api?token=abcdef0123456789&page=2",
        "POST body: client_secret=Zm9vYmFyYmF6cXV4&grant_type=refresh_token",
        "headers: {'Authorization': 'Bearer abcdefghijklmnop0123456789'}",
        "Authorization: Bearer abcdefghijklmnop0123456789",
        "Authorization: Basic dXNlcjpwYXNzd29yZDEyMzQ=",
        '{"accessJwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjOmFiYyJ9.c2lnbmF0dXJlMTIz"}',
        "session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjOmFiYyJ9.c2lnbmF0dXJlMTIz expired",
    ],
)
def test_secret_looking_values_are_redacted(line):
    redacted = logredaction.redact(line)
    assert logredaction.MARKER in redacted
    for secret in (
        TELEGRAM_TOKEN,
        TELEGRAM_TOKEN.split(":")[1],
        "EAAGsecretvalue123456",
        "abcdef0123456789",
        "Zm9vYmFyYmF6cXV4",
        "abcdefghijklmnop0123456789",
        "dXNlcjpwYXNzd29yZDEyMzQ=",
        "c2lnbmF0dXJlMTIz",
    ):
        assert secret not in redacted


def test_registered_secrets_are_redacted_in_every_encoding():
    secret = "my app/password+with=odd&chars"
    logredaction.register(secret)
    for shown in (
        secret,
        "my%20app%2Fpassword%2Bwith%3Dodd%26chars",
        "my+app%2Fpassword%2Bwith%3Dodd%26chars",
        "my app/password+with=odd&amp;chars",
    ):
        redacted = logredaction.redact(f"sent {shown} to the network")
        assert redacted == f"sent {logredaction.MARKER} to the network"


def test_ordinary_lines_are_left_alone():
    logredaction.register("short")  # too short to redact without garbling text
    for line in (
        "Post 12 sent to @ajuntament (Mastodon): https://mastodon.cat/@ajuntament/1101",
        "HTTP Request: GET http://127.0.0.1:8025/mastodon/api/v1/accounts/verify_credentials",
        "a short note",
    ):
        assert logredaction.redact(line) == line
