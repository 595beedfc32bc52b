"""Mastodon (any instance) through its REST API.

Media: ``POST /api/v2/media`` (multipart, may answer 202 while the instance
processes the file; ``GET /api/v1/media/:id`` then says when it is ready).
Status: ``POST /api/v1/statuses`` with an ``Idempotency-Key`` header, which
Mastodon remembers for one hour: a repeated request with the same key returns
the status created the first time instead of creating another.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import Adapter, AuthError, CredentialField, Outgoing, Published, Rejected, register

# Every URL counts as 23 characters, whatever its length (Mastodon's
# StatusLengthValidator); everything else counts in code points.
URL_LENGTH = 23
URL_RE = re.compile(r"(?<![\w/@])https?://[^\s<>\"]+[^\s<>\".,:;!?)\]'’»]")
# A remote mention counts only its "@user" part.
MENTION_RE = re.compile(r"(?<![\w/])@(\w+)@[\w.-]+\w")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{20,128}$")
# Language of the posts: the council publishes in Catalan.
DEFAULT_LANGUAGE = "ca"


def count_characters(text: str) -> int:
    """Length of ``text`` as Mastodon counts it against the instance limit."""
    text = URL_RE.sub("x" * URL_LENGTH, text)
    text = MENTION_RE.sub(lambda match: "@" + match.group(1), text)
    return len(text)


@register
class MastodonAdapter(Adapter):
    name = "mastodon"
    label = "Mastodon"
    default_api_base = ""  # the instance's URL is part of the account
    credential_fields = (
        CredentialField(
            "access_token",
            _("Testimoni d'accés"),
            help_text=_(
                "Creeu-lo a Preferències > Desenvolupament > Nova aplicació, amb els permisos "
                "write:statuses, write:media i read:accounts."
            ),
        ),
    )
    # Mastodon's default; some instances allow more (``configuration.
    # statuses.max_characters`` in /api/v2/instance), none less.
    max_length = 500
    live_count = "mastodon"
    image_max_bytes = 16 * 1024 * 1024
    # How long to wait between polls of a media attachment still processing.
    media_poll_interval = 1.0
    media_poll_attempts = 30
    guarantee = (
        "Every attempt sends the same Idempotency-Key, which Mastodon remembers for one hour: a "
        "request repeated within that hour returns the status the first one created instead of a "
        "second one. A crash before the status request only leaves an unattached image on the "
        "instance (Mastodon deletes those itself). A crash or a lost answer after it is followed "
        "by a lookup among the account's latest 40 statuses for the post's marker, so a retry "
        "after the key has expired does not duplicate the post either, as long as the post is "
        "still among those 40 and its link was left in the text."
    )

    def __init__(self, config, client):
        super().__init__(config, client)
        if not self.base:
            raise AuthError("The Mastodon account has no instance URL.")

    def measure(self, text: str) -> int:
        return count_characters(text)

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        token = (credentials.get("access_token") or "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        if not token:
            raise ValidationError({"access_token": _("Cal el testimoni d'accés.")})
        if not TOKEN_RE.fullmatch(token):
            raise ValidationError(
                {
                    "access_token": _(
                        "Aquest testimoni no té la forma dels de Mastodon: copieu el valor de "
                        "«El vostre testimoni d'accés» sencer, sense espais."
                    )
                }
            )
        return {**credentials, "access_token": token}

    # -- HTTP -----------------------------------------------------------------
    def _headers(self, **extra) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.config.credentials['access_token']}", **extra}

    def _upload(self, post: Outgoing) -> str:
        image = post.image
        extension = image.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
        response = self.request(
            "POST",
            "/api/v2/media",
            headers=self._headers(),
            files={"file": (f"image.{extension}", image.data, image.content_type)},
            data={"description": image.alt},
        )
        media = response.json()
        attempts = 0
        # 202: accepted, still processing; the status cannot use it until
        # GET /api/v1/media/:id answers 200 with a url.
        while media.get("url") is None:
            attempts += 1
            if attempts > self.media_poll_attempts:
                raise Rejected("The instance did not finish processing the image.")
            time.sleep(self.media_poll_interval)
            response = self.request("GET", f"/api/v1/media/{media['id']}", headers=self._headers())
            media = response.json()
        return str(media["id"])

    # -- the contract ---------------------------------------------------------
    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        media_ids = [self._upload(post)] if post.image else []
        payload = {
            "status": post.text,
            "media_ids": media_ids,
            "visibility": "public",
            "language": getattr(post, "language", "") or DEFAULT_LANGUAGE,
        }
        response = self.request(
            "POST",
            "/api/v1/statuses",
            headers=self._headers(**{"Idempotency-Key": post.idempotency_key}),
            json=payload,
        )
        return self._published(response.json())

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        account = self.request("GET", "/api/v1/accounts/verify_credentials", headers=self._headers()).json()
        statuses = self.request(
            "GET",
            f"/api/v1/accounts/{account['id']}/statuses",
            headers=self._headers(),
            params={"limit": 40, "exclude_replies": "true", "exclude_reblogs": "true"},
        ).json()
        for status in statuses:
            if post.marker in (status.get("content") or ""):
                return self._published(status)
        return None

    def delete(self, remote_id: str) -> None:
        try:
            self.request("DELETE", f"/api/v1/statuses/{remote_id}", headers=self._headers())
        except Rejected as exc:
            if exc.status != 404:  # already gone is what we wanted
                raise

    def check(self) -> str:
        account = self.request("GET", "/api/v1/accounts/verify_credentials", headers=self._headers()).json()
        return f"@{account['acct']}@{urlsplit(self.base).hostname}"

    @staticmethod
    def _published(status: dict) -> Published:
        return Published(remote_id=str(status["id"]), url=status.get("url") or status.get("uri") or "")
