"""Encryption at rest of the social accounts' credentials.

Fernet (AES-128-CBC + HMAC-SHA256, with a timestamp) from ``cryptography``,
behind a ``MultiFernet`` so keys can be rotated: ``SOCIAL_CREDENTIALS_KEYS``
lists the keys newest first; the first encrypts, all of them decrypt, and
``rotate_credentials`` re-encrypts every row with the first one.
"""

import base64
import hashlib
import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

# Stored credentials are sealed together with what they were entered for
# (``social.networks.base.destination``): the binding is encrypted and
# authenticated with them, so neither the admin nor a write to the database
# can move them to another address without the key.
SEALED_VERSION = 2


class CredentialsUnreadable(Exception):
    """Stored credentials cannot be decrypted with the configured keys."""


@cache
def _fernet() -> MultiFernet:
    keys = list(settings.SOCIAL_CREDENTIALS_KEYS)
    if not keys:
        # Development only (production refuses to start without keys): a key
        # derived from SECRET_KEY, so a laptop needs no configuration.
        digest = hashlib.sha256(b"comunicacio-social-credentials:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "SOCIAL_CREDENTIALS_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes); "
            "make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        ) from exc


def encrypt(data: dict) -> str:
    if not data:
        return ""
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


@sensitive_variables()
def decrypt(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        raise CredentialsUnreadable(
            "The stored credentials cannot be decrypted: was SOCIAL_CREDENTIALS_KEYS changed "
            "without keeping the old key?"
        ) from exc


@sensitive_variables()
def seal(credentials: dict, bound_to: str) -> str:
    """Encrypt ``credentials`` bound to ``bound_to``."""
    if not credentials:
        return ""
    return encrypt({"v": SEALED_VERSION, "bound_to": bound_to, "credentials": credentials})


@sensitive_variables()
def unseal(token: str) -> tuple[dict, str | None]:
    """The credentials and what they are bound to; ``None`` for a value
    written before credentials were bound (it matches no address)."""
    data = decrypt(token)
    if data.get("v") == SEALED_VERSION and isinstance(data.get("credentials"), dict):
        return data["credentials"], data.get("bound_to")
    return data, None


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode() if token else ""


def masked(value: str) -> str:
    """What the admin shows of a secret: never more than its last 4 characters,
    and nothing of a short one."""
    if not value:
        return ""
    return "••••" + value[-4:] if len(value) >= 12 else "••••"
