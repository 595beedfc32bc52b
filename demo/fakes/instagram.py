"""A stand-in for the Instagram Graph API's content publishing: versioned
paths, ``access_token`` parameters, media containers that download
``image_url`` for real (and refuse what Instagram refuses: unreachable URLs,
non-JPEG data, oversized images, aspect ratios outside 4:5..1.91:1),
container status, ``media_publish`` (once per container), the account's
media list and the Graph API's error bodies.

``MediaHost`` is a second fake network that serves images publicly, the way
the site's media storage does in production; mount it next to the Instagram
fake and give its URLs as ``image_url`` (the Instagram fake cannot download
from its own prefix while it handles a request).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import itertools
import json
import re
import socket
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from PIL import Image

from .server import FakeNetwork, Invalid, Request, Response

MEDIA_FIELDS = {"image_url", "caption", "alt_text", "access_token", "media_type", "location_id", "user_tags"}


def graph_error(
    message: str,
    code: int,
    subcode: int | None = None,
    *,
    status: int = 400,
    user_title: str | None = None,
    user_msg: str | None = None,
    transient: bool = False,
    headers: dict | None = None,
) -> Response:
    error: dict = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error["is_transient"] = transient
    if user_title:
        error["error_user_title"] = user_title
    if user_msg:
        error["error_user_msg"] = user_msg
    error["fbtrace_id"] = "AbCdEfGhIjKlMnOp"
    return Response(status, {"error": error}, headers or {})


def fetch_failed(url: str, why: str) -> Response:
    return graph_error(
        "Only photo or video can be accepted as media type.",
        9004,
        2207052,
        user_title="Media download has failed.",
        user_msg=f"The media could not be fetched from this uri: {url} ({why})",
    )


class MediaHost(FakeNetwork):
    """Public file hosting for images Instagram must download itself."""

    prefix = "files"

    def __init__(self):
        super().__init__()
        self.files: dict[str, tuple[str, bytes]] = {}

    def add(self, name: str, data: bytes, content_type: str = "image/jpeg") -> str:
        self.files[name] = (content_type, data)
        return f"{self.base_url}/{name}"

    def routes(self):
        return [("GET", r"/(?P<name>.+)", self.serve)]

    def serve(self, request: Request, name: str) -> Response:
        if name not in self.files:
            return Response(404, "Not found")
        content_type, data = self.files[name]
        return Response(200, data, {"Content-Type": content_type})


class FakeInstagram(FakeNetwork):
    prefix = "instagram"

    def __init__(
        self,
        *,
        ig_user_id: str = "17841400000000001",
        access_token: str = "EAAGinstagram-graph-token-0123456789",
        username: str = "ajuntament",
        refuse_private_urls: bool = False,
    ):
        super().__init__()
        self.ig_user_id = ig_user_id
        self.access_token = access_token
        self.expired_tokens: set[str] = set()
        self.username = username
        # Real Instagram cannot reach localhost or private networks; the
        # tests and the demo serve images locally, so this is opt-in.
        self.refuse_private_urls = refuse_private_urls
        self.fetch_timeout = 3.0
        # (URL prefix, folder): the site's public media, read from the folder
        # where the tests write them, since the site itself is not served.
        self.site_files: tuple[str, Path] | None = None
        # How many status reads report IN_PROGRESS before a new container is FINISHED.
        self.processing_polls = 0
        self.containers: dict[str, dict] = {}
        self.ids = itertools.count(17900000000000001)

    def reset(self) -> None:
        super().reset()
        self.containers.clear()

    def routes(self):
        return [
            ("POST", r"/(?P<user>\d+)/media", self.create_container),
            ("GET", r"/(?P<user>\d+)/media", self.list_media),
            ("POST", r"/(?P<user>\d+)/media_publish", self.publish),
            ("GET", r"/(?P<node>\d+)", self.read),
        ]

    # -- canned answers for ``script`` -----------------------------------------
    def rate_limited(self, minutes: int = 15) -> Response:
        usage = {
            self.ig_user_id: [
                {
                    "type": "instagram",
                    "call_count": 100,
                    "total_cputime": 12,
                    "total_time": 14,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        return graph_error(
            "There have been too many calls to this Instagram account. Wait a bit and try again.",
            80002,
            transient=True,
            headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
        )

    @staticmethod
    def expired() -> Response:
        return graph_error(
            "Error validating access token: Session has expired on Tuesday, 25-Nov-26 10:00:00 PST.",
            190,
            463,
        )

    # -- checks every call -----------------------------------------------------
    def _token(self, request: Request) -> str | None:
        if "access_token" in request.query:
            return request.query["access_token"][-1]
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            token = request.form().get("access_token")
            if token:
                return token
        auth = request.headers.get("authorization", "")
        for scheme in ("Bearer ", "OAuth "):
            if auth.startswith(scheme):
                return auth.removeprefix(scheme)
        return None

    def _route(self, request: Request) -> Response:
        match = re.fullmatch(r"/v(\d+)\.0(/.*)", request.path)
        if not match:
            with self.lock:
                self.violations.append(f"{request.method} {request.path}: unversioned Graph API path")
            return graph_error("Unknown path components: " + request.path, 2500)
        if int(match.group(1)) < 20:
            return graph_error(
                f"(#2635) You are calling a deprecated version of the Graph API: v{match[1]}.0", 2635
            )
        token = self._token(request)
        if token is None:
            with self.lock:
                self.violations.append(f"{request.method} {request.path}: no access token")
            return graph_error("An access token is required to request this resource.", 104)
        if token in self.expired_tokens:
            return self.expired()
        if token != self.access_token:
            return graph_error("Invalid OAuth access token - Cannot parse access token", 190)
        return super()._route(dataclasses.replace(request, path=match.group(2)))

    def _params(self, request: Request) -> dict[str, str]:
        content_type = request.headers.get("content-type", "")
        params = {key: values[-1] for key, values in request.query.items()}
        if content_type.startswith("application/x-www-form-urlencoded"):
            params |= request.form()
        elif request.body:
            raise Invalid(f"Graph API POST bodies are form-encoded, got {content_type!r}")
        return params

    def _user(self, user: str) -> Response | None:
        if user != self.ig_user_id:
            return graph_error(
                f"Unsupported post request. Object with ID '{user}' does not exist, cannot be loaded "
                "due to missing permissions, or does not support this operation.",
                100,
                33,
            )
        return None

    # -- containers ------------------------------------------------------------
    def _download(self, url: str) -> bytes | Response:
        if self.site_files and url.startswith(self.site_files[0]):
            local = self.site_files[1] / url.removeprefix(self.site_files[0]).lstrip("/")
            return local.read_bytes() if local.is_file() else fetch_failed(url, "HTTP 404")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return fetch_failed(url, "not an http(s) URL")
        if self.refuse_private_urls:
            try:
                address = ipaddress.ip_address(socket.gethostbyname(parts.hostname))
            except (OSError, ValueError):
                return fetch_failed(url, "unknown host")
            if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
                return fetch_failed(url, "private address")
        try:
            answer = httpx.get(url, timeout=self.fetch_timeout, follow_redirects=True)
        except httpx.TimeoutException:
            return graph_error(
                "It takes too long to download the media.", -2, 2207003, user_msg="Timeout downloading media"
            )
        except httpx.HTTPError as exc:
            return fetch_failed(url, type(exc).__name__)
        if answer.status_code != 200:
            return fetch_failed(url, f"HTTP {answer.status_code}")
        return answer.content

    def create_container(self, request: Request, user: str) -> Response:
        if refused := self._user(user):
            return refused
        params = self._params(request)
        unknown = set(params) - MEDIA_FIELDS
        if unknown:
            raise Invalid(f"unknown parameters {sorted(unknown)}")
        if "image_url" not in params:
            raise Invalid("image_url is required for an image container")
        caption = params.get("caption", "")
        if len(caption) > 2200:
            return graph_error(
                "The caption is too long.", 100, 2207010, user_msg="Caption exceeds 2200 characters"
            )
        if caption.count("#") > 30:
            return graph_error("Too many hashtags.", 100, 2207010, user_msg="At most 30 hashtags")
        if len(params.get("alt_text", "")) > 1000:
            raise Invalid("alt_text longer than 1000 characters")
        data = self._download(params["image_url"])
        if isinstance(data, Response):
            return data
        if not data.startswith(b"\xff\xd8\xff"):
            return fetch_failed(params["image_url"], "not a JPEG image")
        if len(data) > 8 * 1024 * 1024:
            return graph_error(
                "The image size is too large.",
                36000,
                2207004,
                user_title="Image size too large",
                user_msg="The image is too large to download. It should be less than 8 MiB.",
            )
        width, height = Image.open(BytesIO(data)).size
        ratio = width / height
        if not 0.8 <= ratio <= 1.91:
            return graph_error(
                f"The submitted image with aspect ratio ('{width}/{height}') cannot be published. "
                "Please submit an image with a valid aspect ratio.",
                36003,
                2207009,
            )
        container_id = str(next(self.ids))
        self.containers[container_id] = {
            "id": container_id,
            "status_code": "IN_PROGRESS" if self.processing_polls else "FINISHED",
            "polls_left": self.processing_polls,
            "image_url": params["image_url"],
            "caption": caption,
            "alt_text": params.get("alt_text"),
            "media_id": None,
        }
        return Response(200, {"id": container_id})

    def publish(self, request: Request, user: str) -> Response:
        if refused := self._user(user):
            return refused
        params = self._params(request)
        if set(params) != {"creation_id", "access_token"}:
            raise Invalid(f"media_publish takes creation_id only, got {sorted(params)}")
        container = self.containers.get(params["creation_id"])
        if container is None or container["status_code"] == "PUBLISHED":
            return graph_error(
                f"The media builder with creation id = {params['creation_id']} does not exist or has "
                "already been published.",
                24,
                2207008,
            )
        if container["status_code"] != "FINISHED":
            return graph_error(
                "Media ID is not available",
                9007,
                2207027,
                user_msg="The media is not ready for publishing, please wait for a moment",
            )
        media_id = str(next(self.ids))
        container |= {"status_code": "PUBLISHED", "media_id": media_id}
        self.posts[media_id] = {
            "id": media_id,
            "caption": container["caption"],
            "alt_text": container["alt_text"],
            "image_url": container["image_url"],
            "media_type": "IMAGE",
            "permalink": f"https://www.instagram.com/p/C{media_id[-9:]}/",
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "container_id": container["id"],
        }
        return Response(200, {"id": media_id})

    # -- reading ---------------------------------------------------------------
    @staticmethod
    def _fields(request: Request) -> set[str]:
        return set(",".join(request.query.get("fields", [])).split(",")) - {""}

    def read(self, request: Request, node: str) -> Response:
        fields = self._fields(request) or {"id"}
        if node == self.ig_user_id:
            user = {"id": node, "username": self.username, "name": "Ajuntament"}
            return Response(200, {key: user[key] for key in fields & set(user)} | {"id": node})
        if node in self.containers:
            container = self.containers[node]
            if container["status_code"] == "IN_PROGRESS":
                container["polls_left"] -= 1
                if container["polls_left"] < 0:
                    container["status_code"] = "FINISHED"
            status = {
                "IN_PROGRESS": "In Progress: Media is still being processed.",
                "FINISHED": "Finished: Media has been uploaded and it is ready to be published.",
                "PUBLISHED": "Published: Media has been successfully published.",
            }.get(container["status_code"], container["status_code"])
            shown = {"id": node, "status_code": container["status_code"], "status": status}
            return Response(200, {key: shown[key] for key in fields & set(shown)} | {"id": node})
        if node in self.posts:
            media = {key: value for key, value in self.posts[node].items() if key != "container_id"}
            return Response(200, {key: media[key] for key in fields & set(media)} | {"id": node})
        return graph_error(
            f"Unsupported get request. Object with ID '{node}' does not exist, cannot be loaded due "
            "to missing permissions, or does not support this operation.",
            100,
            33,
        )

    def list_media(self, request: Request, user: str) -> Response:
        if refused := self._user(user):
            return refused
        fields = self._fields(request) or {"id"}
        limit = int((request.query.get("limit") or ["25"])[-1])
        if not 1 <= limit <= 100:
            raise Invalid("limit must be between 1 and 100")
        posts = sorted(self.posts.values(), key=lambda post: int(post["id"]), reverse=True)[:limit]
        data = [{key: post[key] for key in fields & set(post)} | {"id": post["id"]} for post in posts]
        return Response(200, {"data": data, "paging": {"cursors": {"before": "QVFIA", "after": "QVFIB"}}})
