"""An Instagram professional account through the Instagram Graph API
(``graph.facebook.com``, Facebook Login for Business) with a token holding
``instagram_basic`` and ``instagram_content_publish``.

Publishing takes two steps: ``POST /{ig-user-id}/media`` creates a container
from ``image_url`` (Instagram downloads the image itself, so the URL must be
a JPEG reachable from the internet) and ``POST /{ig-user-id}/media_publish``
turns the container into a post. The container id is checkpointed as soon as
it exists; its ``status_code`` (``IN_PROGRESS``, ``FINISHED``, ``PUBLISHED``,
``ERROR``, ``EXPIRED``) then tells every later attempt, and ``lookup``,
whether the post exists. A caption cannot carry a clickable link, and the
API cannot delete posts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import httpx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ._graph import RATE_LIMIT_CODES, graph_error, usage_wait
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

API_VERSION = "v21.0"
IMAGE_CODES = {9004, 36000, 36001, 36003, 36004}
TRANSIENT_CODES = {1, 2, -1, -2}


@register
class InstagramAdapter(Adapter):
    name = "instagram"
    label = "Instagram"
    default_api_base = "https://graph.facebook.com"
    credential_fields = (
        CredentialField(
            "ig_user_id",
            _("Identificador del compte d'Instagram"),
            secret=False,
            help_text=_(
                "L'identificador numèric del compte professional d'Instagram (IG User ID) "
                "vinculat a la pàgina de Facebook, no el nom d'usuari."
            ),
        ),
        CredentialField(
            "access_token",
            _("Token d'accés"),
            help_text=_("Token amb els permisos instagram_basic i instagram_content_publish."),
        ),
    )
    max_length = 2200
    links_clickable = False
    requires_image = True
    image_max_bytes = 8 * 1024 * 1024
    image_max_side = 1440
    # Square posts: a feed shows every ratio cut to its grid's square.
    image_crop = "1x1"
    supports_delete = False
    # Waiting for a container Instagram is still processing.
    poll_attempts = 5
    poll_interval = 2.0
    lookup_window = 25
    guarantee = (
        "Instagram publishes a container exactly once: the container is created first and its "
        "id is checkpointed before anything else, and a container that reports PUBLISHED is "
        "never published again. If the answer to the container creation is lost, the "
        "container is never published and simply expires after 24 hours; the next attempt "
        "creates a new one. If the answer to media_publish is lost, the checkpointed "
        "container's status tells whether it went out: FINISHED means it did not (it is "
        "published by the retry), PUBLISHED means it did, and the post is then identified "
        "among the account's latest 25 posts by its exact caption, published after the "
        "container was created. Only if that post cannot be found (for example after more "
        "than 25 newer posts) does the attempt stop and ask for a manual check; a duplicate "
        "is not possible. The API cannot delete posts: removing one is done by hand in the "
        "Instagram app."
    )

    def measure(self, text: str) -> int:
        return len(text)

    @classmethod
    def validate_credentials(cls, credentials: dict[str, str]) -> dict[str, str]:
        errors = {}
        user_id = (credentials.get("ig_user_id") or "").strip()
        if not user_id:
            errors["ig_user_id"] = _("Cal l'identificador del compte d'Instagram.")
        elif not (user_id.isascii() and user_id.isdigit()) or len(user_id) < 5:
            errors["ig_user_id"] = _(
                "L'identificador del compte és un número llarg (per exemple 17841400000000000), "
                "no el nom d'usuari."
            )
        token = (credentials.get("access_token") or "").strip()
        if not token:
            errors["access_token"] = _("Cal el token d'accés.")
        elif token.lower().startswith(("bearer ", "oauth ")):
            errors["access_token"] = _("Enganxeu només el token, sense cap paraula al davant.")
        elif len(token) < 20 or any(char.isspace() for char in token) or not token.isascii():
            errors["access_token"] = _("Aquest token no té la forma d'un token d'accés de Meta.")
        if errors:
            raise ValidationError(errors)
        return {**credentials, "ig_user_id": user_id, "access_token": token}

    # -- HTTP ------------------------------------------------------------------
    @property
    def user_id(self) -> str:
        return self.config.credentials["ig_user_id"]

    @property
    def token(self) -> str:
        return self.config.credentials["access_token"]

    def get(self, node: str, fields: str, **params) -> dict:
        return self.request(
            "GET",
            f"/{API_VERSION}/{node}",
            params={"fields": fields, **params, "access_token": self.token},
        ).json()

    def post(self, edge: str, data: dict) -> dict:
        return self.request(
            "POST", f"/{API_VERSION}/{self.user_id}/{edge}", data={**data, "access_token": self.token}
        ).json()

    def classify(self, response: httpx.Response) -> NetworkError:
        status = response.status_code
        error = graph_error(response)
        code, subcode = error.get("code"), error.get("error_subcode")
        message = str(error.get("message") or self.error_detail(response))[:300]
        if error.get("error_user_msg"):
            message = f"{message} {str(error['error_user_msg'])[:300]}"
        if subcode == 2207051:  # suspected spam: a rate-limit code, but a refusal
            return Rejected(f"Instagram restricted this post as suspected spam: {message}", status=status)
        if code == 9 and subcode == 2207042:
            # 50 posts per 24 hours: it frees up as the window slides.
            wait = retry_after_from(response) or 3600.0
            return RateLimited(f"Daily publishing limit reached: {message}", status=status, retry_after=wait)
        if status == 429 or code in RATE_LIMIT_CODES:
            wait = usage_wait(response) or retry_after_from(response) or 300.0
            return RateLimited(f"Rate limited: {message}", status=status, retry_after=wait)
        if code in (190, 102, 10) or (isinstance(code, int) and 200 <= code <= 299):
            return AuthError(
                f"Instagram refused the access token or a permission ({code}): {message}", status=status
            )
        if code == 100 and subcode == 33:
            return AuthError(
                f"The Instagram account {self.user_id} does not exist or the token cannot "
                f"reach it: {message}",
                status=status,
            )
        if code in IMAGE_CODES:
            return Rejected(
                "Instagram could not use the image: it must be a JPEG reachable from the internet, "
                f"at most 8 MB, with an aspect ratio between 4:5 and 1.91:1 ({message})",
                status=status,
            )
        if code == -2:  # Instagram timed out downloading the image: no container
            return Unavailable(f"Instagram could not download the image in time: {message}", status=status)
        if status >= 500 or code in TRANSIENT_CODES or error.get("is_transient"):
            return Unavailable(f"Instagram is unavailable ({code}): {message}", status=status, ambiguous=True)
        if status in (401, 403):
            return AuthError(f"Not authorised ({status}): {message}", status=status)
        return Rejected(f"Instagram refused the post ({code}): {message}", status=status)

    # -- publishing ------------------------------------------------------------
    def check_post(self, post: Outgoing) -> None:
        if post.image is None:
            raise Rejected("Instagram cannot publish a post without an image.")
        if post.image.content_type != "image/jpeg":
            raise Rejected(f"Instagram only accepts JPEG images, not {post.image.content_type}.")
        if not post.image.url.startswith(("http://", "https://")):
            raise Rejected(
                "Instagram needs the image at a public http(s) address, which it downloads itself."
            )
        if len(post.text) > self.max_length:
            raise Rejected(
                f"The caption is {len(post.text)} characters long; Instagram allows {self.max_length}."
            )
        if post.text.count("#") > 30:
            raise Rejected("Instagram allows at most 30 hashtags in a caption.")

    def status(self, container_id: str) -> str:
        return self.get(container_id, "status_code,status").get("status_code", "")

    def wait_until_ready(self, container_id: str) -> str:
        for attempt in range(self.poll_attempts):
            status = self.status(container_id)
            if status != "IN_PROGRESS":
                return status
            if attempt + 1 < self.poll_attempts:
                time.sleep(self.poll_interval)
        raise Unavailable("Instagram is still processing the image; trying again later.", retry_after=30.0)

    def publish(self, post: Outgoing, checkpoint: Callable[[dict], None], progress: dict) -> Published:
        self.check_post(post)
        if progress.get("media_id"):
            return self.published(progress["media_id"])
        container_id = progress.get("container_id")
        status = self.wait_until_ready(container_id) if container_id else ""
        if status == "PUBLISHED":
            return self.find_or_stop(post, progress)
        if status in ("EXPIRED", "ERROR"):
            container_id = None  # never published: start over with a new container
        if not container_id:
            data = {"image_url": post.image.url, "caption": post.text}
            if post.image.alt:
                data["alt_text"] = post.image.alt[:1000]
            container_id = str(self.post("media", data)["id"])
            progress = {"container_id": container_id, "created": time.time()}
            checkpoint(progress)
            status = self.wait_until_ready(container_id)
            if status == "ERROR":
                raise Rejected("Instagram could not process the image (container status ERROR).")
        try:
            media_id = str(self.post("media_publish", {"creation_id": container_id})["id"])
        except Rejected:
            # Perhaps an earlier attempt published it after all.
            if self.status(container_id) == "PUBLISHED":
                return self.find_or_stop(post, progress)
            raise
        progress = {**progress, "media_id": media_id}
        checkpoint(progress)
        return self.published(media_id)

    def published(self, media_id: str) -> Published:
        try:
            permalink = self.get(media_id, "permalink").get("permalink")
        except RateLimited:
            raise
        except NetworkError as exc:
            # The post exists and its id is checkpointed: just try again later.
            raise Unavailable(
                f"Published as {media_id}, but its address could not be read: {exc.message}"
            ) from exc
        return Published(media_id, permalink or "https://www.instagram.com/")

    def find_or_stop(self, post: Outgoing, progress: dict) -> Published:
        found = self.find_published(post, progress)
        if found is None:
            raise Unavailable(
                f"Instagram reports container {progress['container_id']} as published, but no recent "
                "post has this caption: check the account by hand.",
                ambiguous=True,
            )
        return found

    def find_published(self, post: Outgoing, progress: dict) -> Published | None:
        body = self.get(f"{self.user_id}/media", "id,caption,permalink,timestamp", limit=self.lookup_window)
        since = progress.get("created", 0) - 60
        matches = []
        for media in body.get("data") or []:
            if (media.get("caption") or "").strip() != post.text.strip():
                continue
            try:
                when = datetime.strptime(media.get("timestamp", ""), "%Y-%m-%dT%H:%M:%S%z").timestamp()
            except ValueError:
                when = since
            if when >= since:
                matches.append((when, media))
        if not matches:
            return None
        _, media = min(matches, key=lambda match: match[0])
        return Published(str(media["id"]), media.get("permalink") or "https://www.instagram.com/")

    def lookup(self, post: Outgoing, progress: dict) -> Published | None:
        if progress.get("media_id"):
            return self.published(progress["media_id"])
        container_id = progress.get("container_id")
        if not container_id:
            return None  # only a checkpointed container is ever published
        if self.status(container_id) != "PUBLISHED":
            return None
        return self.find_or_stop(post, progress)

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError("The Instagram API cannot delete posts: remove it in the Instagram app.")

    def check(self) -> str:
        body = self.get(self.user_id, "username,name")
        return "@" + body["username"] if body.get("username") else body.get("name", self.user_id)
