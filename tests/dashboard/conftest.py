import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _catalan():
    with translation.override("ca"):
        yield
