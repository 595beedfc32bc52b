"""Login throttling (django-axes): repeated failed logins lock the
account from that address, with a clear answer, until the cool-off ends."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "contrasenya-prova"  # what tests.factories.make_user sets


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail_until_locked(client, username, address="10.0.0.1"):
    return [attempt(client, username, "dolenta", address) for _ in range(3)]


def test_wrong_password_below_the_limit_shows_the_login_form_again(client, editor):
    response = attempt(client, editor.username, "dolenta")
    assert response.status_code == 200
    assert 'id="login-form"' in response.content.decode()


def test_the_limit_locks_even_the_right_password(client, editor):
    responses = fail_until_locked(client, editor.username)
    assert [r.status_code for r in responses[:-1]] == [200, 200]
    assert responses[-1].status_code == 429
    locked = attempt(client, editor.username, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_is_per_user_and_address(client, editor, publisher):
    fail_until_locked(client, editor.username)
    # Another account from the same address, and the same account from
    # another address, are not locked.
    assert attempt(client, publisher.username, PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, editor.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_lock_lifts_after_the_cool_off(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client, editor.username)
        assert attempt(client, editor.username, PASSWORD).status_code == 429
    cool_off = django_settings.AXES_COOLOFF_TIME * timedelta(hours=1)
    with time_machine.travel(start + cool_off + timedelta(seconds=1), tick=False):
        response = attempt(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_success_resets_the_count(client, editor):
    attempt(client, editor.username, "dolenta")
    attempt(client, editor.username, "dolenta")
    assert attempt(client, editor.username, PASSWORD).status_code == 302
    client.logout()
    attempt(client, editor.username, "dolenta")
    assert attempt(client, editor.username, "dolenta").status_code == 200


def test_lockout_page_explains_in_catalan(client, settings):
    settings.AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
    user = make_user("editor")
    response = fail_until_locked(client, user.username)[-1]
    assert response.status_code == 429
    html = response.content.decode()
    assert "Accés bloquejat temporalment" in html
    assert "3 intents fallits" in html
    assert "15 minuts" in html
    assert 'role="alert"' in html


# --- across addresses, and behind the reverse proxy --------------------------------


@pytest.fixture
def username_limit(settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 6
    return 6


def test_guesses_spread_over_many_addresses_lock_the_account(client, editor, username_limit):
    # Two guesses from each address stay below the per-address limit (3)...
    statuses = [
        attempt(client, editor.username, "dolenta", f"203.0.113.{number}").status_code
        for number in range(username_limit // 2)
        for _ in range(2)
    ]
    # ...but the sixth in all locks the account,
    assert statuses == [200] * (username_limit - 1) + [429]
    # from a fresh address too, even with the right password.
    locked = attempt(client, editor.username, PASSWORD, "198.51.100.99")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    html = locked.content.decode()
    assert "6 intents fallits" in html
    assert "des de diverses adreces" in html
    # Another account is not affected.
    other = make_user("editor")
    assert attempt(client, other.username, PASSWORD, "198.51.100.99").status_code == 302


def test_the_account_wide_lock_lifts_after_the_cool_off_even_if_retried(client, editor, username_limit):
    start = timezone.now()
    cool_off = django_settings.AXES_COOLOFF_TIME * timedelta(hours=1)
    with time_machine.travel(start, tick=False):
        for number in range(username_limit):
            attempt(client, editor.username, "dolenta", f"203.0.113.{number}")
    # Retrying while locked does not prolong the lock.
    with time_machine.travel(start + cool_off / 2, tick=False):
        for _ in range(5):
            assert attempt(client, editor.username, "dolenta", "203.0.113.50").status_code == 429
    with time_machine.travel(start + cool_off + timedelta(seconds=1), tick=False):
        assert attempt(client, editor.username, PASSWORD, "203.0.113.50").status_code == 302


def test_one_colleague_mistyping_never_reaches_the_account_wide_limit(settings):
    """The default per-username limit leaves room for a few people's typos
    (several full per-address allowances) before anyone is locked out
    everywhere."""
    assert settings.AXES_USERNAME_FAILURE_LIMIT >= 3 * settings.AXES_FAILURE_LIMIT


def test_behind_the_proxy_each_visitor_is_counted_apart(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def through_proxy(password, visitor):
        return client.post(
            LOGIN,
            {"username": editor.username, "password": password, "next": "/admin/"},
            HTTP_X_FORWARDED_FOR=visitor,
            **proxy,
        )

    for _ in range(3):
        through_proxy("dolenta", "198.51.100.20")
    assert through_proxy(PASSWORD, "198.51.100.20").status_code == 429
    # The visitor cannot dodge the lock by writing its own header entry...
    assert through_proxy(PASSWORD, "6.6.6.6, 198.51.100.20").status_code == 429
    # ...and the same account from another visitor behind the same proxy is not locked.
    assert through_proxy(PASSWORD, "198.51.100.30").status_code == 302
