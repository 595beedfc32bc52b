"""X (formerly Twitter) through the X API v2 with an OAuth 2.0 user-context
access token.

* ``POST /2/media/upload`` (multipart: ``media`` and ``media_category=
  tweet_image``) uploads the image in one shot and answers ``data.id``;
  ``POST /2/media/metadata`` then sets its alt text.
* ``POST /2/tweets`` with ``{"text", "media": {"media_ids": [...]}}`` creates
  the post.
* X rewrites every URL to a ``t.co`` link in the stored text, so ``lookup``
  reads the account's latest posts with ``tweet.fields=entities`` and looks
  for the post's ``marker`` in ``entities.urls[].expanded_url``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import httpx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from twitter_text import parse_tweet

from .base import (
    Adapter,
    CredentialField,
    NetworkError,
    Outgoing,
    Published,
    RateLimited,
    Rejected,
    register,
    retry_after_from,
)

DUPLICATE = "duplicate content"


def _created_after(created_at: str | None, since: float | None) -> bool:
    if not created_at or since is None:
        return False
    try:
        return datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp() >= since
    except ValueError:
        return False


TOKEN_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=%:")


@register
class XAdapter(Adapter):
    name = "x"
    label = "X"
    default_api_base = "https://api.x.com"
    credential_fields = (
        CredentialField(
            "access_token",
            _("Token d'accés (OAuth 2.0, context d'usuari)"),
            help_text=_(
                "Token d'accés OAuth 2.0 del compte amb els permisos tweet.read, tweet.write, "
                "users.read i media.write."
            ),
        ),
    )
    max_length = 280
    live_count = "x"
    image_max_bytes = 5 * 1024 * 1024
    supports_delete = True
    # How many of the account's latest posts ``lookup`` reads.
    lookup_window = 20
    guarantee = (
        "X has no idempotency key, so a post is created at most once per attempt and "
        "duplicates are prevented by looking before retrying: an image uploaded by an "
        "attempt that then crashed is simply uploaded again (unused media expires on "
        "its own within a day). If the answer to POST /2/tweets is lost (timeout, "
        "dropped connection, 5xx), the post is looked up among the account's latest "
        "20 posts by the marker in its link's expanded URL before any retry, and X "
        "itself refuses a second post with identical text (403 duplicate content), "
        "which is also resolved by that lookup. A duplicate is therefore only "
        "possible if a post without a link was published, its answer was lost and "
        "more than 20 other posts followed before the retry. A post carrying no "
        "link is matched by its exact text among the posts created since its "
        "first attempt began (checkpointed before anything is sent), so an old, "
        "unrelated post with the same text is never mistaken for it (X then "
        "refuses the new one as duplicate content)."
    )

    # -- measuring -------------------------------------------------------------
    def measure(self, text: str) -> int:
        # X's weighted length: every URL counts 23, CJK and emoji count 2.
        return parse_tweet(text).weightedLength

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        token = (credentials.get("access_token") or "").strip()
        if not token:
            raise ValidationError({"access_token": _("Cal el token d'accés.")})
        if token.lower().startswith("bearer "):
            raise ValidationError({"access_token": _("Enganxeu només el token, sense la paraula «Bearer».")})
        if len(token) < 20 or not set(token) <= TOKEN_CHARACTERS:
            raise ValidationError(
                {"access_token": _("Aquest token no té la forma d'un token d'accés OAuth 2.0 d'X.")}
            )
        return {**credentials, "access_token": token}

    # -- HTTP ------------------------------------------------------------------
    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.config.credentials['access_token']}"}

    def classify(self, response: httpx.Response) -> NetworkError:
        status = response.status_code
        detail = self.error_detail(response)
        if status == 429:
            retry_after = retry_after_from(response)
            return RateLimited(
                f"Rate limited: {detail}", status=status, retry_after=retry_after if retry_after else 60.0
            )
        if status == 403 and DUPLICATE in detail.lower():
            # Not a permission problem: X already holds a post with this text.
            return Rejected(f"X refused a duplicate post: {detail}", status=status)
        return super().classify(response)

    @staticmethod
    def error_detail(response: httpx.Response) -> str:
        # v2 errors are RFC 7807 problems ({"title", "detail", "type"}) or
        # {"errors": [{"message"}]}.
        try:
            body = response.json()
        except ValueError:
            return response.text[:300]
        if isinstance(body, dict):
            if isinstance(body.get("detail"), str):
                return body["detail"][:300]
            errors = body.get("errors")
            if isinstance(errors, list) and errors and isinstance(errors[0], dict):
                first = errors[0]
                return str(first.get("message") or first.get("detail") or first)[:300]
        return Adapter.error_detail(response)

    def me(self) -> dict:
        """The account's id and username, cached in the session."""
        session = self.config.session
        if not (session.get("user_id") and session.get("username")):
            data = self.request("GET", "/2/users/me", headers=self.headers).json()["data"]
            session["user_id"], session["username"] = data["id"], data["username"]
        return {"id": session["user_id"], "username": session["username"]}

    def url_for(self, tweet_id: str) -> str:
        return f"https://x.com/{self.me()['username']}/status/{tweet_id}"

    # -- publishing ------------------------------------------------------------
    def upload_image(self, post: Outgoing) -> str:
        image = post.image
        extension = image.content_type.rsplit("/", 1)[-1]
        data = self.request(
            "POST",
            "/2/media/upload",
            headers=self.headers,
            data={"media_category": "tweet_image"},
            files={"media": (f"image.{extension}", image.data, image.content_type)},
        ).json()["data"]
        media_id = str(data["id"])
        if image.alt:
            self.request(
                "POST",
                "/2/media/metadata",
                headers=self.headers,
                json={"id": media_id, "metadata": {"alt_text": {"text": image.alt[:1000]}}},
            )
        return media_id

    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        if self.measure(post.text) > self.max_length:
            raise Rejected(
                f"The text is {self.measure(post.text)} characters long; X allows {self.max_length}."
            )
        self.me()  # the username for the URL, before anything is created
        if not progress.get("since"):
            # When the first attempt began: a post without a link is matched
            # by its text, but only among posts created after this moment.
            progress = {**progress, "since": time.time() - 60}
            checkpoint(progress)
        payload: dict = {"text": post.text}
        if post.image is not None:
            payload["media"] = {"media_ids": [self.upload_image(post)]}
        try:
            response = self.request("POST", "/2/tweets", headers=self.headers, json=payload)
        except Rejected as exc:
            if exc.status == 403 and DUPLICATE in exc.message.lower():
                # An earlier attempt probably got through: find it.
                found = self.lookup(post, progress)
                if found is not None:
                    return found
            raise
        tweet_id = str(response.json()["data"]["id"])
        return Published(tweet_id, self.url_for(tweet_id))

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        user = self.me()
        body = self.request(
            "GET",
            f"/2/users/{user['id']}/tweets",
            headers=self.headers,
            params={"max_results": self.lookup_window, "tweet.fields": "entities,created_at"},
        ).json()
        for tweet in body.get("data") or []:
            urls = (tweet.get("entities") or {}).get("urls") or []
            if any(post.marker in (url.get("expanded_url") or "") for url in urls):
                return Published(str(tweet["id"]), self.url_for(str(tweet["id"])))
            if (
                post.link not in post.text
                and tweet.get("text", "").strip() == post.text.strip()
                and _created_after(tweet.get("created_at"), progress.get("since"))
            ):
                return Published(str(tweet["id"]), self.url_for(str(tweet["id"])))
        return None

    def delete(self, remote_id: str) -> None:
        try:
            self.request("DELETE", f"/2/tweets/{remote_id}", headers=self.headers)
        except Rejected as exc:
            if exc.status != 404:  # already gone
                raise

    def check(self) -> str:
        data = self.request("GET", "/2/users/me", headers=self.headers).json()["data"]
        self.config.session["user_id"], self.config.session["username"] = data["id"], data["username"]
        return "@" + data["username"]
