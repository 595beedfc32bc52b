"""A stand-in for LinkedIn's versioned REST API for an organisation page:
``LinkedIn-Version`` and ``X-Restli-Protocol-Version`` headers, bearer
tokens (valid, expired), the Images API upload handshake with an upload URL
on this fake, the Posts API (create with the exact JSON shape, find by
author, delete by URL-encoded URN), little-text commentary whose reserved
characters must be escaped, duplicate-content refusal and the
organisation lookup."""

from __future__ import annotations

import itertools
import re
import time
from urllib.parse import unquote

from .server import FakeNetwork, Invalid, Request, Response

RESERVED = "\\|{}@[]()<>#*_~"
# A URL ends before whitespace, an escape or trailing punctuation.
URL = re.compile(r"https?://[^\s\\]+?(?=[.,;:!?'\")\]}>]*(?:\s|$|\\))")
HASHTAG = re.compile(r"(?<![\w&#])#\w+")
MENTION = re.compile(r"@\[[^\]\\]+\]\(urn:li:(?:person|organization):\d+\)")
HASHTAG_TEMPLATE = re.compile(r"\{hashtag\|\\#\|[^}]+\}")
POST_FIELDS = {
    "author",
    "commentary",
    "visibility",
    "distribution",
    "content",
    "lifecycleState",
    "isReshareDisabledByAuthor",
    "contentLandingPage",
    "contentCallToActionLabel",
    "container",
    "reshareContext",
    "adContext",
}
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8")


def little_to_text(commentary: str) -> str:
    """Check ``commentary`` is valid little text and return what LinkedIn
    shows; raise ``Invalid`` at the first unescaped reserved character (the
    real API accepts it and silently truncates the post there)."""
    shown, index = [], 0
    while index < len(commentary):
        char = commentary[index]
        if char == "\\":
            if index + 1 < len(commentary) and commentary[index + 1] in RESERVED:
                shown.append(commentary[index + 1])
                index += 2
                continue
            raise Invalid(f"commentary: stray backslash at {index}")
        for pattern in (URL, HASHTAG, MENTION, HASHTAG_TEMPLATE):
            match = pattern.match(commentary, index)
            if match:
                end = match.end()
                if pattern is URL:  # a ")" balancing a "(" in the URL is part of it
                    while end < len(commentary) and commentary[end] == ")":
                        if commentary[index:end].count("(") <= commentary[index:end].count(")"):
                            break
                        end += 1
                shown.append(commentary[index:end])
                index = end
                break
        else:
            if char in RESERVED:
                raise Invalid(
                    f"commentary: unescaped reserved character {char!r} at {index} "
                    f"(LinkedIn would cut the text there): {commentary[max(0, index - 20) : index + 20]!r}"
                )
            shown.append(char)
            index += 1
    return "".join(shown)


def error(status: int, message: str, code: str | None = None, service_code: int | None = None) -> Response:
    body: dict = {"status": status, "message": message}
    if code:
        body["code"] = code
    if service_code:
        body["serviceErrorCode"] = service_code
    return Response(status, body)


