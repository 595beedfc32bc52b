"""The Redis databases the real-worker tests use as broker and cache."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

# Keys the Redis transport keeps in the broker database: the default queue and
# the messages delivered but not yet acknowledged.
KOMBU_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


def worker_redis_url() -> str:
    """The Redis database of this process's worker tests: broker and cache.

    Not ``REDIS_URL``'s database, and one per xdist process: kombu keeps its
    queues, bindings and unacknowledged messages per database, so two worker
    tests running side by side (``--dist loadgroup`` does not group tests under
    pytest 9) would consume each other's messages, and a FLUSHDB elsewhere in
    the suite would drop the bindings under a running worker.
    ``WORKER_TESTS_REDIS_URL`` sets the first database; by default it is
    REDIS_URL's database number + 8, and xdist process ``gwN`` adds N."""
    base = os.environ.get("WORKER_TESTS_REDIS_URL")
    parts = urlsplit(base or settings.REDIS_URL)
    number = int(parts.path.strip("/") or 0) + (0 if base else 8)
    number += int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return urlunsplit(parts._replace(path=f"/{number % 16}"))


def use_broker(app, url: str) -> None:
    app.conf.broker_url = url
    # The app keeps its connection pool; forget it so the next publish takes
    # the pool of ``url`` from kombu's registry (not closed: the registry
    # would hand the closed pool back next time).
    app._pool = None
    app.amqp._producer_pool = None
