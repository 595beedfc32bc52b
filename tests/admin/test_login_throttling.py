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
