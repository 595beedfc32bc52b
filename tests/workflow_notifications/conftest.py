"""The workflow's notifications run their emails in process (see
tests/integration for the real worker)."""

import pytest


@pytest.fixture(autouse=True)
def _in_process_tasks(_eager_celery):
    pass
