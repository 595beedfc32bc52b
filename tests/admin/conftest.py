"""The back-office's tests run every Celery task in process (publishing from
the admin runs its side effects)."""

import pytest


@pytest.fixture(autouse=True)
def _in_process_tasks(_eager_celery):
    pass
