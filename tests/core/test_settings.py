"""Production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args, **env_changes) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "PYTEST_")) and key != "SECRET_KEY"
    }
    env.update(env_changes)
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
    assert "security.W018" in output  # DEBUG on


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
