"""A Mastodon instance: media upload (optionally processed asynchronously),
statuses with Idempotency-Key, the account's timeline, deletion, and
X-RateLimit-* headers."""

from __future__ import annotations

import html
import itertools
import re
import secrets
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

from social.networks.mastodon import URL_RE, count_characters

from .server import FakeNetwork, Invalid, Request, Response

IMAGE_MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/gif": b"GIF8",
    "image/webp": b"RIFF",
}
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")


class FakeMastodon(FakeNetwork):
    prefix = "mastodon"
    max_characters = 500
    rate_limit = 300

    def __init__(self, username: str = "ajuntament"):
        super().__init__()
        self.username = username
        self.account_id = "109000000000000001"
        self.token = secrets.token_urlsafe(32)
        self.media: dict[str, dict] = {}
        self.idempotency: dict[str, str] = {}
        # Media uploads answer 202 and need this many polls before they are ready.
        self.processing_polls = 0
        self._ids = itertools.count(110000000000000001)

    # -- helpers for tests ----------------------------------------------------
    def expire_token(self) -> None:
        """Revoke the token the adapter holds (as "Revoke" in the app settings)."""
        self.token = secrets.token_urlsafe(32)

    def throttle(self, path: str = r"/api/v1/statuses", method: str = "POST", *, seconds: int = 60) -> None:
        """Answer the next matching request with a 429 and an exhausted window
        resetting in ``seconds``."""
        reset = datetime.now(UTC) + timedelta(seconds=seconds)
        self.script(
            method,
            path,
            Response(
                429,
                {"error": "Too many requests"},
                {
                    "X-RateLimit-Limit": str(self.rate_limit),
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": reset.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                },
            ),
        )

    # -- plumbing -------------------------------------------------------------
    def routes(self):
        return [
            ("GET", r"/api/v1/accounts/verify_credentials", self.verify_credentials),
            ("GET", r"/api/v1/accounts/(?P<account_id>\d+)/statuses", self.account_statuses),
            ("POST", r"/api/v2/media", self.upload_media),
            ("GET", r"/api/v1/media/(?P<media_id>\d+)", self.get_media),
            ("POST", r"/api/v1/statuses", self.create_status),
            ("GET", r"/api/v1/statuses/(?P<status_id>\d+)", self.get_status),
            ("DELETE", r"/api/v1/statuses/(?P<status_id>\d+)", self.delete_status),
        ]

    def _authorise(self, request: Request) -> Response | None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            raise Invalid("Authorization: Bearer <token> header missing")
        if header[7:] != self.token:
            return Response(401, {"error": "The access token is invalid"})
        return None

    def _ok(self, body, status: int = 200) -> Response:
        remaining = max(0, self.rate_limit - len(self.requests))
        reset = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="milliseconds")
        return Response(
            status,
            body,
            {
                "X-RateLimit-Limit": str(self.rate_limit),
                "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Reset": reset.replace("+00:00", "Z"),
            },
        )

    def _account(self) -> dict:
        return {
            "id": self.account_id,
            "username": self.username,
            "acct": self.username,
            "display_name": "Ajuntament",
            "url": f"{self.base_url}/@{self.username}",
        }

    # -- endpoints ------------------------------------------------------------
    def verify_credentials(self, request: Request) -> Response:
        return self._authorise(request) or self._ok(self._account())

    def account_statuses(self, request: Request, account_id: str) -> Response:
        if denied := self._authorise(request):
            return denied
        limit = int(request.query.get("limit", ["20"])[-1])
        if not 1 <= limit <= 40:
            raise Invalid(f"limit must be between 1 and 40, got {limit}")
        if account_id != self.account_id:
            return Response(404, {"error": "Record not found"})
        statuses = sorted(self.posts.values(), key=lambda status: int(status["id"]), reverse=True)
        return self._ok(statuses[:limit])

    def upload_media(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        parts = request.multipart()
        if "file" not in parts:
            raise Invalid("multipart part 'file' missing")
        filename, content_type, data = parts["file"]
        if not filename:
            raise Invalid("'file' must be a file upload with a filename")
        magic = IMAGE_MAGIC.get(content_type)
        if magic is None or not data.startswith(magic):
            raise Invalid(f"'file' is not a {content_type} image")
        description = parts.get("description", (None, None, b""))[2].decode()
        if len(description) > 1500:
            return Response(422, {"error": "Validation failed: Description is too long"})
        media_id = str(next(self._ids))
        self.media[media_id] = {
            "id": media_id,
            "type": "image",
            "description": description,
            "content_type": content_type,
            "data": data,
            "polls_left": self.processing_polls,
            "attached": False,
        }
        if self.processing_polls:
            return self._ok(self._media_json(media_id), status=202)
        return self._ok(self._media_json(media_id))

    def _media_json(self, media_id: str) -> dict:
        media = self.media[media_id]
        ready = media["polls_left"] <= 0
        return {
            "id": media_id,
            "type": "image",
            "url": f"{self.base_url}/media/{media_id}.png" if ready else None,
            "preview_url": f"{self.base_url}/media/{media_id}_small.png",
            "description": media["description"],
        }

    def get_media(self, request: Request, media_id: str) -> Response:
        if denied := self._authorise(request):
            return denied
        media = self.media.get(media_id)
        if media is None:
            return Response(404, {"error": "Record not found"})
        if media["polls_left"] > 0:
            media["polls_left"] -= 1
            return self._ok(self._media_json(media_id) | {"url": None}, status=206)
        return self._ok(self._media_json(media_id))

    def create_status(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        key = request.headers.get("idempotency-key")
        if not key:
            raise Invalid("Idempotency-Key header missing (every attempt of a post must send one)")
        if key in self.idempotency and self.deduplicates:
            return self._ok(self.posts.get(self.idempotency[key]) or self._gone(self.idempotency[key]))
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("application/json"):
            body = request.json()
            if not isinstance(body, dict):
                raise Invalid("JSON body must be an object")
            media_ids = body.get("media_ids") or []
        elif content_type.startswith("application/x-www-form-urlencoded"):
            fields = parse_qs(request.body.decode())
            body = {name: values[-1] for name, values in fields.items()}
            media_ids = fields.get("media_ids[]", [])
        else:
            raise Invalid(f"Unsupported Content-Type {content_type!r}")
        text = body.get("status") or ""
        if not isinstance(text, str):
            raise Invalid("status must be a string")
        if not isinstance(media_ids, list) or not all(isinstance(item, str) for item in media_ids):
            raise Invalid("media_ids must be a list of strings")
        if not text and not media_ids:
            return Response(422, {"error": "Validation failed: Text can't be blank"})
        visibility = body.get("visibility", "public")
        if visibility not in ("public", "unlisted", "private", "direct"):
            raise Invalid(f"unknown visibility {visibility!r}")
        language = body.get("language")
        if language is not None and not LANGUAGE_RE.fullmatch(language):
            raise Invalid(f"language must be an ISO 639 code, got {language!r}")
        if count_characters(text) > self.max_characters:
            return Response(422, {"error": "Validation failed: Text character limit of 500 exceeded"})
        if len(media_ids) > 4:
            return Response(422, {"error": "Validation failed: You can only attach up to 4 images"})
        for media_id in media_ids:
            media = self.media.get(media_id)
            if media is None:
                return Response(422, {"error": "Validation failed: Media attachments are invalid"})
            if media["polls_left"] > 0:
                return Response(
                    422, {"error": "Cannot attach files that have not finished processing. Try again!"}
                )
            if media["attached"]:
                return Response(422, {"error": "Validation failed: Media attachment already attached"})
        status_id = str(next(self._ids))
        for media_id in media_ids:
            self.media[media_id]["attached"] = True
        status = {
            "id": status_id,
            "created_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "uri": f"{self.base_url}/users/{self.username}/statuses/{status_id}",
            "url": f"{self.base_url}/@{self.username}/{status_id}",
            "visibility": visibility,
            "language": language,
            "content": render(text),
            "text": text,
            "media_attachments": [self._media_json(media_id) for media_id in media_ids],
            "account": self._account(),
        }
        self.posts[status_id] = status
        self.idempotency[key] = status_id
        return self._ok(status)

    def _gone(self, status_id: str) -> dict:
        return {"id": status_id, "url": f"{self.base_url}/@{self.username}/{status_id}", "content": ""}

    def get_status(self, request: Request, status_id: str) -> Response:
        if denied := self._authorise(request):
            return denied
        if status_id not in self.posts:
            return Response(404, {"error": "Record not found"})
        return self._ok(self.posts[status_id])

    def delete_status(self, request: Request, status_id: str) -> Response:
        if denied := self._authorise(request):
            return denied
        status = self.posts.pop(status_id, None)
        if status is None:
            return Response(404, {"error": "Record not found"})
        self.deleted.append(status_id)
        return self._ok(status)


def render(text: str) -> str:
    """Status text as Mastodon's HTML: paragraphs, escaped, links as anchors."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        pieces, last = [], 0
        for match in URL_RE.finditer(paragraph):
            pieces.append(html.escape(paragraph[last : match.start()]))
            url = html.escape(match.group(0))
            pieces.append(f'<a href="{url}" rel="nofollow noopener" target="_blank">{url}</a>')
            last = match.end()
        pieces.append(html.escape(paragraph[last:]))
        paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br />") + "</p>")
    return "".join(paragraphs)
