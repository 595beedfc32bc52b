"""Draft over live for institutional entries (with their guest list), through
the admin; tests/testapp's type is in tests/foundation/test_working_copies.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing import working_copies
from comunicacio.publishing.models import Status
from institutional.models import Guest, Holder, InstitutionalCategory, InstitutionalEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_institutional_entry_copy_holds_its_guest_list(
    client, form_data, django_capture_on_commit_callbacks
):
    holder = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig", order=1)
    entry = InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=3),
        subject="Visita a la depuradora",
        category=InstitutionalCategory.VISIT,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )
    Guest.objects.create(entry=entry, name="Pere Convidat", position="Diputació")
    url = f"/admin/institutional/institutionalentry/{entry.pk}/change/"
    client.force_login(make_user("editor"))
    data = form_data(
        client,
        url,
        "institutionalentry_form",
        subject="Visita a la depuradora nova",
        **{"guests-0-name": "Pere Convidat i Soler"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry.refresh_from_db()
    assert entry.subject == "Visita a la depuradora"
    assert list(entry.guests.values_list("name", flat=True)) == ["Pere Convidat"]
    client.logout()
    assert "depuradora nova" not in client.get(entry.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        working_copies.publish(entry, make_user("publisher"))
    entry.refresh_from_db()
    assert entry.subject == "Visita a la depuradora nova"
    assert list(entry.guests.values_list("name", flat=True)) == ["Pere Convidat i Soler"]
    assert "depuradora nova" in client.get(entry.get_absolute_url()).content.decode()
