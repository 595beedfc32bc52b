"""No English on any back-office page a role can reach: every role's
crawl of the admin (index, changelists, add and change forms, history,
revisions, the other back-office pages linked from the index) finds none."""

import pytest

from tests.support.admin_crawl import crawl, english_in

pytestmark = pytest.mark.django_db


def test_no_role_sees_english(client, filled_admin, role_users):
    report = {}
    for role, user in role_users.items():
        client.force_login(user)
        result = crawl(client)
        assert len(result.visited) > 5, (role, result.visited)
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
