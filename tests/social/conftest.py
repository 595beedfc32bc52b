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
def mastodon(fake_server):
    from demo.fakes.mastodon import FakeMastodon

    return fake_server.mount(FakeMastodon())


@pytest.fixture
def files(fake_server):
    """A host serving the images Instagram fetches by URL."""
    from demo.fakes.instagram import MediaHost

    return fake_server.mount(MediaHost())
