"""The Graph API for one Facebook Page: feed and photo posts, permalinks,
the Page's feed, deletion, Graph-style errors and usage headers."""

from __future__ import annotations

import itertools
import json
import re
import secrets
import string
from urllib.parse import parse_qs, urlsplit

from .server import FakeNetwork, Invalid, Request, Response

IMAGE_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff", "image/webp": b"RIFF"}
MIN_VERSION = (19, 0)


def graph_error(status: int, message: str, code: int, subcode: int | None = None, kind="OAuthException"):
    error = {"message": message, "type": kind, "code": code, "fbtrace_id": "A" + secrets.token_hex(8)}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response(status, {"error": error})


class FakeFacebook(FakeNetwork):
    prefix = "facebook"

    def __init__(self, page_id: str = "104857600123456"):
        super().__init__()
        self.page_id = page_id
        self.page_name = "Ajuntament d'Hostalric"
        self.token = "EAA" + "".join(secrets.choice(string.ascii_letters + string.digits) for _i in range(60))
        self.expired_tokens: set[str] = set()
        self._ids = itertools.count(1000001)

    # -- helpers for tests ----------------------------------------------------
    def expire_token(self) -> None:
        self.expired_tokens.add(self.token)
        self.token = "EAA" + secrets.token_hex(30)

    def throttle(self, edge: str = "feed", *, minutes: int = 7) -> None:
        """Page-level throttling: Graph code 32 plus the usage header saying when access returns."""
        usage = {
            self.page_id: [
                {
                    "type": "pages",
                    "call_count": 100,
                    "total_cputime": 40,
                    "total_time": 60,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        response = graph_error(400, "Page request limit reached", 32)
        response.headers["X-Business-Use-Case-Usage"] = json.dumps(usage)
        self.script("POST", rf"/v[\d.]+/{self.page_id}/{edge}", response)

    # -- plumbing -------------------------------------------------------------
    def routes(self):
        version = r"/v(?P<version>\d+\.\d+)"
        return [
            ("POST", rf"{version}/(?P<page>\d+)/feed", self.create_feed_post),
            ("GET", rf"{version}/(?P<page>\d+)/feed", self.list_feed),
            ("POST", rf"{version}/(?P<page>\d+)/photos", self.create_photo),
            ("GET", rf"{version}/me", self.me),
            ("GET", rf"{version}/(?P<object_id>\d+(?:_\d+)?)", self.get_object),
            ("DELETE", rf"{version}/(?P<object_id>\d+(?:_\d+)?)", self.delete_object),
        ]

    def _params(self, request: Request) -> dict:
        params = {name: values[-1] for name, values in request.query.items()}
        content_type = request.headers.get("content-type", "")
        if request.body:
            if content_type.startswith("application/x-www-form-urlencoded"):
                params.update({k: v[-1] for k, v in parse_qs(request.body.decode()).items()})
            elif content_type.startswith("application/json"):
                params.update(request.json())
            elif content_type.startswith("multipart/form-data"):
                for name, (filename, part_type, data) in request.multipart().items():
                    params[name] = (filename, part_type, data) if filename else data.decode()
            else:
                raise Invalid(f"unsupported Content-Type {content_type!r}")
        return params

    def _authorise(self, request: Request, version: str, params: dict) -> Response | None:
        if tuple(int(part) for part in version.split(".")) < MIN_VERSION:
            return graph_error(
                400, f"(#2635) You are calling a deprecated version of the Graph API v{version}.", 2635
            )
        header = request.headers.get("authorization", "")
        token = header[7:] if header.startswith("Bearer ") else params.get("access_token")
        if not token:
            raise Invalid("no access token (Authorization: Bearer or access_token)")
        if "access_token" in request.query:
            raise Invalid("access token in the URL: it ends up in logs")
        if token in self.expired_tokens:
            return graph_error(
                400,
                "Error validating access token: Session has expired on Thursday, 26-Nov-26 10:00:00 PST.",
                190,
                463,
            )
        if token != self.token:
            return graph_error(400, "Invalid OAuth access token - Cannot parse access token", 190)
        return None

    def _check_page(self, page: str) -> Response | None:
        if page != self.page_id:
            return graph_error(
                403,
                "(#200) The user hasn't authorized the application to perform this action",
                200,
                kind="OAuthException",
            )
        return None

    def _ok(self, body) -> Response:
        usage = {"call_count": min(99, len(self.requests)), "total_cputime": 1, "total_time": 1}
        return Response(200, body, {"X-App-Usage": json.dumps(usage)})

    def _new_post(self, message: str, **extra) -> str:
        post_id = f"{self.page_id}_{next(self._ids)}"
        self.posts[post_id] = {
            "id": post_id,
            "message": message,
            "created_time": "2026-11-26T10:00:00+0000",
            "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{post_id.split('_')[1]}",
            **extra,
        }
        return post_id

    # -- endpoints ------------------------------------------------------------
    def create_feed_post(self, request: Request, version: str, page: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params) or self._check_page(page):
            return denied
        message, link = params.get("message", ""), params.get("link")
        if not message and not link:
            return graph_error(
                400, "(#100) Either a message or a link must be supplied", 100, kind="GraphMethodException"
            )
        if link is not None and (urlsplit(link).scheme not in ("http", "https") or not urlsplit(link).netloc):
            return graph_error(400, "(#100) The link is not a valid URL", 100)
        if params.get("published", "true") != "true":
            raise Invalid("posts must be published now (published=true or omitted)")
        if len(message) > 63206:
            return graph_error(400, "(#100) The message is too long", 100)
        if self.deduplicates and any(
            p["message"] == message and p.get("link") == link for p in self.posts.values()
        ):
            return graph_error(400, "Duplicate status message", 506)
        return self._ok({"id": self._new_post(message, link=link)})

    def create_photo(self, request: Request, version: str, page: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params) or self._check_page(page):
            return denied
        source, url = params.get("source"), params.get("url")
        if source is None and url is None:
            raise Invalid("a photo needs a multipart 'source' file or a 'url'")
        if source is not None:
            if not isinstance(source, tuple):
                raise Invalid("'source' must be a multipart file upload")
            magic = IMAGE_MAGIC.get(source[1])
            if magic is None or not source[2].startswith(magic):
                raise Invalid(f"'source' is not a {source[1]} image")
        if params.get("published", "true") != "true":
            raise Invalid("photos must be published now (published=true)")
        for name in ("caption", "alt_text_custom"):
            if name in params and not isinstance(params[name], str):
                raise Invalid(f"{name} must be a text field")
        photo_id = str(next(self._ids))
        post_id = self._new_post(
            params.get("caption", ""), photo_id=photo_id, alt=params.get("alt_text_custom")
        )
        return self._ok({"id": photo_id, "post_id": post_id})

    def list_feed(self, request: Request, version: str, page: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params) or self._check_page(page):
            return denied
        limit = int(params.get("limit", 25))
        if not 1 <= limit <= 100:
            raise Invalid(f"limit must be 1-100, got {limit}")
        fields = [name for name in params.get("fields", "id").split(",") if name]
        if unknown := set(fields) - {"id", "message", "permalink_url", "created_time"}:
            raise Invalid(f"unknown fields {sorted(unknown)}")
        newest = sorted(self.posts.values(), key=lambda post: int(post["id"].split("_")[1]), reverse=True)
        data = [{name: post[name] for name in fields if post.get(name)} for post in newest[:limit]]
        return self._ok({"data": data, "paging": {}})

    def me(self, request: Request, version: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params):
            return denied
        return self._ok({"id": self.page_id, "name": self.page_name})

    def get_object(self, request: Request, version: str, object_id: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params):
            return denied
        if object_id == self.page_id:
            return self._ok({"id": self.page_id, "name": self.page_name})
        post = self.posts.get(object_id)
        if post is None:
            return graph_error(
                400,
                f"Unsupported get request. Object with ID '{object_id}' does not exist",
                100,
                33,
                kind="GraphMethodException",
            )
        fields = [name for name in params.get("fields", "id").split(",") if name]
        if not re.fullmatch(r"[a-z_,]+", ",".join(fields)):
            raise Invalid(f"bad fields {fields}")
        return self._ok({"id": object_id, **{name: post.get(name) for name in fields}})

    def delete_object(self, request: Request, version: str, object_id: str) -> Response:
        params = self._params(request)
        if denied := self._authorise(request, version, params):
            return denied
        if self.posts.pop(object_id, None) is None:
            return graph_error(
                400,
                f"Unsupported delete request. Object with ID '{object_id}' does not exist",
                100,
                33,
                kind="GraphMethodException",
            )
        self.deleted.append(object_id)
        return self._ok({"success": True})
