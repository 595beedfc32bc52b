"""The contract every social network adapter fulfils.

An adapter is one module in ``social.networks`` that defines a subclass of
``Adapter`` and registers it with ``@register``. It speaks the network's real
HTTP API through the ``httpx.Client`` it is given (the caller chooses timeouts
and, in tests and the demo, a base URL pointing at a local fake server) and
turns every answer into either a ``Published`` result or one of the
``NetworkError`` subclasses below, which the sending state machine
(``social.sending``) acts on:

* ``RateLimited``  -> try again after ``retry_after`` seconds (never counted as
  a failure of the post);
* ``AuthError``    -> expired/revoked token or missing permission: the post
  fails at once with the reason and the account's owner is alerted; no retry;
* ``Rejected``     -> the network refused this content for good (too long,
  bad image...): the post fails with the reason; no retry;
* ``Unavailable``  -> a timeout, a dropped connection or a 5xx: retried with
  backoff. ``ambiguous`` says whether the network may nevertheless have
  accepted the post (the request was sent but no answer came back), in which
  case ``lookup`` runs before any retry.

Exactly-once publishing rests on two adapter methods: ``publish`` receives a
``Outgoing`` whose ``idempotency_key`` and ``marker`` are stable across every
attempt of the same post, and ``lookup`` finds a post an earlier, interrupted
attempt may have created (by idempotency key, by a record key chosen in
advance, by a container's status, or by the marker the link carries).
``checkpoint`` lets a multi-step publish (Instagram's container, Bluesky's
record key) record its progress in the database before the next step.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import urlsplit

import httpx
import regex
from django.utils.translation import gettext as _

from comunicacio import logredaction

# ---------------------------------------------------------------------------
# What goes out and what comes back
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingImage:
    data: bytes
    content_type: str  # image/jpeg, image/png or image/webp
    alt: str
    # Absolute public URL of the same image (Instagram fetches it itself;
    # Facebook and LinkedIn may use it too).
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Outgoing:
    text: str  # the final text as composed (and possibly edited) for this network
    link: str  # the item's absolute URL with campaign parameters, contains ``marker``
    marker: str  # unique per post, e.g. "cs-p42": found in ``link`` and used by ``lookup``
    idempotency_key: str  # stable per post across attempts (a UUID)
    title: str = ""
    summary: str = ""
    image: OutgoingImage | None = None


@dataclass(frozen=True)
class Published:
    remote_id: str
    url: str


class NetworkError(Exception):
    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        ambiguous: bool = False,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after
        self.ambiguous = ambiguous


class RateLimited(NetworkError):
    """Too many requests: wait ``retry_after`` seconds."""


class AuthError(NetworkError):
    """Credentials expired, revoked or lacking a permission."""


class Rejected(NetworkError):
    """The network refused this content; retrying will not help."""


class Unavailable(NetworkError):
    """Transient: timeout, connection error or 5xx."""


class CredentialsNotBound(AuthError):
    """The credentials were entered for another network or API address: they
    are never sent to this one (a changed address could be anyone's server)."""

    def __init__(self, message: str | None = None, **kwargs):
        super().__init__(
            message
            or _(
                "Les credencials es van desar per a una altra xarxa o adreça de l'API; no "
                "s'envien a l'actual. Torneu-les a introduir al compte."
            ),
            **kwargs,
        )


# ---------------------------------------------------------------------------
# Text measuring shared by several networks
# ---------------------------------------------------------------------------


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters): what Bluesky
    counts, and what a person counts on screen ("à" written as a + combining
    grave is one)."""
    return len(regex.findall(r"\X", text))


def utf8_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Byte offsets in the UTF-8 encoding of ``text`` of the character slice
    ``text[start:end]`` (Bluesky facets index bytes, not characters)."""
    byte_start = len(text[:start].encode("utf-8"))
    return byte_start, byte_start + len(text[start:end].encode("utf-8"))


# ---------------------------------------------------------------------------
# Rate-limit headers
# ---------------------------------------------------------------------------


def _seconds_until(value: str, now: float) -> float | None:
    """A reset moment given as epoch seconds, an ISO 8601 timestamp or an
    HTTP date, as seconds from ``now``."""
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        pass
    else:
        # Epoch seconds (X, Bluesky) vs. "seconds from now" (some proxies).
        return max(0.0, number - now) if number > 1e9 else max(0.0, number)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)


