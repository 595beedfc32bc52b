"""Production settings pass Django's deployment checklist; the laptop
defaults show what the public would see and keep their secrets per
installation."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args, **env_changes) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "PYTEST_")) and key != "SECRET_KEY"
    }
    # A change to None removes the variable.
    env.update({key: value for key, value in env_changes.items() if value is not None})
    for key in [key for key, value in env_changes.items() if value is None]:
        env.pop(key, None)
    if "VAR_DIR" not in env_changes:
        # The generated secret key and the cache go to a directory of this
        # run, not to the checkout's var/.
        env["VAR_DIR"] = tempfile.mkdtemp(prefix="settings-test-")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="www.vilanovadelriu.cat",
        SOCIAL_CREDENTIALS_KEYS=Fernet.generate_key().decode(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_check_deploy_flags_the_development_defaults():
    """The check is real: without production mode it reports the gaps."""
    result = manage("check", "--deploy")
    output = result.stdout + result.stderr
    assert "security.W004" in output  # no HSTS
    assert "security.W012" in output  # session cookie not secure


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_PRODUCTION="1", DJANGO_ALLOWED_HOSTS="www.vilanovadelriu.cat")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_credentials_key():
    result = manage(
        "check",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="www.vilanovadelriu.cat",
        SOCIAL_CREDENTIALS_KEYS="",
    )
    assert result.returncode != 0
    assert "SOCIAL_CREDENTIALS_KEYS must be set" in result.stderr


def test_production_switches_on_secure_cookies_https_and_hsts():
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "DEBUG",
    ]
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(" + ", ".join(f"settings.{n}" for n in names) + ")",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="www.vilanovadelriu.cat",
        SOCIAL_CREDENTIALS_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode == 0, result.stderr
    # Django's shell may first say how many objects it imported.
    values = result.stdout.strip().splitlines()[-1].split()
    assert dict(zip(names, values, strict=True)) == {
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SECURE_SSL_REDIRECT": "True",
        "SECURE_HSTS_SECONDS": "31536000",
        "DEBUG": "False",
    }


def settings_value(expression: str, **env) -> str:
    result = manage("shell", "-c", f"from django.conf import settings; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_a_developer_asks_for_it(tmp_path):
    assert settings_value("settings.DEBUG", VAR_DIR=str(tmp_path)) == "False"
    assert settings_value("settings.DEBUG", VAR_DIR=str(tmp_path), DJANGO_DEBUG="1") == "True"


def test_the_secret_key_is_generated_once_per_installation_and_kept_private(tmp_path):
    first = settings_value("settings.SECRET_KEY", VAR_DIR=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(first) >= 50
    # Every later process of the installation reads the same key...
    assert settings_value("settings.SECRET_KEY", VAR_DIR=str(tmp_path)) == first
    # ...and another installation gets its own.
    assert settings_value("settings.SECRET_KEY", VAR_DIR=str(tmp_path / "other")) != first
    # An explicit key still wins.
    assert (
        settings_value("settings.SECRET_KEY", VAR_DIR=str(tmp_path), DJANGO_SECRET_KEY="k" * 60) == "k" * 60
    )


def test_no_development_key_is_left_in_the_code():
    settings_source = (BASE_DIR / "config" / "settings.py").read_text()
    assert "dev-only-insecure" not in settings_source
    assert 'SECRET_KEY = "' not in settings_source


def test_the_default_cache_is_shared_by_every_process(tmp_path):
    """What the web server caches, the worker's purge reaches: two separate
    processes of one installation see the same cache."""
    env = {"VAR_DIR": str(tmp_path), "REDIS_URL": None, "CELERY_BROKER_URL": None}
    write = manage("shell", "-c", "from django.core.cache import cache; cache.set('shared', 'sí', 60)", **env)
    assert write.returncode == 0, write.stderr
    assert settings_value("__import__('django.core.cache').core.cache.cache.get('shared')", **env) == "sí"


def test_production_does_not_install_the_dev_only_app():
    """The demo, the volume generators, the fake social networks and rundev
    live in the ``demo`` app, which production does not install: its
    commands do not exist there."""
    production = {
        "DJANGO_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SOCIAL_CREDENTIALS_KEYS": Fernet.generate_key().decode(),
    }
    listed = manage("help", "--commands", **production)
    assert listed.returncode == 0, listed.stderr
    commands = set(listed.stdout.split())
    assert "migrate" in commands
    dev_only = {"load_demo", "rundev", "generate_volume", "generate_agenda_volume", "run_fake_networks"}
    assert not commands & dev_only
    development = set(manage("help", "--commands").stdout.split())
    assert {"load_demo", "rundev", "generate_volume", "run_fake_networks"} <= development
