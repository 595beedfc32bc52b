"""Working copies' tests run every Celery task in process."""

import pytest


@pytest.fixture(autouse=True)
def _in_process_tasks(_eager_celery):
    pass
