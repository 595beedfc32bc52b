"""Fixtures for the publishing mechanism and the admin back-office tests:
one user per role, and Celery running tasks in-process."""

import pytest

from tests.factories import make_news, make_unit, make_user


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Run Celery tasks in the calling process.

    The shared conftest sets the Django setting, but the Celery app reads its
    configuration once, on first use; later changes to Django's settings never
    reach it. Set it on the app itself and put it back afterwards."""
    from config.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The default hasher costs a large fraction of a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    return make_user("editor")


@pytest.fixture
def publisher(db):
    return make_user("publisher")


@pytest.fixture
def siteadmin(db):
    return make_user("siteadmin")


@pytest.fixture
def norole(db):
    """Staff flag set, but no role: must see nothing of the back-office."""
    return make_user(None)


@pytest.fixture
def unit(db):
    return make_unit()


@pytest.fixture
def draft(db, editor, unit):
    return make_news(unit=unit, created_by=editor)
