"""Only a superuser makes someone a publisher: a site administrator can
neither grant a role that publishes (to a new or an existing account, to a
group, or as a raw permission) nor change the password of someone who can
publish and log in as them. Through the real admin views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from comunicacio import roles
from tests.factories import make_user, user_change_data

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Una-contrasenya-nova-llarga-42"


# Publishing is a permission per content type: the news one stands for any.
PUBLISH_NEWS = "news.publish_newsitem"


def publish_permission():
    app_label, codename = PUBLISH_NEWS.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group(name):
    return Group.objects.get(name=name)


def change_user(client, user, **overrides):
    return client.post(f"/admin/auth/user/{user.pk}/change/", user_change_data(user, **overrides))


def change_password(client, user):
    return client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )


class TestGrantingRoles:
    def test_site_admin_cannot_make_a_second_account_a_publisher(self, client, siteadmin):
        client.force_login(siteadmin)
        response = client.post(
            "/admin/auth/user/add/",
            {
                "username": "segona.cap",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "usable_password": "true",
            },
        )
        assert response.status_code == 302
        second = User.objects.get(username="segona.cap")
        response = change_user(client, second, groups=[group(roles.PUBLISHERS).pk], is_staff=True)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "Només un superusuari pot donar un rol que pot publicar" in str(errors["groups"])
        second.refresh_from_db()
        assert not second.groups.exists()
        assert not second.has_perm(PUBLISH_NEWS)

    def test_site_admin_cannot_promote_an_editor(self, client, siteadmin):
        editor = make_user("editor")
        client.force_login(siteadmin)
        groups = [group(roles.EDITORS).pk, group(roles.PUBLISHERS).pk]
        assert change_user(client, editor, groups=groups).status_code == 200
        assert list(editor.groups.values_list("name", flat=True)) == [roles.EDITORS]

    def test_site_admin_still_gives_roles_that_do_not_publish(self, client, siteadmin):
        target = make_user(None)
        client.force_login(siteadmin)
        groups = [group(roles.EDITORS).pk, group(roles.SITE_ADMINS).pk]
        assert change_user(client, target, groups=groups).status_code == 302
        assert set(target.groups.values_list("name", flat=True)) == {roles.EDITORS, roles.SITE_ADMINS}

    def test_site_admin_may_edit_a_publisher_who_keeps_the_role(self, client, siteadmin):
        publisher = make_user("publisher")
        client.force_login(siteadmin)
        assert change_user(client, publisher, last_name="Ferrer Vidal").status_code == 302
        publisher.refresh_from_db()
        assert publisher.last_name == "Ferrer Vidal"
        assert publisher.groups.filter(name=roles.PUBLISHERS).exists()

    def test_superuser_makes_a_publisher(self, client, superuser):
        editor = make_user("editor")
        client.force_login(superuser)
        assert change_user(client, editor, groups=[group(roles.PUBLISHERS).pk]).status_code == 302
        assert editor.has_perm(PUBLISH_NEWS)

    def test_site_admin_cannot_grant_raw_permissions_or_superuser(self, client, siteadmin):
        target = make_user(None)
        client.force_login(siteadmin)
        response = change_user(client, target, user_permissions=[publish_permission().pk], is_superuser="on")
        assert response.status_code == 302
        target = User.objects.get(pk=target.pk)
        assert not target.is_superuser
        assert not target.user_permissions.exists()
        assert not target.has_perm(PUBLISH_NEWS)


class TestPasswords:
    def test_site_admin_cannot_reset_a_publishers_password(self, client, siteadmin):
        publisher = make_user("publisher")
        client.force_login(siteadmin)
        assert client.get(f"/admin/auth/user/{publisher.pk}/password/").status_code == 403
        assert change_password(client, publisher).status_code == 403
        publisher.refresh_from_db()
        assert not publisher.check_password(NEW_PASSWORD)
        assert publisher.check_password("contrasenya-prova")

    def test_nor_of_someone_holding_a_publishing_permission_directly(self, client, siteadmin):
        target = make_user(None)
        target.user_permissions.add(publish_permission())
        client.force_login(siteadmin)
        assert change_password(client, target).status_code == 403
        target.refresh_from_db()
        assert not target.check_password(NEW_PASSWORD)

    def test_site_admin_resets_an_editors_password(self, client, siteadmin):
        editor = make_user("editor")
        client.force_login(siteadmin)
        assert change_password(client, editor).status_code == 302
        editor.refresh_from_db()
        assert editor.check_password(NEW_PASSWORD)

    def test_superuser_resets_a_publishers_password(self, client, superuser):
        publisher = make_user("publisher")
        client.force_login(superuser)
        assert change_password(client, publisher).status_code == 302
        publisher.refresh_from_db()
        assert publisher.check_password(NEW_PASSWORD)


class TestGroupPermissions:
    """A site administrator who was also given group editing (the roles do
    not include it) still cannot add publishing permissions to a group."""

    @pytest.fixture
    def group_manager(self, siteadmin):
        for codename in ("add_group", "change_group"):
            siteadmin.user_permissions.add(Permission.objects.get(codename=codename))
        return User.objects.get(pk=siteadmin.pk)

    def group_data(self, name, permissions):
        return {"name": name, "permissions": [permission.pk for permission in permissions]}

    def test_cannot_add_the_publish_permission_to_a_role(self, client, group_manager):
        editors = group(roles.EDITORS)
        before = set(editors.permissions.all())
        client.force_login(group_manager)
        data = self.group_data(editors.name, [*before, publish_permission()])
        response = client.post(f"/admin/auth/group/{editors.pk}/change/", data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "Només un superusuari pot donar permisos de publicació" in str(errors["permissions"])
        assert set(editors.permissions.all()) == before

    def test_cannot_create_a_group_that_publishes(self, client, group_manager):
        client.force_login(group_manager)
        delete_news = Permission.objects.get(codename="delete_newsitem")
        response = client.post("/admin/auth/group/add/", self.group_data("Drecera", [delete_news]))
        assert response.status_code == 200
        assert not Group.objects.filter(name="Drecera").exists()

    def test_may_add_other_permissions_and_keep_existing_ones(self, client, group_manager):
        publishers = group(roles.PUBLISHERS)
        before = set(publishers.permissions.all())
        extra = Permission.objects.get(codename="view_sitepage")
        client.force_login(group_manager)
        data = self.group_data(publishers.name, [*before, extra])
        assert client.post(f"/admin/auth/group/{publishers.pk}/change/", data).status_code == 302
        assert set(publishers.permissions.all()) == before | {extra}

    def test_superuser_may_add_the_publish_permission(self, client, superuser):
        editors = group(roles.EDITORS)
        client.force_login(superuser)
        data = self.group_data(editors.name, [*editors.permissions.all(), publish_permission()])
        assert client.post(f"/admin/auth/group/{editors.pk}/change/", data).status_code == 302
        assert editors.permissions.filter(codename="publish_newsitem").exists()