def retry_after_from(response: httpx.Response, now: float | None = None) -> float | None:
    """How long the network asks us to wait, from whichever of the usual
    headers it sent: ``Retry-After`` (seconds or HTTP date), then the reset of
    an exhausted ``X-RateLimit-*`` / ``x-rate-limit-*`` / ``ratelimit-*``
    window, then a JSON body's ``retry_after`` (Telegram puts it in
    ``parameters``)."""
    now = time.time() if now is None else now
    headers = response.headers
    if "retry-after" in headers:
        found = _seconds_until(headers["retry-after"], now)
        if found is not None:
            return found
    for prefix in ("x-ratelimit-", "x-rate-limit-", "ratelimit-"):
        remaining = headers.get(prefix + "remaining")
        reset = headers.get(prefix + "reset")
        if reset is not None and (remaining is None or remaining.strip() in ("0", "0.0")):
            found = _seconds_until(reset, now)
            if found is not None:
                return found
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError):
        return None
    if isinstance(body, dict):
        for holder in (body, body.get("parameters") or {}):
            if isinstance(holder, dict) and isinstance(holder.get("retry_after"), int | float):
                return float(holder["retry_after"])
    return None


# ---------------------------------------------------------------------------
# The adapter base class and the registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CredentialField:
    name: str
    label: str  # shown in the admin (Catalan, translatable: pass gettext_lazy)
    secret: bool = True  # encrypted at rest, never shown back in full
    help_text: str = ""
    required: bool = True


def destination(network: str, api_base: str) -> str:
    """What stored credentials are bound to: the network and the API address
    they were entered for ("" for the network's official API). Scheme and
    host are compared case-insensitively, a trailing slash is ignored."""
    api_base = (api_base or "").strip()
    if api_base:
        parts = urlsplit(api_base)
        api_base = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
        if parts.query:
            api_base += "?" + parts.query
    return f"{network} {api_base}".strip()


@dataclass
class AccountConfig:
    """What an adapter knows of the account it posts to."""

    credentials: dict[str, str]
    # Where the API lives: the Mastodon instance, or the official endpoint of
    # the others; tests and the demo point it at a local fake server.
    api_base: str
    # Mutable state the adapter may keep between calls (Bluesky's session
    # tokens); saved back, encrypted, after each call when changed.
    session: dict = field(default_factory=dict)
    # The ``destination`` the stored credentials were entered for
    # (``SocialAccount.adapter`` fills it in). When it differs from this
    # adapter's network and ``api_base``, every request is refused before it
    # leaves. None: credentials given directly, not stored (adapter tests).
    bound_to: str | None = None


