import os

import pytest

from news.models import Kind
from tests.factories import make_news
from tests.support.broker import KOMBU_KEYS, use_broker, worker_redis_url
from tests.support.worker_process import WorkerProcess


def pytest_configure(config):
    # Registered by pytest-xdist, which is absent under `-p no:xdist`.
    config.addinivalue_line("markers", "xdist_group(name): run in the same xdist process")


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        "autora", email="autora@ajuntament.example", first_name="Marta", is_staff=True
    )


@pytest.fixture
def make_notice(author, unit):
    """``make_notice(**fields)``: a draft notice of ``unit`` written by ``author``."""

    def make(title="Obres al carrer Major", kind=Kind.NOTICE, **fields):
        fields.setdefault("body", "")
        return make_news(
            title=title,
            summary="Tallem el carrer Major dilluns per renovar la xarxa d'aigua.",
            kind=kind,
            unit=unit,
            created_by=author,
            **fields,
        )

    return make


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
    use_broker(app, redis_url)
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
        use_broker(app, previous_broker)
        for worker in started:
            worker.kill()
    for worker in started:
        # Shown by pytest only when the test failed.
        print(f"----- {worker.name} log -----\n{worker.log()[-6000:]}")
