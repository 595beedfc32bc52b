"""History respects the same permissions as the fields: what an inline hides
from a viewer (the protocol guest list from site administrators, say) is not
readable through the item's change history, its revisions or the revision
list either."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission

from agenda.models import Event
from comunicacio import roles
from comunicacio.pages import SitePage
from comunicacio.publishing.models import Revision
from institutional.models import Holder, InstitutionalEntry
from tests.factories import entry_admin_form, event_admin_form_data, make_user

pytestmark = pytest.mark.django_db

GUEST = "Pere Convidat"


@pytest.fixture
def entry_with_guests(client, publisher):
    holder = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig", order=1)
    client.force_login(publisher)
    response = client.post("/admin/institutional/institutionalentry/add/", entry_admin_form(holder))
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = InstitutionalEntry.objects.get()
    guest = entry.guests.get()
    # A second save changes the entry and the guest together.
    data = entry_admin_form(
        holder,
        subject="Visita a la depuradora nova",
        **{
            "guests-INITIAL_FORMS": "1",
            "guests-0-id": str(guest.pk),
            "guests-0-entry": str(entry.pk),
            "guests-0-notes": "Seient de protocol a la primera fila",
        },
    )
    response = client.post(f"/admin/institutional/institutionalentry/{entry.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    return entry


def history(client, user, entry):
    client.force_login(user)
    response = client.get(f"/admin/institutional/institutionalentry/{entry.pk}/history/")
    assert response.status_code == 200
    return response.content.decode()


def test_site_admin_reads_the_history_without_the_guest_list(client, siteadmin, entry_with_guests):
    html = history(client, siteadmin, entry_with_guests)
    assert GUEST not in html
    assert "Il·lustríssim" not in html
    assert "convidat" not in html.lower()
    # What was said about the entry's own fields is still there.
    assert "Assumpte" in html


def test_publisher_reads_the_whole_history(client, publisher, entry_with_guests):
    html = history(client, publisher, entry_with_guests)
    assert GUEST in html
    assert "Assumpte" in html


def test_site_admin_cannot_open_the_guest_list_in_the_revisions_either(client, siteadmin, entry_with_guests):
    client.force_login(siteadmin)
    revisions = list(Revision.for_item(entry_with_guests).order_by("pk").values_list("pk", flat=True))
    url = f"/admin/institutional/institutionalentry/{entry_with_guests.pk}/revisions/"
    html = client.get(url, {"r": revisions[:2]}).content.decode()
    assert "Visita a la depuradora nova" in html
    assert GUEST not in html


NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


@pytest.fixture
def event_with_two_versions(client, superuser):
    with time_machine.travel(NOW, tick=False):
        client.force_login(superuser)
        response = client.post("/admin/agenda/event/add/", event_admin_form_data(title="Concert"))
        assert response.status_code == 302
        event = Event.objects.get()
        session = event.sessions.get()
        data = event_admin_form_data(
            title="Concert de Nadal",
            **{
                "sessions-INITIAL_FORMS": "1",
                "sessions-0-id": str(session.pk),
                "sessions-0-event": str(event.pk),
                "sessions-0-end_1": "21:30",
            },
        )
        response = client.post(f"/admin/agenda/event/{event.pk}/change/", data)
        assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    return event


def compare(client, user, event):
    client.force_login(user)
    revisions = list(Revision.for_item(event).order_by("pk").values_list("pk", flat=True))[-2:]
    response = client.get(f"/admin/agenda/event/{event.pk}/revisions/", {"r": revisions})
    assert response.status_code == 200
    return response.content.decode()


def test_revisions_leave_out_the_inlines_a_role_may_not_see(client, event_with_two_versions):
    """Any inline, not only guests: a role allowed to view events but not
    their sessions sees the title change and not the sessions' dates."""
    sessions_view = Permission.objects.get(codename="view_eventsession")
    Group.objects.get(name=roles.SITE_ADMINS).permissions.remove(sessions_view)
    viewer = make_user("siteadmin")
    html = compare(client, viewer, event_with_two_versions)
    assert "Concert de Nadal" in html
    assert "21:30" not in html and "T20:30" not in html


def test_revisions_show_the_sessions_to_who_may_see_them(client, event_with_two_versions):
    html = compare(client, make_user("siteadmin"), event_with_two_versions)
    assert "Concert de Nadal" in html
    assert "sessions" in html


def test_revision_list_hides_raw_data_and_content_the_viewer_may_not_view(client, editor, superuser):
    page = SitePage.objects.create(slug="intern", title="Pàgina", body="<p>Esborrany secret</p>")
    Revision.objects.create(
        target=page, user=superuser, comment="Desat", data={"body": "<p>Esborrany secret</p>"}
    )
    client.force_login(editor)
    assert "Esborrany secret" not in client.get("/admin/comunicacio/revision/").content.decode()
    revision = Revision.objects.get()
    response = client.get(f"/admin/comunicacio/revision/{revision.pk}/change/", follow=True)
    assert "Esborrany secret" not in response.content.decode()
