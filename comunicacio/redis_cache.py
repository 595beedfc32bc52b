"""Django's Redis cache backend, keeping its ``redis.Redis`` client.

Django's backend builds a new ``redis.Redis`` object for every cache call (the
connection pool is shared, the client object is not). With redis-py 8 that
costs about as much as the GET itself, and the page cache makes one or two
calls on every public request. A client is safe to reuse: it only borrows
connections from the pool per command.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
