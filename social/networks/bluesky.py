"""Bluesky through the AT Protocol (XRPC on the account's PDS).

The session (``accessJwt``/``refreshJwt``/``did``) lives in
``config.session`` and is reused: ``createSession`` is rate limited hard
(30 per 5 minutes, 300 a day per account), so it runs only when there is no
session or neither token works any more. Posts are ``app.bsky.feed.post``
records created under a record key (a TID) chosen and checkpointed before the
request, which makes a repeated create detectable.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import (
    Adapter,
    AuthError,
    CredentialField,
    NetworkError,
    Outgoing,
    Published,
    Rejected,
    graphemes,
    register,
    utf8_span,
)

COLLECTION = "app.bsky.feed.post"
HANDLE_RE = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
APP_PASSWORD_RE = re.compile(r"^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$")
URL_RE = re.compile(r"(?<![\w/])https?://[^\s<>\"]+[^\s<>\".,:;!?)\]'’»]")
# "#FestaMajor", "#Col·legi", "#Hostalric2026" (not "#2026"), after a space or
# at the start, so a URL's fragment is never taken for a tag.
TAG_RE = re.compile(r"(?:(?<=\s)|^)#([\w·]*[^\W\d_][\w·]*)")
TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"
DEFAULT_LANGUAGE = "ca"
SESSION_ERRORS = ("ExpiredToken", "InvalidToken")


def new_tid() -> str:
    """A fresh timestamp identifier: 53 bits of microseconds and 10 random
    bits of clock id, in base32-sortable (13 characters)."""
    value = ((time.time_ns() // 1000) << 10) | secrets.randbelow(1024)
    chars = []
    for _index in range(13):
        chars.append(TID_CHARS[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def facets(text: str) -> list[dict]:
    """Link and hashtag facets of ``text``, indexed by UTF-8 byte offsets."""
    found = []
    for match in URL_RE.finditer(text):
        start, end = utf8_span(text, match.start(), match.end())
        found.append(
            {
                "index": {"byteStart": start, "byteEnd": end},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": match.group(0)}],
            }
        )
    for match in TAG_RE.finditer(text):
        tag = match.group(1).rstrip("·")
        if graphemes(tag) > 64:
            continue
        start, end = utf8_span(text, match.start(), match.start() + 1 + len(tag))
        found.append(
            {
                "index": {"byteStart": start, "byteEnd": end},
                "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}],
            }
        )
    return sorted(found, key=lambda facet: facet["index"]["byteStart"])


@register
class BlueskyAdapter(Adapter):
    name = "bluesky"
    label = "Bluesky"
    default_api_base = "https://bsky.social"
    credential_fields = (
        CredentialField(
            "handle",
            _("Nom d'usuari"),
            secret=False,
            help_text=_("Per exemple ajuntament.bsky.social o el vostre domini, sense @."),
        ),
        CredentialField(
            "app_password",
            _("Contrasenya d'aplicació"),
            help_text=_(
                "Creeu-la a Configuració > Privadesa i seguretat > Contrasenyes d'aplicació; "
                "té la forma xxxx-xxxx-xxxx-xxxx. No hi poseu la contrasenya del compte."
            ),
        ),
    )
    max_length = 300  # graphemes
    image_max_bytes = 1_000_000
    image_max_side = 2000
    guarantee = (
        "The record key of the post is chosen and saved before the create request, and every "
        "later attempt reuses it: it first asks the PDS for the record under that key and returns "
        "it if it exists, and a create that collides with an existing record is answered by "
        "reading that record back. A crash at any point can therefore neither lose the post "
        "(it is retried) nor publish it twice; the worst case is an uploaded image blob that no "
        "record uses, which the PDS discards by itself. Session tokens are reused and refreshed, "
        "so retries do not exhaust the strict login rate limit."
    )

    def measure(self, text: str) -> int:
        return graphemes(text)

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        errors = {}
        handle = (credentials.get("handle") or "").strip().lstrip("@").lower()
        password = (credentials.get("app_password") or "").strip().lower()
        if not handle:
            errors["handle"] = _("Cal el nom d'usuari.")
        elif not HANDLE_RE.fullmatch(handle):
            errors["handle"] = _(
                "El nom d'usuari ha de ser un domini, com ajuntament.bsky.social (sense espais ni @ al mig)."
            )
        if not password:
            errors["app_password"] = _("Cal la contrasenya d'aplicació.")
        elif not APP_PASSWORD_RE.fullmatch(password):
            errors["app_password"] = _(
                "Una contrasenya d'aplicació té la forma xxxx-xxxx-xxxx-xxxx (lletres i xifres). "
                "No hi poseu la contrasenya del compte."
            )
        if errors:
            raise ValidationError(errors)
        return {**credentials, "handle": handle, "app_password": password}

    # -- errors -------------------------------------------------------------------
    @staticmethod
    def error_detail(response) -> str:
        try:
            body = response.json()
        except ValueError:
            return Adapter.error_detail(response)
        if isinstance(body, dict) and isinstance(body.get("error"), str):
            return f"{body['error']}: {body.get('message') or ''}".rstrip(": ")[:300]
        return Adapter.error_detail(response)

    def classify(self, response) -> NetworkError:
        error = super().classify(response)
        try:
            body = response.json()
        except ValueError:
            body = None
        code = body.get("error") if isinstance(body, dict) else None
        if code in (*SESSION_ERRORS, "AuthenticationRequired", "AccountTakedown") and not isinstance(
            error, AuthError
        ):
            error = AuthError(error.message, status=error.status)
        error.xrpc_error = code
        return error

    # -- the session ----------------------------------------------------------------
    @property
    def session(self) -> dict:
        return self.config.session

    def _create_session(self) -> None:
        credentials = self.config.credentials
        data = self.request(
            "POST",
            "/xrpc/com.atproto.server.createSession",
            json={"identifier": credentials["handle"], "password": credentials["app_password"]},
        ).json()
        self._store(data)

    def _refresh_session(self) -> bool:
        refresh = self.session.get("refreshJwt")
        if not refresh:
            return False
        try:
            data = self.request(
                "POST",
                "/xrpc/com.atproto.server.refreshSession",
                headers={"Authorization": f"Bearer {refresh}"},
            ).json()
        except NetworkError as exc:
            if getattr(exc, "xrpc_error", None) in SESSION_ERRORS or isinstance(exc, AuthError):
                return False
            raise
        self._store(data)
        return True

    def _store(self, data: dict) -> None:
        self.session.clear()
        self.session.update(
            {
                "accessJwt": data["accessJwt"],
                "refreshJwt": data["refreshJwt"],
                "did": data["did"],
                "handle": data.get("handle") or self.config.credentials["handle"],
                "identifier": self.config.credentials["handle"],
            }
        )

    def _ensure_session(self) -> None:
        # A session made for another handle (the credentials were changed) is useless.
        if (
            not self.session.get("accessJwt")
            or self.session.get("identifier") != (self.config.credentials["handle"])
        ):
            self._create_session()

    def _xrpc(self, method: str, nsid: str, **kwargs):
        """Call ``nsid`` with the session's access token, renewing the session
        once if the network says the token expired."""
        self._ensure_session()
        headers = kwargs.pop("headers", {})
        for renewed in (False, True):
            try:
                return self.request(
                    method,
                    f"/xrpc/{nsid}",
                    headers={**headers, "Authorization": f"Bearer {self.session['accessJwt']}"},
                    **kwargs,
                )
            except NetworkError as exc:
                code = getattr(exc, "xrpc_error", None)
                if renewed or code not in SESSION_ERRORS:
                    raise
                # The request was refused, so sending it again is safe.
                if code == "InvalidToken" or not self._refresh_session():
                    self._create_session()
        raise AssertionError("unreachable")

    # -- records --------------------------------------------------------------------
    def _url(self, rkey: str) -> str:
        handle = self.session.get("handle") or self.config.credentials["handle"]
        return f"https://bsky.app/profile/{handle}/post/{rkey}"

    def _get_record(self, rkey: str) -> Published | None:
        self._ensure_session()
        try:
            data = self._xrpc(
                "GET",
                "com.atproto.repo.getRecord",
                params={"repo": self.session["did"], "collection": COLLECTION, "rkey": rkey},
            ).json()
        except NetworkError as exc:
            if getattr(exc, "xrpc_error", None) == "RecordNotFound":
                return None
            raise
        return Published(remote_id=data["uri"], url=self._url(rkey))

    def _embed(self, post: Outgoing) -> dict | None:
        image = post.image
        if image is not None:
            if len(image.data) > self.image_max_bytes:
                raise Rejected(f"The image is larger than Bluesky's {self.image_max_bytes:,} bytes.")
            blob = self._xrpc(
                "POST",
                "com.atproto.repo.uploadBlob",
                content=image.data,
                headers={"Content-Type": image.content_type},
            ).json()["blob"]
            return {
                "$type": "app.bsky.embed.images",
                "images": [
                    {
                        "alt": image.alt,
                        "image": blob,
                        "aspectRatio": {"width": image.width, "height": image.height},
                    }
                ],
            }
        if post.link:
            return {
                "$type": "app.bsky.embed.external",
                "external": {"uri": post.link, "title": post.title, "description": post.summary},
            }
        return None

    # -- the contract -----------------------------------------------------------------
    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        rkey = progress.get("rkey")
        if rkey:
            # An earlier attempt may have created it.
            existing = self._get_record(rkey)
            if existing is not None:
                return existing
        else:
            rkey = new_tid()
            checkpoint({**progress, "rkey": rkey})
        record = {
            "$type": COLLECTION,
            "text": post.text,
            "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "langs": [getattr(post, "language", "") or DEFAULT_LANGUAGE],
        }
        self._ensure_session()
        if found := facets(post.text):
            record["facets"] = found
        if embed := self._embed(post):
            record["embed"] = embed
        try:
            data = self._xrpc(
                "POST",
                "com.atproto.repo.createRecord",
                json={"repo": self.session["did"], "collection": COLLECTION, "rkey": rkey, "record": record},
            ).json()
        except Rejected as exc:
            if "already exists" in exc.message.lower():
                existing = self._get_record(rkey)
                if existing is not None:
                    return existing
            raise
        return Published(remote_id=data["uri"], url=self._url(rkey))

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        rkey = progress.get("rkey")
        if not rkey:
            return None  # the create request is never sent before the key is saved
        return self._get_record(rkey)

    def delete(self, remote_id: str) -> None:
        # at://did:plc:.../app.bsky.feed.post/<rkey>
        repo, collection, rkey = remote_id.removeprefix("at://").split("/")
        self._xrpc(
            "POST",
            "com.atproto.repo.deleteRecord",
            json={"repo": repo, "collection": collection, "rkey": rkey},
        )

    def check(self) -> str:
        data = self._xrpc("GET", "com.atproto.server.getSession").json()
        return "@" + data["handle"]
