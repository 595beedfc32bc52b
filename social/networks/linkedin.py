"""A LinkedIn organisation page through the versioned Posts API
(``/rest/posts``) with a member access token of a page administrator
(``w_organization_social`` and ``r_organization_social``).

Every call carries ``Authorization: Bearer``, ``LinkedIn-Version: YYYYMM``
and ``X-Restli-Protocol-Version: 2.0.0``. An image is registered with
``POST /rest/images?action=initializeUpload``, its bytes PUT to the
``uploadUrl`` LinkedIn answers, and the post refers to the image URN; a post
without image carries the link as an article. The new post's URN comes back
in the ``x-restli-id`` header.

The commentary is in LinkedIn's "little text" format: the characters
``\\ | { } @ [ ] ( ) < > # * _ ~`` are markup and must be escaped with a
backslash, otherwise LinkedIn silently cuts the text at the first one.
``escape_little`` escapes all of them except a ``#`` that starts a hashtag
(``#FestaMajor`` stays a clickable hashtag, little's HashtagElement) and
anything inside a URL (so the link stays whole and clickable).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import httpx
import regex
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .base import (
    Adapter,
    AuthError,
    CredentialField,
    NetworkError,
    Outgoing,
    Published,
    RateLimited,
    Rejected,
    Unavailable,
    register,
    retry_after_from,
)

RESERVED = "\\|{}@[]()<>#*_~"
# A URL runs to the next space; trailing punctuation is not part of it.
URL = regex.compile(r"https?://\S+?(?=[.,;:!?'\")\]}>]*(?:\s|$))")
# A hashtag: '#' not glued to a preceding word, then letters, marks, digits.
HASHTAG = regex.compile(r"(?<![\p{L}\p{M}\p{N}_&#])#[\p{L}\p{M}\p{N}]+")
ESCAPED = regex.compile(r"\\([\\|{}@\[\]()<>#*_~])")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where the URLs are; a closing parenthesis that balances one inside the
    URL belongs to it (``https://ca.wikipedia.org/wiki/Sant_Jordi_(festa)``)."""
    spans = []
    for match in URL.finditer(text):
        end = match.end()
        while (
            end < len(text)
            and text[end] == ")"
            and text[match.start() : end].count("(") > text[match.start() : end].count(")")
        ):
            end += 1
        spans.append((match.start(), end))
    return spans


def escape_little(text: str) -> str:
    """``text`` as little-format commentary that LinkedIn shows verbatim."""
    kept = url_spans(text)
    kept += [
        match.span() for match in HASHTAG.finditer(text) if not any(s <= match.start() < e for s, e in kept)
    ]
    protected = set()
    for start, end in kept:
        protected.update(range(start, end))
    return "".join(
        "\\" + char if char in RESERVED and index not in protected else char
        for index, char in enumerate(text)
    )


def unescape_little(text: str) -> str:
    return ESCAPED.sub(r"\1", text)


def seconds_to_utc_midnight(now: float | None = None) -> float:
    moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    midnight = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - moment).total_seconds()


