"""No English on any back-office page a role can reach: every role's
crawl of the admin (index, changelists, add and change forms, history,
revisions, the other back-office pages linked from the index) finds none."""

import pytest

from comunicacio import roles
from tests.support.admin_crawl import crawl, english_in

pytestmark = pytest.mark.django_db


def test_no_role_sees_english(client, filled_admin, role_users):
    report = {}
    for role, user in role_users.items():
        client.force_login(user)
        result = crawl(client)
        assert len(result.visited) > 5, (role, result.visited)
        if role == roles.EDITORS:
            # The crawl reaches what an editor uses every day.
            assert {
                "/admin/news/newsitem/",
                "/admin/news/newsitem/add/",
                "/admin/preferencies/",
            } <= set(result.visited)
            assert any(url.endswith("/revisions/") for url in result.visited)
            assert any(url.endswith("/history/") for url in result.visited)
        assert not result.errors, (role, result.errors)
        report.update({f"{role} {url}": found for url, found in result.english.items()})
        client.logout()
    assert report == {}, "\n".join(f"{where}: {found}" for where, found in report.items())


def test_the_detector_finds_english_and_leaves_catalan_alone():
    html = """<html><head><title>Notícies</title><script>var a = "Add";</script></head><body>
    <a href="/">Skip to main content</a><th>Content type</th><img alt="Search" src="x.svg">
    <input type="submit" value="Save"><p>Desa i envia a revisió. No hi ha cap element.</p>
    <p>Cancel·lada</p><span title="Show counts">3</span></body></html>"""
    found = english_in(html)
    assert found == [
        "Skip to main content",
        "Content type",
        "Search",
        "Save",
        "Show counts",
    ]


def test_a_superuser_sees_no_english(client, filled_admin, superuser):
    # Every model's admin, Django's and the third-party apps' included.
    client.force_login(superuser)
    result = crawl(client)
    assert "/admin/axes/accesslog/" in result.visited and "/admin/taggit/tag/" in result.visited
    assert not result.errors
    assert result.english == {}, "\n".join(f"{url}: {found}" for url, found in result.english.items())


def test_permissions_read_in_catalan(client, superuser):
    from django.contrib.auth.models import Permission

    from comunicacio.permission_labels import permission_label

    client.force_login(superuser)
    page = client.get("/admin/auth/group/add/").content.decode()
    assert "Agenda d&#x27;activitats | activitat: pot afegir" in page
    assert "Can add" not in page
    publish = Permission.objects.get(codename="publish_newsitem")
    assert permission_label(publish).endswith("notícia: pot aprovar, programar, publicar i retirar")
