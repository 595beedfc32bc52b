import copy
import os
from pathlib import Path

import pytest

from tests.support.cache import clear_cache

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


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _catalan_by_default():
    """Every test starts in Catalan: a request to a /es/ page leaves Spanish
    active in the thread, which would leak into the next test's messages."""
    from django.utils import translation

    translation.activate("ca")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The default hasher costs a large fraction of a second per user: tests
    # hash with MD5, and still check the passwords hashed the default way
    # (the demo, loaded once per module before any test's settings apply).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture
def _eager_celery():
    """Run Celery tasks in the calling process, their errors reaching the test.

    The autouse ``_isolated_media`` sets the Django setting, but the Celery app
    reads its configuration once, on first use; later changes to Django's
    settings never reach it. Set it on the app itself and put it back afterwards."""
    from config.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def eager_effects(_eager_celery, django_capture_on_commit_callbacks):
    """``eager_effects(func, *args)`` calls ``func`` and runs, in process, the
    publishing side effects (Celery tasks) it enqueued on commit."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


# --- the organisation and the back-office's people -------------------------


@pytest.fixture
def unit(db):
    from tests.factories import make_unit

    return make_unit("Àrea de Comunicació", slug="comunicacio")


@pytest.fixture
def other_unit(db):
    from tests.factories import make_unit

    return make_unit("Departament de Cultura", slug="cultura")


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


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("editor")


@pytest.fixture
def publisher(db):
    from tests.factories import make_user

    return make_user("publisher")


@pytest.fixture
def siteadmin(db):
    from tests.factories import make_user

    return make_user("siteadmin")


@pytest.fixture
def norole(db):
    """Staff flag set, but no role: must see nothing of the back-office."""
    from tests.factories import make_user

    return make_user(None)


@pytest.fixture
def draft(db, editor, unit):
    """A draft news item written by ``editor``."""
    from tests.factories import make_news

    return make_news(unit=unit, created_by=editor)


@pytest.fixture
def smtp_sink():
    """A real SMTP server on a free local port that keeps what it receives."""
    from tests.support.smtp_sink import SmtpSink

    sink = SmtpSink()
    yield sink
    sink.stop()
