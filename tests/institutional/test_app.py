"""The institutional agenda as an app of its own: the roles it declares, how
it registers with the foundation, and its old back-office addresses."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from comunicacio import registry, roles
from comunicacio.publishing import effects
from comunicacio.publishing.models import Status
from institutional.models import Holder, InstitutionalEntry, next_institutional_change

MADRID = ZoneInfo("Europe/Madrid")

# What each role could do with the institutional agenda while it lived in
# agenda: the same codenames, now under the app's own label.
EXPECTED = {
    roles.EDITORS: {
        "add_institutionalentry",
        "change_institutionalentry",
        "view_institutionalentry",
        "add_guest",
        "change_guest",
        "delete_guest",
        "view_guest",
        "view_holder",
    },
    roles.PUBLISHERS: {
        # Publishing is now a permission per content type (comunicacio.roles).
        "publish_institutionalentry",
        "add_institutionalentry",
        "change_institutionalentry",
        "delete_institutionalentry",
        "view_institutionalentry",
        "add_guest",
        "change_guest",
        "delete_guest",
        "view_guest",
        "add_holder",
        "change_holder",
        "view_holder",
    },
    roles.SITE_ADMINS: {"view_institutionalentry", "add_holder", "change_holder", "view_holder"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_holds_the_institutional_permissions_it_held_in_agenda(role):
    held = Group.objects.get(name=role).permissions.filter(content_type__app_label="institutional")
    assert set(held.values_list("codename", flat=True)) == EXPECTED[role]
    declared = apps.get_app_config("institutional").role_permissions[role]
    assert set(declared) == {f"institutional.{codename}" for codename in EXPECTED[role]}


@pytest.mark.django_db
def test_moderating_proposals_stays_with_the_agenda():
    editors = Group.objects.get(name=roles.EDITORS).permissions
    publishers = Group.objects.get(name=roles.PUBLISHERS).permissions
    assert set(editors.filter(content_type__model="eventproposal").values_list("codename", flat=True)) == {
        "change_eventproposal",
        "view_eventproposal",
    }
    assert set(publishers.filter(content_type__model="eventproposal").values_list("codename", flat=True)) == {
        "change_eventproposal",
        "delete_eventproposal",
        "view_eventproposal",
    }
    assert (
        "agenda.change_eventproposal"
        not in apps.get_app_config("institutional").role_permissions[roles.EDITORS]
    )


def test_registered_as_public_content_never_sent_to_the_press_nor_posted():
    spec = registry.spec_for(InstitutionalEntry)
    assert spec is registry.spec_named("institutional")
    assert spec.audience == registry.PUBLIC
    assert spec.effects == ("cache.purge", "workflow.notify")
    assert all(effects.get_handler(name) for name in spec.effects)
    assert spec.social_kinds == {}
    assert spec.visibility_watch is next_institutional_change
    assert spec.detail_template == "institutional/detail.html"


@pytest.mark.django_db
def test_the_listing_and_teasers_are_the_published_entries(django_assert_max_num_queries):
    holder = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig")
    now = datetime.now(MADRID)
    older = InstitutionalEntry.objects.create(
        holder=holder,
        start=now - timedelta(days=3),
        subject="Visita a l'escola",
        description="Amb la direcció.",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=4),
    )
    newer = InstitutionalEntry.objects.create(
        holder=holder,
        start=now + timedelta(days=2),
        subject="Ple municipal",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=1),
    )
    InstitutionalEntry.objects.create(holder=holder, start=now, subject="Esborrany", status=Status.DRAFT)

    spec = registry.spec_for(InstitutionalEntry)
    with django_assert_max_num_queries(1):
        teasers = [spec.teaser(entry) for entry in spec.listing()]
    assert [teaser.item for teaser in teasers] == [newer, older]
    read = teasers[1]
    assert (read.kind, read.title, read.summary, read.url, read.date) == (
        "institutional",
        "Anna Puig: Visita a l'escola",
        "Amb la direcció.",
        f"/ca/agenda-institucional/{older.pk}/",
        older.start,
    )
    assert [teaser.item for teaser in registry.teasers(["institutional"])] == [newer, older]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/agenda/institutionalentry/", "/admin/institutional/institutionalentry/"),
        (
            "/admin/agenda/institutionalentry/12/change/?_changelist_filters=holder__id__exact%3D3",
            "/admin/institutional/institutionalentry/12/change/?_changelist_filters=holder__id__exact%3D3",
        ),
        ("/admin/agenda/holder/add/", "/admin/institutional/holder/add/"),
        ("/admin/agenda/guest/", "/admin/institutional/guest/"),
    ],
)
def test_the_old_back_office_addresses_lead_to_the_new_ones(client, superuser, old, new):
    client.force_login(superuser)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_the_agendas_own_back_office_is_not_redirected(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/agenda/event/").status_code == 200
    assert client.get("/admin/institutional/institutionalentry/").status_code == 200
