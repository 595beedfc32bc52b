"""A stand-in for the X API v2: bearer-token auth, one-shot media upload,
alt text metadata, posts with X's weighted length limit and duplicate-content
check, ``t.co`` rewriting with ``entities.urls``, the user timeline, deletion
and the ``x-rate-limit-*`` headers on every answer."""

from __future__ import annotations

import hashlib
import itertools
import time
from datetime import UTC, datetime

from twitter_text import extract_urls_with_indices, parse_tweet

from .server import FakeNetwork, Invalid, Request, Response

IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF8": "image/gif",
}


def problem(status: int, title: str, detail: str, **extra) -> Response:
    return Response(
        status, {"title": title, "detail": detail, "type": "about:blank", "status": status, **extra}
    )


class FakeX(FakeNetwork):
    prefix = "x"

    def __init__(self, *, access_token: str = "x-oauth2-user-token-0123456789", username: str = "ajuntament"):
        super().__init__()
        self.access_token = access_token
        self.user = {"id": "1500000000000000001", "name": "Ajuntament", "username": username}
        self.media: dict[str, dict] = {}
        self.ids = itertools.count(1860000000000000001)
        self.rate_limit = 100
        self.remaining = 100

    def reset(self) -> None:
        super().reset()
        self.media.clear()

    def routes(self):
        return [
            ("POST", r"/2/media/upload", self.upload),
            ("POST", r"/2/media/metadata", self.metadata),
            ("POST", r"/2/tweets", self.create),
            ("DELETE", r"/2/tweets/(?P<tweet_id>\d+)", self.destroy),
            ("GET", r"/2/users/me", self.me),
            ("GET", r"/2/users/(?P<user_id>\d+)/tweets", self.timeline),
        ]

    # -- helpers ---------------------------------------------------------------
    @staticmethod
    def rate_limited(reset_in: int = 900, limit: int = 100) -> Response:
        """A real 429 as X sends it, for ``script``."""
        return Response(
            429,
            {
                "title": "Too Many Requests",
                "detail": "Too Many Requests",
                "type": "about:blank",
                "status": 429,
            },
            {
                "x-rate-limit-limit": str(limit),
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(int(time.time()) + reset_in),
            },
        )

    @staticmethod
    def unauthorized() -> Response:
        return problem(401, "Unauthorized", "Unauthorized")

    def _route(self, request: Request) -> Response:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            with self.lock:
                self.violations.append(f"{request.method} {request.path}: no bearer token")
            return self.unauthorized()
        if auth != f"Bearer {self.access_token}":
            return self.unauthorized()
        response = super()._route(request)
        with self.lock:
            self.remaining = max(0, self.remaining - 1)
            response.headers.setdefault("x-rate-limit-limit", str(self.rate_limit))
            response.headers.setdefault("x-rate-limit-remaining", str(self.remaining))
            response.headers.setdefault("x-rate-limit-reset", str(int(time.time()) + 900))
        return response

    def _tco(self, url: str) -> str:
        return "https://t.co/" + hashlib.sha1(url.encode()).hexdigest()[:10]

    # -- routes ----------------------------------------------------------------
    def upload(self, request: Request) -> Response:
        parts = request.multipart()
        if "media" not in parts:
            raise Invalid("multipart field 'media' is missing")
        category = parts.get("media_category")
        if category is None or category[2] != b"tweet_image":
            raise Invalid("media_category must be 'tweet_image'")
        unknown = set(parts) - {"media", "media_category", "media_type", "additional_owners", "shared"}
        if unknown:
            raise Invalid(f"unknown multipart fields {sorted(unknown)}")
        data = parts["media"][2]
        kind = next((kind for magic, kind in IMAGE_SIGNATURES.items() if data.startswith(magic)), None)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            kind = "image/webp"
        if kind is None:
            return problem(400, "Invalid Request", "One or more parameters to your request was invalid.")
        if len(data) > 5 * 1024 * 1024:
            return problem(400, "Invalid Request", "File size exceeds 5242880 bytes.")
        media_id = str(next(self.ids))
        self.media[media_id] = {"id": media_id, "type": kind, "size": len(data), "alt": None, "data": data}
        return Response(
            200,
            {
                "data": {
                    "id": media_id,
                    "media_key": f"3_{media_id}",
                    "size": len(data),
                    "expires_after_secs": 86400,
                    "image": {"image_type": kind},
                }
            },
        )

    def metadata(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Invalid("media metadata must be sent as JSON")
        body = request.json()
        if not isinstance(body, dict) or set(body) != {"id", "metadata"}:
            raise Invalid(f"expected {{id, metadata}}, got {body!r}")
        media = self.media.get(str(body["id"]))
        if media is None:
            return problem(400, "Invalid Request", f"Media id {body['id']} not found.")
        text = ((body["metadata"] or {}).get("alt_text") or {}).get("text")
        if not isinstance(text, str) or not text or len(text) > 1000:
            raise Invalid("metadata.alt_text.text must be a string of 1 to 1000 characters")
        media["alt"] = text
        return Response(
            200, {"data": {"id": media["id"], "associated_metadata": {"alt_text": {"text": text}}}}
        )

    def create(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Invalid("posts must be created with a JSON body")
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid("the body must be a JSON object")
        unknown = set(body) - {"text", "media", "reply", "quote_tweet_id", "reply_settings", "poll", "geo"}
        if unknown:
            raise Invalid(f"unknown fields {sorted(unknown)}")
        text = body.get("text")
        if not isinstance(text, str):
            raise Invalid("'text' must be a string")
        media_ids = []
        if "media" in body:
            media_ids = (body["media"] or {}).get("media_ids")
            if not isinstance(media_ids, list) or not 1 <= len(media_ids) <= 4:
                raise Invalid("media.media_ids must be a list of 1 to 4 ids")
            if not all(isinstance(media_id, str) for media_id in media_ids):
                raise Invalid("media ids must be strings")
            for media_id in media_ids:
                if media_id not in self.media:
                    return problem(400, "Invalid Request", f"Your media IDs are invalid: {media_id}")
        if not text and not media_ids:
            raise Invalid("a post needs text or media")
        if parse_tweet(text).weightedLength > 280:
            return problem(403, "Forbidden", "Your Tweet text is too long.")
        if self.deduplicates and any(post["source_text"] == text for post in self.posts.values()):
            return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
        tweet_id = str(next(self.ids))
        shown, entities, offset = text, [], 0
        for found in extract_urls_with_indices(text):
            start, end = found["indices"]
            short = self._tco(found["url"])
            expanded = found["url"] if "://" in found["url"] else "http://" + found["url"]
            shown = shown[: start + offset] + short + shown[end + offset :]
            entities.append(
                {
                    "start": start + offset,
                    "end": start + offset + len(short),
                    "url": short,
                    "expanded_url": expanded,
                    "display_url": found["url"].split("://", 1)[-1][:26],
                }
            )
            offset += len(short) - (end - start)
        self.posts[tweet_id] = {
            "id": tweet_id,
            "text": shown,
            "source_text": text,
            "entities": {"urls": entities} if entities else {},
            "media_ids": media_ids,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        return Response(201, {"data": {"id": tweet_id, "text": shown, "edit_history_tweet_ids": [tweet_id]}})

    def destroy(self, request: Request, tweet_id: str) -> Response:
        if self.posts.pop(tweet_id, None) is None:
            return Response(200, {"data": {"deleted": False}})
        self.deleted.append(tweet_id)
        return Response(200, {"data": {"deleted": True}})

    def me(self, request: Request) -> Response:
        return Response(200, {"data": dict(self.user)})

    def timeline(self, request: Request, user_id: str) -> Response:
        if user_id != self.user["id"]:
            return problem(404, "Not Found Error", f"Could not find user with id: [{user_id}].")
        try:
            max_results = int(request.query.get("max_results", ["10"])[-1])
        except ValueError as exc:
            raise Invalid("max_results must be a number") from exc
        if not 5 <= max_results <= 100:
            raise Invalid("max_results must be between 5 and 100")
        fields = set(",".join(request.query.get("tweet.fields", [])).split(",")) - {""}
        tweets = sorted(self.posts.values(), key=lambda post: int(post["id"]), reverse=True)[:max_results]
        data = []
        for tweet in tweets:
            item = {"id": tweet["id"], "text": tweet["text"], "edit_history_tweet_ids": [tweet["id"]]}
            if "entities" in fields and tweet["entities"]:
                item["entities"] = tweet["entities"]
            if "created_at" in fields:
                item["created_at"] = tweet["created_at"]
            data.append(item)
        meta = {"result_count": len(data)}
        if data:
            meta |= {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"]}
            return Response(200, {"data": data, "meta": meta})
        return Response(200, {"meta": meta})
