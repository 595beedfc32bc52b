import pytest
from django.utils import translation

from tests.news.builders import make_unit


@pytest.fixture
def other_unit(db):
    return make_unit("Departament de Cultura", slug="cultura")


@pytest.fixture
def eager_effects(django_capture_on_commit_callbacks):
    """Run publishing side effects (Celery tasks enqueued on commit) in process."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True

    class Runner:
        def __call__(self, func, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return func(*args, **kwargs)

    yield Runner()
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _catalan():
    """URLs built in a test are Catalan even after a request to a /es/ page
    left Spanish active in the thread."""
    with translation.override("ca"):
        yield
