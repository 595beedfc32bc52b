import httpx
import pytest

from demo.fakes.server import FakeServer


@pytest.fixture
def fake_server():
    server = FakeServer().start()
    yield server
    server.stop()


@pytest.fixture
def http_client():
    # Short timeouts keep the slow-answer tests quick.
    with httpx.Client(timeout=httpx.Timeout(2.0, connect=1.0)) as client:
        yield client


@pytest.fixture
def png_bytes():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def _eager_celery():
    """Tasks run in the test's process and their errors reach the test."""
    from config.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def mastodon(fake_server):
    from demo.fakes.mastodon import FakeMastodon

    return fake_server.mount(FakeMastodon())
