import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from comunicacio.organisation import Unit
from news.models import Kind, NewsItem

from .smtp_sink import SmtpSink
from .worker_process import WorkerProcess

# Keys the Redis transport keeps in the broker database: the default queue and
# the messages delivered but not yet acknowledged.
KOMBU_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


def pytest_configure(config):
    # Registered by pytest-xdist, which is absent under `-p no:xdist`.
    config.addinivalue_line("markers", "xdist_group(name): run in the same xdist process")


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        "autora", email="autora@ajuntament.example", first_name="Marta", is_staff=True
    )


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("cap", email="cap@ajuntament.example", password="x")


@pytest.fixture
def make_news(author):
    unit = Unit.objects.create(name="Àrea de Comunicació", slug="comunicacio")

    def make(title="Obres al carrer Major", kind=Kind.NOTICE, **fields):
        return NewsItem.objects.create(
            title=title,
            summary="Tallem el carrer Major dilluns per renovar la xarxa d'aigua.",
            kind=kind,
            unit=unit,
            created_by=author,
            **fields,
        )

    return make


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


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


def _use_broker(app, url: str) -> None:
    app.conf.broker_url = url
    # The app keeps its connection pool; forget it so the next publish takes
    # the pool of ``url`` from kombu's registry (not closed: the registry
    # would hand the closed pool back next time).
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_broker():
    import redis

    client = redis.Redis.from_url(worker_redis_url())
    # Messages left by an earlier, interrupted run would reach this run's
    # worker and point at effect ids of another database.
    client.delete(*KOMBU_KEYS)
    yield client
    client.delete(*KOMBU_KEYS)
    client.close()


@pytest.fixture
def celery_workers(transactional_db, settings, tmp_path, smtp_sink, redis_broker):
    """Start real workers with ``start(...)``; every one is SIGKILLed at the
    end of the test whatever happened, before the database is flushed."""
    from config.celery import app

    # The tests' process publishes through the real broker, like the web
    # server does, instead of running tasks eagerly. Other fixtures set the
    # app's own configuration, which then hides the Django setting.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous_eager, previous_broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    redis_url = worker_redis_url()
    _use_broker(app, redis_url)
    # The worker purges the shared Redis cache; this process must read the same one.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "comunicacio"),
        }
    }
    started: list[WorkerProcess] = []

    def start(sweep_seconds: float = 0.5, broker_url: str | None = None, **env: str) -> WorkerProcess:
        worker = WorkerProcess(
            tmp_path, redis_url=broker_url or redis_url, smtp_port=smtp_sink.port, sweep_seconds=sweep_seconds
        )
        worker.env.update(env)
        started.append(worker)
        return worker.start().wait_ready()

    try:
        yield start
    finally:
        app.conf.task_always_eager = previous_eager
        _use_broker(app, previous_broker)
        for worker in started:
            worker.kill()
    for worker in started:
        # Shown by pytest only when the test failed.
        print(f"----- {worker.name} log -----\n{worker.log()[-6000:]}")
