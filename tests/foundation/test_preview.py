from django.contrib.auth.models import Group, Permission

from comunicacio import roles
from comunicacio.publishing.models import Status


def test_a_draft_is_previewed_with_its_declared_template_for_staff_only(client, superuser, make_notice):
    draft = make_notice("Obres al carrer Major", status=Status.DRAFT, publish_at=None)
    url = draft.get_preview_url()
    assert url == f"/preview/notice/{draft.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert [t.name for t in response.templates][0] == "testapp/detail.html"
    html = response.content.decode()
    assert "PREVIEW" in html and "Obres al carrer Major" in html
    # Never on the public page.
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_preview_needs_a_role_and_the_right_to_see_the_type(client, django_user_model, make_notice):
    draft = make_notice(status=Status.DRAFT, publish_at=None)
    editor = django_user_model.objects.create_user(
        "redactora", password="contrasenya-prova-llarga", is_staff=True
    )
    editor.groups.add(Group.objects.get_or_create(name=roles.EDITORS)[0])
    client.force_login(editor)
    assert client.get(draft.get_preview_url()).status_code == 403
    editor.user_permissions.add(
        Permission.objects.get(codename="view_notice", content_type__app_label="testapp")
    )
    assert client.get(draft.get_preview_url()).status_code == 200


def test_an_unknown_type_or_item_is_not_found(client, superuser, make_notice):
    client.force_login(superuser)
    assert client.get("/preview/nothing/1/").status_code == 404
    assert client.get("/preview/notice/999999/").status_code == 404


def test_preview_is_under_the_prefix_robots_and_the_page_cache_skip(db, client):
    from comunicacio import pagecache

    assert "Disallow: /preview/" in client.get("/robots.txt").content.decode()
    assert "/preview/" in pagecache.SKIPPED_PREFIXES


def test_a_type_registered_later_gets_the_frame_page_and_share_links(client, superuser, make_notice):
    """Nothing per type: the test-only type (not even in the admin) has its
    frame page and share links from its declaration alone."""
    draft = make_notice("Obres al carrer Major", status=Status.DRAFT, publish_at=None)
    client.force_login(superuser)
    frame = client.get(f"/preview/notice/{draft.pk}/frame/")
    assert frame.status_code == 200
    assert frame.content.decode().count("<iframe") == 2
    assert client.post(f"/preview/notice/{draft.pk}/share/", {"days": "1"}).status_code == 302
    page = client.get(f"/preview/notice/{draft.pk}/share/").content.decode()
    address = page.split('value="http://testserver', 1)[1].split('"', 1)[0]
    client.logout()
    shared = client.get(address)
    assert shared.status_code == 200
    assert "Obres al carrer Major" in shared.content.decode()
