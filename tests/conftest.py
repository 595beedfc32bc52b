import copy
import os
from pathlib import Path

import pytest

# Markers of tests that start real processes (Chromium, a Celery worker, web
# servers): they may take minutes on a busy machine, beyond the 180 s default
# of pyproject.toml. A test's own timeout marker still wins.
SLOW_MARKERS = ("browser", "worker", "embedded")
SLOW_TIMEOUT = 300


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("timeout") is None and any(
            item.get_closest_marker(name) for name in SLOW_MARKERS
        ):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


@pytest.fixture(autouse=True, scope="session")
def _per_worker_cache():
    """Each xdist worker gets its own cache key prefix: with Redis, workers
    share one database, and the page cache's generation and memo keys of one
    worker's test database must never serve another worker's pages."""
    from django.conf import settings
    from django.test import override_settings

    caches = copy.deepcopy(settings.CACHES)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    caches["default"]["KEY_PREFIX"] = f"{caches['default'].get('KEY_PREFIX', '')}-{worker}"
    if caches["default"]["BACKEND"].endswith("FileBasedCache"):
        # clear() empties the whole directory: one per worker, so a test's
        # cleanup never drops another worker's pages mid-test.
        caches["default"]["LOCATION"] = str(Path(caches["default"]["LOCATION"]) / f"tests-{worker}")
    with override_settings(CACHES=caches):
        yield


def _clear(cache) -> None:
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


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    _clear(cache)
    yield
    _clear(cache)


@pytest.fixture(autouse=True)
def _catalan_by_default():
    """Every test starts in Catalan: a request to a /es/ page leaves Spanish
    active in the thread, which would leak into the next test's messages."""
    from django.utils import translation

    translation.activate("ca")
    yield
    translation.deactivate()


@pytest.fixture
def unit(db):
    from tests.news.builders import make_unit

    return make_unit("Àrea de Comunicació", slug="comunicacio")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "cap", "cap@ajuntament.example", "contrasenya-prova-llarga"
    )


@pytest.fixture(autouse=True)
def _test_content_type_only_in_foundation_tests(request):
    """The test-only content type (tests/testapp) is declared by its hooks.py
    like any app's, but only the foundation's tests (tests/foundation/) see
    it: elsewhere the site's pages, links and query counts stay those of the
    real apps."""
    from django.apps import apps

    from comunicacio import registry

    if not apps.is_installed("tests.testapp") or "foundation" in request.path.parts:
        yield
        return
    from tests.testapp.hooks import SPEC

    registry.unregister_content(SPEC)
    yield
    registry.register_content(SPEC)
