"""Emptying the test process's own cache."""


def clear_cache() -> None:
    """Drop every key of this test process's cache (the shared conftest gives
    each xdist worker its own prefix, or its own folder)."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]  # the backend itself, not the module-level proxy
    if isinstance(cache, RedisCache):
        # Not FLUSHDB: that would also empty the other workers' keys mid-test.
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
