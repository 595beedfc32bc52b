"""The news list in the admin, bulk actions, and the site administrator's
institutional pages."""

import pytest

from comunicacio.pages import SitePage
from comunicacio.publishing.models import Revision, Status
from news.models import NewsItem
from tests.factories import make_news

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/news/newsitem/"


def test_changelist_shows_status_labels_and_filters_by_status(client, editor):
    make_news(status=Status.DRAFT, title="Esborrany de la festa")
    make_news(status=Status.REVIEW, title="Revisió del pressupost")
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert "Esborrany de la festa" in html and "Revisió del pressupost" in html
    assert 'class="status status-review"' in html
    filtered = client.get(CHANGELIST, {"status__exact": Status.REVIEW}).content.decode()
    assert "Revisió del pressupost" in filtered
    assert "Esborrany de la festa" not in filtered


def test_changelist_search(client, editor):
    make_news(title="Mercat de Nadal")
    make_news(title="Tall de llum")
    client.force_login(editor)
    html = client.get(CHANGELIST, {"q": "nadal"}).content.decode()
    assert "Mercat de Nadal" in html
    assert "Tall de llum" not in html


def test_scheduled_item_is_labelled_as_scheduled(client, publisher):
    from datetime import timedelta

    from django.utils import timezone

    make_news(status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1), title="Futur")
    client.force_login(publisher)
    assert "Programat" in client.get(CHANGELIST).content.decode()


def test_bulk_delete_never_removes_non_drafts(client, publisher):
    draft = make_news(status=Status.DRAFT)
    published = make_news(status=Status.PUBLISHED)
    client.force_login(publisher)
    response = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )
    assert response.status_code in (200, 403)
    assert NewsItem.objects.filter(pk=published.pk).exists()


def test_bulk_delete_of_drafts_by_a_publisher(client, publisher):
    draft = make_news(status=Status.DRAFT)
    client.force_login(publisher)
    client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"})
    assert not NewsItem.objects.filter(pk=draft.pk).exists()


def test_site_admin_edits_an_institutional_page_with_a_revision_and_clean_html(client, siteadmin):
    client.force_login(siteadmin)
    data = {
        "slug": "accessibilitat",
        "title": "Declaració d'accessibilitat",
        "body": '<p>Compromís<script>alert(1)</script></p><p onclick="x()">AA</p>',
        "title_es": "",
        "body_es": "",
        "show_in_footer": "on",
    }
    assert client.post("/admin/comunicacio/sitepage/add/", data).status_code == 302
    page = SitePage.objects.get(slug="accessibilitat")
    assert "<script" not in page.body and "onclick" not in page.body
    revision = Revision.for_item(page).get()
    assert revision.user == siteadmin
    client.logout()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Declaració d&#x27;accessibilitat" in html or "Declaració d'accessibilitat" in html
    assert "<script>alert(1)" not in html
