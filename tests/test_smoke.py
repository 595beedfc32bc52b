import pytest


@pytest.mark.django_db
def test_home_renders(client):
    response = client.get("/ca/")
    assert response.status_code == 200