class Adapter:
    name: ClassVar[str]  # "mastodon"; stored in SocialAccount.network
    label: ClassVar[str]  # "Mastodon"
    default_api_base: ClassVar[str]  # "" when the account must give one (Mastodon)
    credential_fields: ClassVar[tuple[CredentialField, ...]]
    max_length: ClassVar[int]
    # Instagram captions cannot carry a clickable link: the composer writes
    # "link in bio"-style text instead of the URL.
    links_clickable: ClassVar[bool] = True
    # How the editor's browser approximates ``measure`` while typing
    # (static/social/composer.js): "graphemes", "mastodon" or "x".
    live_count: ClassVar[str] = "graphemes"
    requires_image: ClassVar[bool] = False
    image_max_bytes: ClassVar[int] = 5 * 1024 * 1024
    image_max_side: ClassVar[int] = 4096
    # The library crop the network shows best (comunicacio.images.CROPS,
    # cut around the image's focal point); "" sends the full frame.
    image_crop: ClassVar[str] = ""
    supports_delete: ClassVar[bool] = True
    # False when the network offers no way to find a post an interrupted
    # attempt may have created (Telegram's Bot API cannot read a channel's
    # history): the caller must then not retry an ambiguous attempt blindly
    # but mark it for a person to check.
    can_lookup: ClassVar[bool] = True
    # One paragraph for the docs: what a crash at any point can and cannot cause.
    guarantee: ClassVar[str] = ""

    def __init__(self, config: AccountConfig, client: httpx.Client):
        self.config = config
        self.client = client
        self.base = (config.api_base or self.default_api_base).rstrip("/")
        # Whatever the adapter does with its secrets, no log line or error
        # report shows them.
        logredaction.register(
            *(config.credentials.get(spec.name) for spec in self.credential_fields if spec.secret)
        )

    # -- to implement ------------------------------------------------------
    def measure(self, text: str) -> int:
        """Length of ``text`` as the network counts it against ``max_length``."""
        return len(text)

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        """Check the shape of the credentials an editor typed (no network
        call) and return them normalised; raise ``django.core.exceptions.
        ValidationError`` with a clear message per field otherwise."""
        return credentials

    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        """Create the post. ``progress`` is what earlier attempts of this same
        post checkpointed (empty on the first); ``checkpoint(progress)`` saves
        it durably before the next step."""
        raise NotImplementedError

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        """Find the post if an earlier attempt created it; ``None`` if it
        certainly does not exist. Raise ``NetworkError`` if unsure."""
        raise NotImplementedError

    def delete(self, remote_id: str) -> None:
        """Remove a published post (only when ``supports_delete``)."""
        raise NotImplementedError

    def check(self) -> str:
        """Verify the credentials against the network (account health);
        return the account's name/handle as the network reports it."""
        raise NotImplementedError

    # -- helpers for implementations ----------------------------------------
    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        """Send a request and raise the right ``NetworkError`` for anything
        but a 2xx. Adapters whose networks report errors differently (Graph
        API error codes, Telegram's ``ok: false``) override ``classify``."""
        self.refuse_unbound_credentials()
        if not url.startswith(("http://", "https://")):
            url = self.base + url
        # Session tokens (Bluesky's) are not credentials the account stores in
        # clear anywhere, but they are just as secret.
        for name, value in (kwargs.get("headers") or {}).items():
            if name.lower() == "authorization":
                logredaction.register(value, value.partition(" ")[2])
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.ConnectError as exc:
            # Nothing reached the network: safe to retry blindly.
            raise Unavailable(f"Connection failed: {exc}") from exc
        except httpx.TimeoutException as exc:
            # A connect timeout sent nothing; any other one may have.
            ambiguous = not isinstance(exc, httpx.ConnectTimeout)
            raise Unavailable(f"Timed out: {type(exc).__name__}", ambiguous=ambiguous) from exc
        except httpx.TransportError as exc:
            raise Unavailable(f"Connection lost: {exc}", ambiguous=True) from exc
        if response.is_success:
            return response
        raise self.classify(response)

    def refuse_unbound_credentials(self) -> None:
        """Stored credentials only ever go to the network and address they
        were entered for: a site administrator who points an account at
        another server cannot make it send them there."""
        bound_to = self.config.bound_to
        if bound_to is not None and bound_to != destination(self.name, self.config.api_base):
            raise CredentialsNotBound()

    def classify(self, response: httpx.Response) -> NetworkError:
        status = response.status_code
        detail = self.error_detail(response)
        if status == 429:
            return RateLimited(
                f"Rate limited: {detail}", status=status, retry_after=retry_after_from(response)
            )
        if status in (401, 403):
            return AuthError(f"Not authorised ({status}): {detail}", status=status)
        if status >= 500:
            return Unavailable(f"Server error ({status}): {detail}", status=status, ambiguous=True)
        return Rejected(f"Refused ({status}): {detail}", status=status)

    @staticmethod
    def error_detail(response: httpx.Response) -> str:
        try:
            body = response.json()
        except ValueError:
            return response.text[:300]
        if isinstance(body, dict):
            for key in ("error_description", "error", "message", "detail", "description"):
                value = body.get(key)
                if isinstance(value, str):
                    return value[:300]
                if isinstance(value, dict) and isinstance(value.get("message"), str):
                    return value["message"][:300]
        return json.dumps(body)[:300]


_adapters: dict[str, type[Adapter]] = {}


def register(cls: type[Adapter]) -> type[Adapter]:
    _adapters[cls.name] = cls
    return cls


def adapters() -> dict[str, type[Adapter]]:
    from . import load_all

    load_all()
    return dict(_adapters)


def get(name: str) -> type[Adapter]:
    return adapters()[name]
