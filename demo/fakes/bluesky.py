"""A Bluesky PDS: sessions (create, refresh, expiry), blob upload, post
records with their facets checked byte by byte, record keys, deletion, and
RateLimit-* headers."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from datetime import datetime
from urllib.parse import urlsplit

from social.networks.base import graphemes

from .server import FakeNetwork, Invalid, Request, Response

COLLECTION = "app.bsky.feed.post"
TID_RE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
RECORD_KEYS = {"$type", "text", "createdAt", "langs", "facets", "embed", "reply", "labels", "tags"}
IMAGE_MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/webp": b"RIFF",
}
MAX_BLOB = 1_000_000


def _random(length: int) -> str:
    return base64.b32encode(secrets.token_bytes(length)).decode().lower().rstrip("=")[:length]


def _cid(data: bytes) -> str:
    return "bafkrei" + base64.b32encode(hashlib.sha256(data).digest()).decode().lower().rstrip("=")


def _error(status: int, error: str, message: str) -> Response:
    return Response(status, {"error": error, "message": message})


class FakeBluesky(FakeNetwork):
    prefix = "bluesky"
    rate_limit = 5000

    def __init__(
        self, account_handle: str = "ajuntament.bsky.social", app_password: str = "abcd-efgh-ijkl-mnop"
    ):
        super().__init__()
        self.account_handle = account_handle
        self.app_password = app_password
        self.did = "did:plc:" + _random(24)
        self.access_tokens: dict[str, str] = {}  # token -> "valid" | "expired"
        self.refresh_tokens: dict[str, str] = {}
        self.blobs: dict[str, dict] = {}
        self.sessions_created = 0
        self.sessions_refreshed = 0

    # -- helpers for tests ----------------------------------------------------
    def expire_access_tokens(self) -> None:
        for token in self.access_tokens:
            self.access_tokens[token] = "expired"

    def expire_refresh_tokens(self) -> None:
        for token in self.refresh_tokens:
            self.refresh_tokens[token] = "expired"

    def revoke_app_password(self) -> None:
        """The owner deleted the app password: its sessions die with it."""
        self.app_password = "revoked-" + _random(8)
        self.access_tokens.clear()
        self.refresh_tokens.clear()

    def throttle(self, nsid: str = "com.atproto.repo.createRecord", *, seconds: int = 60) -> None:
        self.script(
            "GET" if nsid.split(".")[-1].startswith("get") else "POST",
            re.escape(f"/xrpc/{nsid}"),
            Response(
                429,
                {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                {
                    "RateLimit-Limit": str(self.rate_limit),
                    "RateLimit-Remaining": "0",
                    "RateLimit-Reset": str(int(time.time()) + seconds),
                    "RateLimit-Policy": f"{self.rate_limit};w=3600",
                },
            ),
        )

    # -- plumbing -------------------------------------------------------------
    def routes(self):
        return [
            ("POST", r"/xrpc/com\.atproto\.server\.createSession", self.create_session),
            ("POST", r"/xrpc/com\.atproto\.server\.refreshSession", self.refresh_session),
            ("GET", r"/xrpc/com\.atproto\.server\.getSession", self.get_session),
            ("POST", r"/xrpc/com\.atproto\.repo\.uploadBlob", self.upload_blob),
            ("POST", r"/xrpc/com\.atproto\.repo\.createRecord", self.create_record),
            ("GET", r"/xrpc/com\.atproto\.repo\.getRecord", self.get_record),
            ("POST", r"/xrpc/com\.atproto\.repo\.deleteRecord", self.delete_record),
        ]

    def _ok(self, body) -> Response:
        return Response(
            200,
            body,
            {
                "RateLimit-Limit": str(self.rate_limit),
                "RateLimit-Remaining": str(max(0, self.rate_limit - len(self.requests))),
                "RateLimit-Reset": str(int(time.time()) + 3600),
                "RateLimit-Policy": f"{self.rate_limit};w=3600",
            },
        )

    def _bearer(self, request: Request) -> str:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            raise Invalid("Authorization: Bearer <jwt> header missing")
        return header[7:]

    def _authorise(self, request: Request) -> Response | None:
        state = self.access_tokens.get(self._bearer(request))
        if state is None:
            return _error(400, "InvalidToken", "Token could not be verified")
        if state == "expired":
            return _error(400, "ExpiredToken", "Token has expired")
        return None

    def _json(self, request: Request) -> dict:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise Invalid("procedure input must be application/json")
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid("procedure input must be a JSON object")
        return body

    def _new_session(self) -> dict:
        access, refresh = "eyJhY2Nlc3Mi." + _random(40), "eyJyZWZyZXNoIi." + _random(40)
        self.access_tokens[access] = "valid"
        self.refresh_tokens[refresh] = "valid"
        return {
            "did": self.did,
            "handle": self.account_handle,
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
        }

    # -- sessions -------------------------------------------------------------
    def create_session(self, request: Request) -> Response:
        body = self._json(request)
        if not isinstance(body.get("identifier"), str) or not isinstance(body.get("password"), str):
            raise Invalid("identifier and password are required strings")
        if body["identifier"] not in (self.account_handle, self.did) or body["password"] != self.app_password:
            return _error(401, "AuthenticationRequired", "Invalid identifier or password")
        self.sessions_created += 1
        return self._ok(self._new_session())

    def refresh_session(self, request: Request) -> Response:
        token = self._bearer(request)
        if request.body:
            raise Invalid("refreshSession takes no input")
        if token in self.access_tokens:
            return _error(400, "InvalidToken", "Invalid token type")
        state = self.refresh_tokens.pop(token, None)  # single use
        if state is None:
            return _error(400, "InvalidToken", "Token could not be verified")
        if state == "expired":
            return _error(400, "ExpiredToken", "Token has expired")
        self.sessions_refreshed += 1
        return self._ok(self._new_session())

    def get_session(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        return self._ok({"did": self.did, "handle": self.account_handle, "active": True})

    # -- blobs and records ----------------------------------------------------
    def upload_blob(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        content_type = request.headers.get("content-type", "")
        magic = IMAGE_MAGIC.get(content_type)
        if magic is None:
            raise Invalid(f"uploadBlob needs the image's Content-Type, got {content_type!r}")
        if not request.body.startswith(magic):
            raise Invalid(f"the body is not raw {content_type} bytes")
        if len(request.body) > MAX_BLOB:
            return _error(400, "BlobTooLarge", f"This file is too large. It is {len(request.body)} bytes.")
        cid = _cid(request.body)
        blob = {"$type": "blob", "ref": {"$link": cid}, "mimeType": content_type, "size": len(request.body)}
        self.blobs[cid] = blob
        return self._ok({"blob": blob})

    def create_record(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        body = self._json(request)
        if body.get("repo") not in (self.did, self.account_handle):
            raise Invalid(f"repo must be the session's DID, got {body.get('repo')!r}")
        if body.get("collection") != COLLECTION:
            raise Invalid(f"unexpected collection {body.get('collection')!r}")
        rkey = body.get("rkey")
        if rkey is None:
            rkey = _random(13)
        elif not isinstance(rkey, str) or not TID_RE.fullmatch(rkey):
            raise Invalid(f"rkey must be a TID, got {rkey!r}")
        record = body.get("record")
        problem = self._check_post(record)
        if problem:
            return _error(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}")
        if rkey in self.posts:
            return _error(400, "InvalidRequest", f"Record already exists at rkey {rkey}")
        uri = f"at://{self.did}/{COLLECTION}/{rkey}"
        cid = _cid(repr(record).encode())
        self.posts[rkey] = {"uri": uri, "cid": cid, "value": record}
        return self._ok({"uri": uri, "cid": cid, "validationStatus": "valid"})

    def _check_post(self, record) -> str | None:
        """Lexicon validation of a post record: raises ``Invalid`` for a
        malformed request, returns the reason for content the PDS refuses."""
        if not isinstance(record, dict) or record.get("$type") != COLLECTION:
            raise Invalid("record must be an object with $type app.bsky.feed.post")
        if unknown := set(record) - RECORD_KEYS:
            raise Invalid(f"unknown record fields {sorted(unknown)}")
        text = record.get("text")
        if not isinstance(text, str):
            raise Invalid("record.text must be a string")
        created = record.get("createdAt")
        try:
            moment = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        except ValueError:
            raise Invalid(f"createdAt must be an ISO 8601 datetime, got {created!r}") from None
        if moment.tzinfo is None:
            raise Invalid("createdAt must carry a timezone")
        langs = record.get("langs", [])
        if not isinstance(langs, list) or len(langs) > 3 or not all(isinstance(x, str) for x in langs):
            raise Invalid("langs must be a list of at most 3 language tags")
        self._check_facets(text, record.get("facets", []))
        if "embed" in record:
            self._check_embed(record["embed"])
        if graphemes(text) > 300:
            return "Record/text must not be longer than 300 graphemes"
        if len(text.encode()) > 3000:
            return "Record/text must not be longer than 3000 bytes"
        return None

    def _check_facets(self, text: str, facets) -> None:
        data = text.encode("utf-8")
        if not isinstance(facets, list):
            raise Invalid("facets must be a list")
        previous_end = 0
        for facet in sorted(facets, key=lambda item: item.get("index", {}).get("byteStart", 0)):
            index = facet.get("index") or {}
            start, end = index.get("byteStart"), index.get("byteEnd")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(data)):
                raise Invalid(f"facet index {index} outside the text's {len(data)} bytes")
            if start < previous_end:
                raise Invalid(f"facet at bytes {start}-{end} overlaps the previous one")
            previous_end = end
            try:
                covered = data[start:end].decode("utf-8")
            except UnicodeDecodeError:
                raise Invalid(f"facet bytes {start}-{end} cut a character in two") from None
            features = facet.get("features")
            if not isinstance(features, list) or not features:
                raise Invalid("a facet needs at least one feature")
            for feature in features:
                kind = feature.get("$type")
                if kind == "app.bsky.richtext.facet#link":
                    uri = feature.get("uri", "")
                    if urlsplit(uri).scheme not in ("http", "https") or not urlsplit(uri).netloc:
                        raise Invalid(f"link facet uri {uri!r} is not an absolute URL")
                    if covered != uri:
                        raise Invalid(f"link facet covers {covered!r}, not its uri {uri!r}")
                elif kind == "app.bsky.richtext.facet#tag":
                    tag = feature.get("tag", "")
                    if covered != "#" + tag:
                        raise Invalid(f"tag facet covers {covered!r}, not '#{tag}'")
                    if not tag or graphemes(tag) > 64:
                        raise Invalid(f"tag {tag!r} must have 1-64 graphemes")
                elif kind == "app.bsky.richtext.facet#mention":
                    if not str(feature.get("did", "")).startswith("did:"):
                        raise Invalid("mention facet needs a DID")
                else:
                    raise Invalid(f"unknown facet feature {kind!r}")

    def _check_embed(self, embed) -> None:
        kind = embed.get("$type") if isinstance(embed, dict) else None
        if kind == "app.bsky.embed.images":
            images = embed.get("images")
            if not isinstance(images, list) or not 1 <= len(images) <= 4:
                raise Invalid("embed.images needs 1 to 4 images")
            for image in images:
                if not isinstance(image.get("alt"), str):
                    raise Invalid("every image needs an alt string (may be empty)")
                blob = image.get("image") or {}
                known = self.blobs.get((blob.get("ref") or {}).get("$link"))
                if known is None or known != blob:
                    raise Invalid(f"image blob {blob!r} was not uploaded by this account")
                ratio = image.get("aspectRatio")
                if ratio is not None and not (
                    isinstance(ratio.get("width"), int)
                    and isinstance(ratio.get("height"), int)
                    and ratio["width"] > 0
                    and ratio["height"] > 0
                ):
                    raise Invalid(f"aspectRatio {ratio!r} needs positive integer width and height")
        elif kind == "app.bsky.embed.external":
            external = embed.get("external") or {}
            uri = external.get("uri", "")
            if urlsplit(uri).scheme not in ("http", "https"):
                raise Invalid(f"external card uri {uri!r} is not an absolute URL")
            for name in ("title", "description"):
                if not isinstance(external.get(name), str):
                    raise Invalid(f"external card needs a {name} string (may be empty)")
        else:
            raise Invalid(f"unsupported embed {kind!r}")

    def get_record(self, request: Request) -> Response:
        if "authorization" in request.headers and (denied := self._authorise(request)):
            return denied
        params = {name: values[-1] for name, values in request.query.items()}
        if params.get("repo") not in (self.did, self.account_handle):
            return _error(400, "InvalidRequest", f"Could not find repo: {params.get('repo')}")
        if params.get("collection") != COLLECTION or not params.get("rkey"):
            raise Invalid("getRecord needs collection and rkey")
        found = self.posts.get(params["rkey"])
        uri = f"at://{self.did}/{COLLECTION}/{params['rkey']}"
        if found is None:
            return _error(400, "RecordNotFound", f"Could not locate record: {uri}")
        return self._ok(found)

    def delete_record(self, request: Request) -> Response:
        if denied := self._authorise(request):
            return denied
        body = self._json(request)
        if body.get("repo") not in (self.did, self.account_handle):
            raise Invalid(f"repo must be the session's DID, got {body.get('repo')!r}")
        if body.get("collection") != COLLECTION or not body.get("rkey"):
            raise Invalid("deleteRecord needs collection and rkey")
        if self.posts.pop(body["rkey"], None) is not None:
            self.deleted.append(body["rkey"])
        return self._ok({})
