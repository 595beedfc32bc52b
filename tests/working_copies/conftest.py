"""Working copies' tests run every Celery task in process, and read change
forms the way a browser submits them."""

import pytest

from tests.support.embedded_site import form_fields


@pytest.fixture(autouse=True)
def _in_process_tasks(_eager_celery):
    pass


@pytest.fixture
def form_data():
    """form_data(client, url, form_id, **changes) -> the POST data of the
    form as the page shows it, with ``changes`` applied."""

    def read(client, url, form_id, **changes):
        response = client.get(url)
        assert response.status_code == 200
        data: dict[str, list[str]] = {}
        for name, value in form_fields(response.content.decode(), form_id):
            data.setdefault(name, []).append(value)
        data.update({name: [value] for name, value in changes.items()})
        return data

    return read
