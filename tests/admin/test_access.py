"""Who gets into the back-office and what each role may do there."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from comunicacio import roles
from comunicacio.organisation import Building, Unit
from comunicacio.pages import SitePage
from comunicacio.publishing.models import Status
from comunicacio.publishing.working_copies import WorkingCopy
from news.models import NewsItem
from tests.factories import make_news, make_unit, make_user, news_admin_form_data, user_change_data

pytestmark = pytest.mark.django_db

User = get_user_model()


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


class TestWhoGetsIn:
    @pytest.mark.parametrize(
        "url", ["/admin/", "/admin/news/newsitem/", "/admin/news/newsitem/add/", "/admin/comunicacio/unit/"]
    )
    def test_anonymous_is_sent_to_login(self, client, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def test_anonymous_cannot_see_a_draft_in_the_admin(self, client, draft):
        response = client.get(change_url(draft))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @pytest.mark.parametrize(
        "url", ["/admin/", "/admin/news/newsitem/", "/admin/news/newsitem/add/", "/admin/auth/user/"]
    )
    def test_staff_without_a_role_sees_nothing(self, client, norole, draft, url):
        client.force_login(norole)
        response = client.get(url, follow=True)
        html = response.content.decode()
        # Django's login page tells an authenticated user they lack access.
        assert response.redirect_chain[-1][0].startswith("/admin/login/")
        assert draft.title not in html
        assert "/admin/news/" not in html.split("</form>")[-1]
        assert 'id="login-form"' in html

    def test_staff_without_a_role_cannot_post_anything(self, client, norole, draft, unit):
        client.force_login(norole)
        response = client.post(change_url(draft), news_admin_form_data(draft, title="Hackejat"))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.title != "Hackejat"

    def test_non_staff_user_with_a_role_gets_no_access(self, client):
        user = make_user("publisher", staff=False)
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @pytest.mark.parametrize("role", ["editor", "publisher", "siteadmin", "superuser"])
    def test_every_role_reaches_the_index(self, client, role):
        client.force_login(make_user(role))
        assert client.get("/admin/").status_code == 200


class TestEditor:
    def test_index_lists_news_but_not_users(self, client, editor):
        client.force_login(editor)
        html = client.get("/admin/").content.decode()
        assert "/admin/news/newsitem/" in html
        assert "/admin/auth/user/" not in html

    def test_can_create_a_draft(self, client, editor, unit):
        client.force_login(editor)
        data = news_admin_form_data(title="Obres a la plaça Major", summary="Talls de trànsit.", unit=unit.pk)
        response = client.post("/admin/news/newsitem/add/", data)
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors
        item = NewsItem.objects.get(title="Obres a la plaça Major")
        assert item.status == Status.DRAFT
        assert item.created_by == editor

    def test_can_edit_own_draft_and_item_in_review(self, client, editor, draft):
        client.force_login(editor)
        for status in (Status.DRAFT, Status.REVIEW, Status.WITHDRAWN, Status.ARCHIVED):
            NewsItem.objects.filter(pk=draft.pk).update(status=status)
            draft.refresh_from_db()
            response = client.post(change_url(draft), news_admin_form_data(draft, title=f"Nou {status}"))
            assert response.status_code == 302
            draft.refresh_from_db()
            assert draft.title == f"Nou {status}"

    # A published item is edited through a working copy (tests/working_copies/).
    @pytest.mark.parametrize("status", [Status.APPROVED])
    def test_approved_and_published_items_are_read_only(self, client, editor, status):
        item = make_news(status=status, title="Text aprovat")
        client.force_login(editor)
        page = client.get(change_url(item))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="title"' not in html
        assert 'name="_save"' not in html
        assert 'name="_workflow"' not in html
        response = client.post(change_url(item), news_admin_form_data(item, title="Canviat"))
        assert response.status_code == 403
        item.refresh_from_db()
        assert item.title == "Text aprovat"
        assert item.status == status

    def test_a_published_items_edit_leaves_the_live_item_as_it_is(self, client, editor):
        item = make_news(status=Status.PUBLISHED, title="Text publicat")
        client.force_login(editor)
        html = client.get(change_url(item)).content.decode()
        assert 'name="title"' in html and 'name="_workflow"' not in html
        response = client.post(change_url(item), news_admin_form_data(item, title="Canviat"))
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.title == "Text publicat" and item.status == Status.PUBLISHED
        assert WorkingCopy.objects.get().data["title"] == "Canviat"

    def test_cannot_delete_someone_else_s_draft(self, client, editor, draft):
        # Their own never-published drafts they may delete (tests/workflow_notifications).
        client.force_login(make_user("editor"))
        assert client.post(f"/admin/news/newsitem/{draft.pk}/delete/", {"post": "yes"}).status_code == 403
        assert NewsItem.objects.filter(pk=draft.pk).exists()

    def test_cannot_change_units(self, client, editor, unit):
        client.force_login(editor)
        response = client.post(
            f"/admin/comunicacio/unit/{unit.pk}/change/", {"name": "Canviat", "slug": unit.slug}
        )
        assert response.status_code == 403
        unit.refresh_from_db()
        assert unit.name != "Canviat"


class TestSiteAdmin:
    def test_manages_units_and_buildings(self, client, siteadmin):
        client.force_login(siteadmin)
        response = client.post(
            "/admin/comunicacio/building/add/",
            {"name": "Centre Cívic", "slug": "centre-civic", "address": "Carrer Nou, 3"},
        )
        assert response.status_code == 302
        building = Building.objects.get(slug="centre-civic")
        response = client.post(
            "/admin/comunicacio/unit/add/",
            {
                "name": "Serveis Socials",
                "slug": "serveis-socials",
                "kind": "service",
                "building": building.pk,
            },
        )
        assert response.status_code == 302
        assert Unit.objects.get(slug="serveis-socials").building == building

    def test_manages_site_pages(self, client, siteadmin):
        client.force_login(siteadmin)
        assert client.get("/admin/comunicacio/sitepage/add/").status_code == 200

    def test_manages_users_and_gives_roles(self, client, siteadmin):
        client.force_login(siteadmin)
        response = client.post(
            "/admin/auth/user/add/",
            {
                "username": "nova.redactora",
                "password1": "Una-contrasenya-llarga-42",
                "password2": "Una-contrasenya-llarga-42",
                "usable_password": "true",
            },
        )
        assert response.status_code == 302
        new = User.objects.get(username="nova.redactora")
        editors = Group.objects.get(name=roles.EDITORS)
        data = user_change_data(new, groups=[editors.pk], is_staff=True)
        response = client.post(f"/admin/auth/user/{new.pk}/change/", data)
        assert response.status_code == 302
        new.refresh_from_db()
        assert new.is_staff
        assert list(new.groups.all()) == [editors]

    def test_cannot_make_anyone_superuser(self, client, siteadmin):
        client.force_login(siteadmin)
        target = make_user("editor")
        data = user_change_data(target, is_superuser=True)
        client.post(f"/admin/auth/user/{target.pk}/change/", data)
        target.refresh_from_db()
        assert not target.is_superuser

    def test_cannot_give_themselves_another_role(self, client, siteadmin):
        client.force_login(siteadmin)
        publishers = Group.objects.get(name=roles.PUBLISHERS)
        data = user_change_data(siteadmin, groups=[publishers.pk])
        client.post(f"/admin/auth/user/{siteadmin.pk}/change/", data)
        siteadmin.refresh_from_db()
        assert not siteadmin.groups.filter(name=roles.PUBLISHERS).exists()
        assert siteadmin.groups.filter(name=roles.SITE_ADMINS).exists()

    def test_cannot_edit_a_superuser(self, client, siteadmin):
        root = make_user("superuser")
        client.force_login(siteadmin)
        response = client.post(f"/admin/auth/user/{root.pk}/change/", user_change_data(root, is_active=False))
        assert response.status_code == 403
        root.refresh_from_db()
        assert root.is_active

    def test_sees_news_read_only_without_workflow(self, client, siteadmin, draft):
        client.force_login(siteadmin)
        page = client.get(change_url(draft))
        assert page.status_code == 200
        assert 'name="_workflow"' not in page.content.decode()
        response = client.post(change_url(draft), {**news_admin_form_data(draft), "_workflow": "submit"})
        assert response.status_code == 403
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT

    def test_cannot_add_news(self, client, siteadmin, unit):
        client.force_login(siteadmin)
        data = news_admin_form_data(title="Intrusa", summary="x", unit=unit.pk)
        assert client.post("/admin/news/newsitem/add/", data).status_code == 403
        assert not NewsItem.objects.filter(title="Intrusa").exists()


class TestPublisher:
    def test_cannot_manage_units_or_users(self, client, publisher):
        client.force_login(publisher)
        assert client.get("/admin/comunicacio/unit/add/").status_code == 403
        assert client.get("/admin/auth/user/").status_code == 403

    def test_can_edit_published_item(self, client, publisher):
        item = make_news(status=Status.PUBLISHED, title="Abans")
        client.force_login(publisher)
        response = client.post(change_url(item), news_admin_form_data(item, title="Després"))
        assert response.status_code == 302
        item.refresh_from_db()
        assert (item.title, item.status) == ("Després", Status.PUBLISHED)


def test_a_unit_is_required_for_news(client, editor):
    client.force_login(editor)
    make_unit()
    response = client.post(
        "/admin/news/newsitem/add/", news_admin_form_data(title="Sense unitat", summary="x")
    )
    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not NewsItem.objects.filter(title="Sense unitat").exists()


def test_site_pages_admin_is_not_for_editors(client, editor):
    client.force_login(editor)
    assert client.get("/admin/comunicacio/sitepage/add/").status_code == 403
    assert not SitePage.objects.exists()
