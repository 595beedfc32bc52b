import pytest

from tests.news.builders import make_unit


@pytest.fixture
def unit(db):
    return make_unit("Àrea de Comunicació", slug="comunicacio")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "cap", "cap@ajuntament.example", "contrasenya-prova-llarga"
    )
