"""The public page cache.

Anonymous GET responses of views marked with ``@public_page`` are stored in
the cache (Redis when configured), each tagged with the *generation* it was
rendered in; an entry of another generation is a miss. Purging starts a new
generation. Each generation also knows the next moment at which some content
appears or disappears (publication, expiry, embargo, alert window): no cached
page outlives it, so a scheduled item shows up at its second and an expired one
disappears at its second, even with no worker running.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

META_KEY = "pagecache:meta"
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/preview/")


def next_change(now: datetime | None = None) -> datetime | None:
    """The next moment some public content appears or disappears: each
    public content type's declared watch (``ContentSpec.visibility_watch``,
    or its publish and expiry times). Staff-only content never shows on a
    public page: its times end no public generation."""
    from . import registry

    now = now or timezone.now()
    specs = registry.content_specs(registry.PUBLIC)
    moments = [moment for spec in specs if (moment := spec.next_visibility_change(now))]
    return min(moments) if moments else None


def current_generation() -> tuple[str, float | None]:
    """(generation id, epoch seconds until which it is valid or None)."""
    return _valid_meta(cache.get(META_KEY))


def _valid_meta(meta) -> tuple[str, float | None]:
    """``meta`` as read from the cache, or a new generation if it is missing
    or has reached its visibility boundary."""
    if meta is None or (meta[1] is not None and time.time() >= meta[1]):
        moment = next_change()
        meta = (uuid.uuid4().hex, moment.timestamp() if moment else None)
        cache.set(META_KEY, meta, timeout=None)
    return meta


# What the request being served has already read from the cache (None outside
# a request): the generation, and entries by key. The first memo of a request
# also reads every memo the process has used so far, so that rendering a page
# costs one cache round trip rather than one per memo.
_request_reads: ContextVar[dict | None] = ContextVar("pagecache_request_reads", default=None)
_memo_keys: set[str] = set()


def _read(keys: list[str]) -> tuple[str, float | None, dict]:
    """(generation, valid until, entries found) in one cache round trip; the
    generation comes from this request's earlier reads when it has any."""
    reads = _request_reads.get()
    if reads is not None and "meta" in reads:
        return (*reads["meta"], cache.get_many(keys))
    found = cache.get_many([*keys, META_KEY])
    meta = _valid_meta(found.pop(META_KEY, None))
    if reads is not None:
        reads["meta"] = meta
    return (*meta, found)


def _fetch(key: str, read_ahead: bool = False) -> tuple[str, float | None, object]:
    """The current generation and the entry stored under ``key`` if it was
    stored in that generation (else None), in at most one cache round trip."""
    reads = _request_reads.get()
    if reads is not None and "meta" in reads and key in reads["entries"]:
        generation, valid_until = reads["meta"]
        entry = reads["entries"][key]
    else:
        keys = [key]
        if read_ahead and reads is not None:
            keys += sorted(_memo_keys - reads["entries"].keys() - {key})
        generation, valid_until, found = _read(keys)
        if reads is not None:
            reads["entries"].update((name, found.get(name)) for name in keys)
        entry = found.get(key)
    if entry is not None and entry[0] != generation:
        entry = None
    return generation, valid_until, entry


def purge() -> None:
    """Forget every cached public page (the next request starts a generation)."""
    cache.delete(META_KEY)


def memo(name: str, compute: Callable):
    """Cache ``compute()`` for the current generation: data shared by every
    page (alerts, footer links) is computed once per purge."""
    key = f"pagecache:memo:{name}"
    _memo_keys.add(key)
    generation, valid_until, entry = _fetch(key, read_ahead=True)
    if entry is not None:
        return entry[1]
    value = compute()
    cache.set(key, (generation, value), _timeout(valid_until))
    if (reads := _request_reads.get()) is not None:
        reads["entries"][key] = (generation, value)
    return value


def fragments(keys: list[str], render_missing: Callable[[list[int]], list[str]]) -> list[str]:
    """HTML fragments (cards, forms) cached for the current generation, read
    in one round trip; ``render_missing(indexes)`` makes the missing ones in
    one go, and they are stored. Keys must name everything a fragment depends
    on besides published content (language, the item's last change); a purge
    or a visibility boundary starts a new generation and renders them afresh."""
    generation, valid_until, found = _read(keys)
    result: list[str | None] = []
    for key in keys:
        entry = found.get(key)
        result.append(entry[1] if entry is not None and entry[0] == generation else None)
    missing = [index for index, html in enumerate(result) if html is None]
    if missing:
        fresh = {}
        for index, html in zip(missing, render_missing(missing), strict=True):
            result[index] = html
            fresh[keys[index]] = (generation, html)
        cache.set_many(fresh, _timeout(valid_until))
    return result


def _timeout(valid_until: float | None) -> int:
    limit = max(settings.PAGE_CACHE_SECONDS, 60)
    if valid_until is None:
        return limit
    return max(1, min(limit, int(valid_until - time.time())))


def public_page(view):
    """Mark a view's responses as cacheable public pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.public_page = True
        return view(request, *args, **kwargs)

    return wrapper


class PageCacheMiddleware:
    STORED_HEADERS_SKIP = {"set-cookie", "vary"}

    def __init__(self, get_response):
        self.get_response = get_response

    def eligible(self, request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
        )

    def __call__(self, request):
        token = _request_reads.set({"entries": {}})
        try:
            return self.serve(request)
        finally:
            _request_reads.reset(token)

    def serve(self, request):
        if not self.eligible(request):
            return self.get_response(request)
        digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"pagecache:page:{digest}"
        # The generation and the page come in one round trip; a page stored
        # in an earlier generation is a miss and is overwritten below.
        generation, valid_until, stored = _fetch(key)
        if stored is not None:
            _generation, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if (
            getattr(request, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in self.STORED_HEADERS_SKIP
            ]
            cache.set(key, (generation, 200, headers, response.content), _timeout(valid_until))
            response["X-Cache"] = "MISS"
        return response