@register
class LinkedInAdapter(Adapter):
    name = "linkedin"
    label = "LinkedIn"
    default_api_base = "https://api.linkedin.com"
    # LinkedIn sunsets each monthly version about a year after its release:
    # bump this (and run the tests) at least once a year.
    api_version = "202511"
    credential_fields = (
        CredentialField(
            "organization_id",
            _("Identificador de l'organització"),
            secret=False,
            help_text=_(
                "El número de la pàgina d'empresa (el que surt a linkedin.com/company/<número>/admin)."
            ),
        ),
        CredentialField(
            "access_token",
            _("Token d'accés"),
            help_text=_(
                "Token d'un administrador de la pàgina amb els permisos w_organization_social i "
                "r_organization_social. Caduca als 60 dies."
            ),
        ),
    )
    max_length = 3000
    image_max_bytes = 8 * 1024 * 1024
    supports_delete = True
    lookup_window = 20
    guarantee = (
        "LinkedIn has no idempotency key, so each attempt creates the post at most once and "
        "duplicates are prevented by looking before retrying. An image uploaded by an attempt "
        "that then crashed is uploaded again (the orphan is never shown). If the answer to "
        "POST /rest/posts is lost (timeout, dropped connection, 5xx), the page's latest 20 "
        "posts are searched for the post's marker (in the link of its commentary or of its "
        "article) before any retry, and LinkedIn's own refusal of duplicate content (422) "
        "triggers the same lookup. A duplicate is therefore only possible if more than 20 "
        "other posts reached the page between the lost answer and the retry. A post without "
        "any link is matched by its exact text among the posts created since its first "
        "attempt began (checkpointed before anything is sent)."
    )

    def measure(self, text: str) -> int:
        # LinkedIn counts the commentary as sent, escapes included, in UTF-16
        # code units: the conservative reading.
        return len(escape_little(text).encode("utf-16-le")) // 2

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        errors = {}
        organization = (credentials.get("organization_id") or "").strip()
        if organization.startswith("urn:li:organization:"):
            organization = organization.removeprefix("urn:li:organization:")
        if not organization:
            errors["organization_id"] = _("Cal l'identificador de l'organització.")
        elif not organization.isdigit() or not organization.isascii():
            errors["organization_id"] = _(
                "L'identificador de l'organització és un número (per exemple 12345678), "
                "no el nom de la pàgina."
            )
        token = (credentials.get("access_token") or "").strip()
        if not token:
            errors["access_token"] = _("Cal el token d'accés.")
        elif token.lower().startswith("bearer "):
            errors["access_token"] = _("Enganxeu només el token, sense la paraula «Bearer».")
        elif len(token) < 20 or any(char.isspace() for char in token):
            errors["access_token"] = _("Aquest token no té la forma d'un token d'accés de LinkedIn.")
        if errors:
            raise ValidationError(errors)
        return {**credentials, "organization_id": organization, "access_token": token}

    # -- HTTP ------------------------------------------------------------------
    @property
    def author(self) -> str:
        return f"urn:li:organization:{self.config.credentials['organization_id']}"

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.config.credentials['access_token']}",
            "LinkedIn-Version": self.api_version,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def classify(self, response: httpx.Response) -> NetworkError:
        status = response.status_code
        detail = self.error_detail(response)
        try:
            code = (response.json() or {}).get("code") or ""
        except ValueError:
            code = ""
        if status == 429:
            retry_after = retry_after_from(response)
            if retry_after is None:
                # LinkedIn's throttles are daily and reset at midnight UTC.
                retry_after = seconds_to_utc_midnight() if "DAY" in detail.upper() else 60.0
            return RateLimited(f"Rate limited: {detail}", status=status, retry_after=retry_after)
        if status == 401:
            if code == "EXPIRED_ACCESS_TOKEN" or "expired" in detail.lower():
                return AuthError(f"The LinkedIn access token has expired: {detail}", status=status)
            return AuthError(f"The LinkedIn access token is not valid: {detail}", status=status)
        if status == 403:
            return AuthError(f"LinkedIn refused the permission: {detail}", status=status)
        if status == 426 or code in ("NONEXISTENT_VERSION", "VERSION_MISSING"):
            # A sunset API version: every post would fail until the code is updated.
            return AuthError(
                f"LinkedIn API version {self.api_version} is no longer served; update "
                f"LinkedInAdapter.api_version: {detail}",
                status=status,
            )
        return super().classify(response)

    def url_for(self, urn: str) -> str:
        return f"https://www.linkedin.com/feed/update/{urn}/"

    # -- publishing ------------------------------------------------------------
    def upload_image(self, post: Outgoing) -> str:
        value = self.request(
            "POST",
            "/rest/images?action=initializeUpload",
            headers=self.headers,
            json={"initializeUploadRequest": {"owner": self.author}},
        ).json()["value"]
        self.request(
            "PUT",
            value["uploadUrl"],
            headers={
                "Authorization": self.headers["Authorization"],
                "Content-Type": "application/octet-stream",
            },
            content=post.image.data,
        )
        return value["image"]

    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        commentary = escape_little(post.text)
        if self.measure(post.text) > self.max_length:
            raise Rejected(
                f"The text is {self.measure(post.text)} characters long once escaped; "
                f"LinkedIn allows {self.max_length}."
            )
        if not progress.get("since"):
            progress = {**progress, "since": time.time() - 60}
            checkpoint(progress)
        payload: dict = {
            "author": self.author,
            "commentary": commentary,
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if post.image is not None:
            media = {"id": self.upload_image(post)}
            if post.image.alt:
                media["altText"] = post.image.alt[:4086]
            payload["content"] = {"media": media}
        elif post.link:
            article = {"source": post.link, "title": (post.title or post.link)[:400]}
            if post.summary:
                article["description"] = post.summary[:4086]
            payload["content"] = {"article": article}
        try:
            response = self.request("POST", "/rest/posts", headers=self.headers, json=payload)
        except Rejected as exc:
            if exc.status == 422 and "duplicate" in exc.message.lower():
                found = self.lookup(post, progress)
                if found is not None:
                    return found
            raise
        urn = response.headers.get("x-restli-id") or response.headers.get("x-linkedin-id")
        if not urn:
            # Created, but we cannot tell which one it is: let lookup find it.
            raise Unavailable("LinkedIn created the post without saying its id", ambiguous=True)
        return Published(urn, self.url_for(urn))

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        body = self.request(
            "GET",
            f"/rest/posts?author={quote(self.author, safe='')}&q=author&count={self.lookup_window}",
            headers={**self.headers, "X-RestLi-Method": "FINDER"},
        ).json()
        since = progress.get("since")
        for element in body.get("elements") or []:
            text = unescape_little(element.get("commentary") or "")
            article = ((element.get("content") or {}).get("article") or {}).get("source") or ""
            if post.marker in text or post.marker in article:
                return Published(element["id"], self.url_for(element["id"]))
            created = (element.get("createdAt") or 0) / 1000
            if post.link not in post.text and text == post.text and since is not None and created >= since:
                return Published(element["id"], self.url_for(element["id"]))
        return None

    def delete(self, remote_id: str) -> None:
        try:
            self.request(
                "DELETE",
                f"/rest/posts/{quote(remote_id, safe='')}",
                headers={**self.headers, "X-RestLi-Method": "DELETE"},
            )
        except Rejected as exc:
            if exc.status != 404:  # already gone
                raise

    def check(self) -> str:
        organization = self.config.credentials["organization_id"]
        body = self.request("GET", f"/rest/organizations/{organization}", headers=self.headers).json()
        return body.get("localizedName") or body.get("vanityName") or self.author