class FakeLinkedIn(FakeNetwork):
    prefix = "linkedin"

    def __init__(
        self,
        *,
        organization_id: str = "12345678",
        access_token: str = "AQX-linkedin-member-token-0123456789",
        name: str = "Ajuntament de Vilanova",
        oldest_version: str = "202411",
    ):
        super().__init__()
        self.organization_id = organization_id
        self.access_token = access_token
        self.expired_tokens: set[str] = set()
        self.name = name
        self.oldest_version = oldest_version
        self.images: dict[str, dict] = {}
        self.uploads: dict[str, str] = {}
        self.ids = itertools.count(7400000000000000001)

    @property
    def author(self) -> str:
        return f"urn:li:organization:{self.organization_id}"

    def reset(self) -> None:
        super().reset()
        self.images.clear()
        self.uploads.clear()

    def routes(self):
        return [
            ("POST", r"/rest/images", self.initialize_upload),
            ("PUT", r"/upload/(?P<token>[\w-]+)", self.upload),
            ("POST", r"/rest/posts", self.create),
            ("GET", r"/rest/posts", self.find),
            ("DELETE", r"/rest/posts/(?P<urn>[^/]+)", self.destroy),
            ("GET", r"/rest/organizations/(?P<organization>\d+)", self.organization),
        ]

    # -- canned answers for ``script`` -----------------------------------------
    @staticmethod
    def throttled(retry_after: int | None = None) -> Response:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return Response(
            429,
            {
                "status": 429,
                "message": (
                    "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."
                ),
            },
            headers,
        )

    @staticmethod
    def expired() -> Response:
        return error(401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN", 65601)

    # -- checks every call -----------------------------------------------------
    def _route(self, request: Request) -> Response:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            with self.lock:
                self.violations.append(f"{request.method} {request.path}: no bearer token")
            return error(401, "Empty oauth2 access token", "EMPTY_ACCESS_TOKEN", 65604)
        token = auth.removeprefix("Bearer ")
        if token in self.expired_tokens:
            return self.expired()
        if token != self.access_token:
            return error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600)
        if request.path.startswith("/rest/"):
            version = request.headers.get("linkedin-version")
            if version is None:
                with self.lock:
                    self.violations.append(f"{request.method} {request.path}: no LinkedIn-Version header")
                return error(
                    400,
                    "A version must be present. Please specify a version by adding the "
                    "LinkedIn-Version header.",
                    "VERSION_MISSING",
                )
            if not re.fullmatch(r"20\d\d(0[1-9]|1[0-2])", version):
                with self.lock:
                    self.violations.append(
                        f"{request.method} {request.path}: malformed LinkedIn-Version {version!r}"
                    )
                return error(400, f"Invalid version {version}", "NONEXISTENT_VERSION")
            if version < self.oldest_version:
                return error(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
            if request.headers.get("x-restli-protocol-version") != "2.0.0":
                with self.lock:
                    self.violations.append(
                        f"{request.method} {request.path}: X-Restli-Protocol-Version must be 2.0.0"
                    )
                return error(400, "Rest.li protocol 2.0.0 is required")
        return super()._route(request)

    @staticmethod
    def _json(request: Request) -> dict:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Invalid("the body must be JSON")
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid("the body must be a JSON object")
        return body

    # -- images ----------------------------------------------------------------
    def initialize_upload(self, request: Request) -> Response:
        if request.query.get("action") != ["initializeUpload"]:
            raise Invalid("expected ?action=initializeUpload")
        body = self._json(request)
        if set(body) != {"initializeUploadRequest"} or set(body["initializeUploadRequest"]) != {"owner"}:
            raise Invalid(f"expected {{initializeUploadRequest: {{owner}}}}, got {body!r}")
        owner = body["initializeUploadRequest"]["owner"]
        if owner != self.author:
            return error(403, f"Not enough permissions to upload images for {owner}", "ACCESS_DENIED", 100)
        number = next(self.ids)
        urn = f"urn:li:image:D4E10AQ{number}"
        token = f"img-{number}"
        self.images[urn] = {"owner": owner, "status": "WAITING_UPLOAD", "data": None}
        self.uploads[token] = urn
        return Response(
            200,
            {
                "value": {
                    "uploadUrlExpiresAt": int(time.time() * 1000) + 3_600_000,
                    "uploadUrl": f"{self.base_url}/upload/{token}",
                    "image": urn,
                }
            },
        )

    def upload(self, request: Request, token: str) -> Response:
        urn = self.uploads.get(token)
        if urn is None:
            return error(404, "Upload URL not found or expired")
        if not request.body.startswith(IMAGE_SIGNATURES):
            raise Invalid("the uploaded bytes are not a JPEG, PNG or GIF image")
        self.images[urn] |= {"status": "AVAILABLE", "data": request.body}
        return Response(201, b"")

    # -- posts -----------------------------------------------------------------
    def create(self, request: Request) -> Response:
        body = self._json(request)
        unknown = set(body) - POST_FIELDS
        if unknown:
            raise Invalid(f"unrecognized fields {sorted(unknown)}")
        missing = {"author", "commentary", "visibility", "distribution", "lifecycleState"} - set(body)
        if missing:
            raise Invalid(f"required fields missing: {sorted(missing)}")
        if body["author"] != self.author:
            return error(403, f"Not enough permissions to post as {body['author']}", "ACCESS_DENIED", 100)
        if body["visibility"] not in ("PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"):
            raise Invalid(f"bad visibility {body['visibility']!r}")
        if body["lifecycleState"] not in ("PUBLISHED", "DRAFT"):
            raise Invalid(f"bad lifecycleState {body['lifecycleState']!r}")
        distribution = body["distribution"]
        if not isinstance(distribution, dict) or distribution.get("feedDistribution") not in (
            "MAIN_FEED",
            "NONE",
        ):
            raise Invalid(f"bad distribution {distribution!r}")
        for key in ("targetEntities", "thirdPartyDistributionChannels"):
            if not isinstance(distribution.get(key, []), list):
                raise Invalid(f"distribution.{key} must be a list")
        if not isinstance(body.get("isReshareDisabledByAuthor", False), bool):
            raise Invalid("isReshareDisabledByAuthor must be a boolean")
        commentary = body["commentary"]
        if not isinstance(commentary, str):
            raise Invalid("commentary must be a string")
        if len(commentary) > 3000:
            return error(422, "ERROR :: /commentary :: length exceeds 3000")
        shown = little_to_text(commentary)
        content = body.get("content")
        if content is not None:
            self._check_content(content)
        for urn, post in self.posts.items() if self.deduplicates else ():
            if post["commentary"] == commentary and post.get("content") == content:
                return error(422, f"Content is a duplicate of {urn}", "DUPLICATE_POST")
        urn = f"urn:li:share:{next(self.ids)}"
        now = int(time.time() * 1000)
        self.posts[urn] = {
            "id": urn,
            **body,
            "createdAt": now,
            "lastModifiedAt": now,
            "publishedAt": now,
            "shown": shown,
        }
        return Response(201, b"", {"x-restli-id": urn, "x-linkedin-id": urn})

    def _check_content(self, content) -> None:
        if not isinstance(content, dict) or len(content) != 1:
            raise Invalid(f"content must hold exactly one of media/article/..., got {content!r}")
        if "media" in content:
            media = content["media"]
            if (
                not isinstance(media, dict)
                or not set(media) <= {"id", "altText", "title"}
                or "id" not in media
            ):
                raise Invalid(f"content.media must be {{id, altText?}}, got {media!r}")
            image = self.images.get(media["id"])
            if image is None or image["status"] != "AVAILABLE":
                raise Invalid(f"content.media.id {media['id']!r} is not an uploaded image")
            if len(media.get("altText", "")) > 4086:
                raise Invalid("altText longer than 4086 characters")
        elif "article" in content:
            article = content["article"]
            if not isinstance(article, dict) or not set(article) <= {
                "source",
                "title",
                "description",
                "thumbnail",
                "thumbnailAltText",
            }:
                raise Invalid(f"bad content.article {article!r}")
            if not str(article.get("source", "")).startswith(("http://", "https://")):
                raise Invalid("content.article.source must be an absolute URL")
            if not article.get("title"):
                raise Invalid("content.article.title is required")
        else:
            raise Invalid(f"unsupported content {sorted(content)}")

    def find(self, request: Request) -> Response:
        if request.query.get("q") != ["author"]:
            raise Invalid("expected the author finder (q=author)")
        author = (request.query.get("author") or [""])[-1]
        if author != self.author:
            return error(403, f"Not enough permissions to read posts of {author}", "ACCESS_DENIED", 100)
        count = int((request.query.get("count") or ["10"])[-1])
        if not 1 <= count <= 100:
            raise Invalid("count must be between 1 and 100")
        posts = sorted(self.posts.values(), key=lambda post: post["createdAt"], reverse=True)
        elements = [{key: value for key, value in post.items() if key != "shown"} for post in posts[:count]]
        return Response(200, {"elements": elements, "paging": {"start": 0, "count": count, "links": []}})

    def destroy(self, request: Request, urn: str) -> Response:
        if ":" in urn:
            raise Invalid("the post URN must be URL-encoded in the path")
        urn = unquote(urn)
        if self.posts.pop(urn, None) is None:
            return error(404, f"Post {urn} not found")
        self.deleted.append(urn)
        return Response(204, b"")

    def organization(self, request: Request, organization: str) -> Response:
        if organization != self.organization_id:
            return error(403, "Not enough permissions to access: organizations.GET", "ACCESS_DENIED", 100)
        return Response(
            200,
            {"id": int(organization), "localizedName": self.name, "vanityName": "ajuntament-de-vilanova"},
        )
