"""Roles limited to a unit and its sub-units, through the real admin views:
a department's editor sees, files and changes only its own units' items, and
only a superuser loosens the limit of a role that publishes."""

import pytest
from django.contrib.auth.models import Group

from comunicacio import roles
from comunicacio.publishing.models import Status
from comunicacio.role_scopes import UnitScope
from tests.factories import make_news, make_unit, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db

SCOPES_URL = "/admin/comunicacio/unitscope/"


@pytest.fixture
def culture(db):
    return make_unit(name="Àrea de Cultura")


@pytest.fixture
def libraries(culture):
    return make_unit(name="Servei de Biblioteques", parent=culture)


@pytest.fixture
def sports(db):
    return make_unit(name="Àrea d'Esports")


@pytest.fixture
def culture_editor(culture):
    user = make_user("editor")
    UnitScope.objects.create(group=Group.objects.get(name=roles.EDITORS), user=user, unit=culture)
    return user


@pytest.fixture
def culture_publisher(culture):
    user = make_user("publisher")
    UnitScope.objects.create(group=Group.objects.get(name=roles.PUBLISHERS), user=user, unit=culture)
    return user


class TestEditorOfAUnit:
    def test_the_list_shows_only_its_units_items(self, client, culture_editor, culture, libraries, sports):
        own, sub, other = make_news(unit=culture), make_news(unit=libraries), make_news(unit=sports)
        client.force_login(culture_editor)
        listed = set(client.get("/admin/news/newsitem/").context["cl"].result_list)
        assert listed == {own, sub}
        assert other not in listed

    def test_an_item_of_another_unit_is_out_of_reach(self, client, culture_editor, sports):
        other = make_news(unit=sports)
        client.force_login(culture_editor)
        response = client.get(f"/admin/news/newsitem/{other.pk}/change/")
        assert response.status_code == 302  # the admin's "does not exist"
        data = news_admin_form_data(other, title="Canviat per una altra àrea")
        client.post(f"/admin/news/newsitem/{other.pk}/change/", data)
        other.refresh_from_db()
        assert other.title != "Canviat per una altra àrea"

    def test_it_edits_and_submits_its_own(self, client, culture_editor, libraries):
        own = make_news(unit=libraries)
        client.force_login(culture_editor)
        data = news_admin_form_data(own, title="Club de lectura", _workflow="submit")
        assert client.post(f"/admin/news/newsitem/{own.pk}/change/", data).status_code == 302
        own.refresh_from_db()
        assert (own.title, own.status) == ("Club de lectura", Status.REVIEW)

    def test_new_items_go_under_its_units_only(self, client, culture_editor, culture, libraries, sports):
        client.force_login(culture_editor)
        form = client.get("/admin/news/newsitem/add/").context["adminform"].form
        assert set(form.fields["unit"].queryset) == {culture, libraries}
        data = news_admin_form_data(title="Esports per a tothom", summary="Resum.", unit=sports.pk)
        response = client.post("/admin/news/newsitem/add/", data)
        assert response.status_code == 200
        assert "unit" in response.context["adminform"].form.errors

    def test_an_unlimited_editor_still_reaches_everything(self, client, editor, sports):
        other = make_news(unit=sports)
        client.force_login(editor)
        assert client.get(f"/admin/news/newsitem/{other.pk}/change/").status_code == 200

    def test_a_limit_on_the_whole_role_applies_to_every_member(self, client, culture, sports):
        UnitScope.objects.create(group=Group.objects.get(name=roles.EDITORS), unit=culture)
        member = make_user("editor")
        other = make_news(unit=sports)
        client.force_login(member)
        assert client.get(f"/admin/news/newsitem/{other.pk}/change/").status_code == 302


class TestPublisherOfAUnit:
    def test_publishes_its_units_items_only(self, client, culture_publisher, culture, sports):
        own = make_news(unit=culture, status=Status.APPROVED)
        other = make_news(unit=sports, status=Status.APPROVED)
        client.force_login(culture_publisher)
        for item in (own, other):
            client.post(
                f"/admin/news/newsitem/{item.pk}/change/",
                news_admin_form_data(item, _workflow="publish", _confirmed="publish"),
            )
        own.refresh_from_db()
        other.refresh_from_db()
        assert own.status == Status.PUBLISHED
        assert other.status == Status.APPROVED

    def test_cannot_change_an_image_another_units_live_item_shows(
        self, client, culture_publisher, culture, sports
    ):
        from tests.factories import make_image

        image = make_image()
        make_news(unit=culture, status=Status.PUBLISHED, image=image)
        client.force_login(culture_publisher)
        assert client.get(f"/admin/comunicacio/image/{image.pk}/change/").context["has_change_permission"]
        make_news(unit=sports, status=Status.PUBLISHED, image=image)
        assert not client.get(f"/admin/comunicacio/image/{image.pk}/change/").context["has_change_permission"]


class TestManagingLimits:
    def test_site_admin_limits_a_role_that_does_not_publish(self, client, siteadmin, culture):
        editor = make_user("editor")
        editors = Group.objects.get(name=roles.EDITORS)
        client.force_login(siteadmin)
        response = client.post(
            f"{SCOPES_URL}add/", {"group": editors.pk, "user": editor.pk, "unit": culture.pk}
        )
        assert response.status_code == 302
        assert UnitScope.objects.filter(group=editors, user=editor, unit=culture).exists()

    def test_a_limit_needs_the_membership(self, client, siteadmin, culture):
        stranger = make_user(None)
        client.force_login(siteadmin)
        editors = Group.objects.get(name=roles.EDITORS)
        response = client.post(
            f"{SCOPES_URL}add/", {"group": editors.pk, "user": stranger.pk, "unit": culture.pk}
        )
        assert response.status_code == 200
        assert "no té el rol" in str(response.context["adminform"].form.errors)
        assert not UnitScope.objects.exists()

    def test_site_admin_neither_adds_nor_removes_a_publishing_roles_limit(
        self, client, siteadmin, culture_publisher, culture
    ):
        publishers = Group.objects.get(name=roles.PUBLISHERS)
        scope = UnitScope.objects.get(user=culture_publisher)
        client.force_login(siteadmin)
        response = client.post(f"{SCOPES_URL}add/", {"group": publishers.pk, "unit": culture.pk})
        assert response.status_code == 200
        assert "group" in response.context["adminform"].form.errors
        assert client.post(f"{SCOPES_URL}{scope.pk}/delete/", {"post": "yes"}).status_code == 403
        assert UnitScope.objects.filter(pk=scope.pk).exists()

    def test_superuser_removes_a_publishers_limit(self, client, superuser, culture_publisher):
        scope = UnitScope.objects.get(user=culture_publisher)
        client.force_login(superuser)
        assert client.post(f"{SCOPES_URL}{scope.pk}/delete/", {"post": "yes"}).status_code == 302
        assert not UnitScope.objects.filter(pk=scope.pk).exists()

    def test_a_unit_that_limits_a_role_cannot_be_deleted_from_under_it(self, culture_editor, culture):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            culture.delete()


def test_the_staff_preview_keeps_to_the_units_of_the_role(client, culture_editor, culture, sports):
    own, other = make_news(unit=culture), make_news(unit=sports)
    client.force_login(culture_editor)
    assert client.get(own.get_preview_url()).status_code == 200
    assert client.get(other.get_preview_url()).status_code == 403
