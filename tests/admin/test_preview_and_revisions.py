"""Preview of unpublished content for staff only; revision history, comparison
and restore."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Effect, Revision, Status
from tests.factories import make_news, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db


def preview_url(item):
    return f"/preview/news/{item.pk}/"


def revisions_url(item):
    return f"/admin/news/newsitem/{item.pk}/revisions/"


def restore_url(item, revision):
    return f"/admin/news/newsitem/{item.pk}/revisions/{revision.pk}/restore/"


class TestPreview:
    @pytest.mark.parametrize("role", ["editor", "publisher"])
    def test_staff_see_a_draft_with_a_banner_and_noindex(self, client, role, draft):
        client.force_login(make_user(role))
        response = client.get(preview_url(draft))
        assert response.status_code == 200
        html = response.content.decode()
        assert draft.title in html
        assert 'class="preview-banner"' in html
        assert "Esborrany" in html
        assert '<meta name="robots" content="noindex">' in html
        assert "no-store" in response["Cache-Control"]

    def test_preview_shows_a_scheduled_item_before_its_time(self, client, publisher):
        item = make_news(status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
        client.force_login(publisher)
        html = client.get(preview_url(item)).content.decode()
        assert item.title in html
        assert "Programat" in html

    def test_anonymous_is_sent_to_login(self, client, draft):
        response = client.get(preview_url(draft))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert draft.title.encode() not in response.content

    def test_non_staff_is_sent_to_login(self, client, draft):
        client.force_login(make_user("editor", staff=False))
        response = client.get(preview_url(draft))
        assert response.status_code == 302
        assert draft.title.encode() not in response.content

    def test_staff_without_a_role_is_refused(self, client, norole, draft):
        client.force_login(norole)
        response = client.get(preview_url(draft))
        assert response.status_code in (302, 403)
        assert draft.title.encode() not in response.content

    def test_staff_with_direct_permissions_but_no_role_is_refused(self, client, norole, draft):
        from django.contrib.auth.models import Permission

        norole.user_permissions.add(
            Permission.objects.get(content_type__app_label="news", codename="view_newsitem")
        )
        client.force_login(norole)
        response = client.get(preview_url(draft))
        assert response.status_code == 403
        assert draft.title.encode() not in response.content

    def test_unknown_item_is_404(self, client, publisher):
        client.force_login(publisher)
        assert client.get("/preview/news/999999/").status_code == 404

    def test_preview_is_never_served_from_the_public_cache(self, client, publisher, draft):
        client.force_login(publisher)
        client.get(preview_url(draft))
        client.logout()
        assert client.get(preview_url(draft)).status_code == 302

    def test_change_form_links_to_preview_and_revisions(self, client, editor, draft):
        client.force_login(editor)
        html = client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
        # "Previsualitza" opens the frame page (phone and desktop, both languages).
        assert f'href="{preview_url(draft)}frame/"' in html
        assert f'href="{revisions_url(draft)}"' in html


def edit(client, item, **changes):
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", news_admin_form_data(item, **changes))
    assert response.status_code == 302
    item.refresh_from_db()


@pytest.fixture
def edited(client, publisher, draft):
    """A draft saved three times through the admin: three revisions."""
    client.force_login(publisher)
    edit(client, draft, title="Primera versió", summary="Resum u.")
    edit(client, draft, title="Segona versió", summary="Resum dos.")
    edit(client, draft, title="Tercera versió", summary="Resum dos.", tags="festa major, cultura")
    return draft


def history(item):
    return list(Revision.for_item(item).order_by("created_at", "pk"))


class TestRevisions:
    def test_lists_every_revision(self, client, edited, publisher):
        response = client.get(revisions_url(edited))
        assert response.status_code == 200
        html = response.content.decode()
        assert [r.pk for r, _label in response.context["history"]] == [
            r.pk for r in reversed(history(edited))
        ]
        assert html.count('name="r"') == 3
        assert publisher.get_full_name() in html

    def test_compare_two_revisions_shows_the_changed_fields(self, client, edited):
        first, _second, third = history(edited)
        response = client.get(revisions_url(edited), {"r": [third.pk, first.pk]})
        rows = {label: (old, new) for label, old, new in response.context["comparison"]["rows"]}
        # Word by word: what went is marked in the old value, what came in the new.
        assert rows["títol"] == ("<del>Primera</del> versió", "<ins>Tercera</ins> versió")
        assert rows["resum"] == ("Resum <del>u</del>.", "Resum <ins>dos</ins>.")
        assert rows["tags"] == ("", "<ins>cultura, festa major</ins>")
        assert "unitat" not in rows
        html = response.content.decode()
        assert "<del>Primera</del> versió" in html and "<ins>Tercera</ins> versió" in html

    def test_compare_identical_content_says_so(self, client, edited, publisher):
        latest = history(edited)[-1]
        edit(client, edited)  # saved unchanged: a new revision, same content
        again = history(edited)[-1]
        response = client.get(revisions_url(edited), {"r": [latest.pk, again.pk]})
        assert response.context["comparison"]["rows"] == []
        assert "mateix contingut" in response.content.decode()

    def test_choosing_one_revision_asks_for_two(self, client, edited):
        response = client.get(revisions_url(edited), {"r": [history(edited)[0].pk]})
        assert response.status_code == 200
        assert response.context["comparison"] is None
        assert any("exactament dues" in str(m) for m in response.context["messages"])

    @pytest.mark.parametrize("bad", ["999999", "abc", ""])
    def test_bad_revision_ids_in_a_comparison_are_404(self, client, edited, bad):
        first = history(edited)[0]
        assert client.get(revisions_url(edited), {"r": [first.pk, bad]}).status_code == 404

    def test_revision_of_another_item_is_404(self, client, edited, publisher):
        other = make_news()
        edit(client, other, title="Una altra")
        foreign = history(other)[0]
        mine = history(edited)[0]
        assert client.get(revisions_url(edited), {"r": [mine.pk, foreign.pk]}).status_code == 404
        assert client.post(restore_url(edited, foreign)).status_code == 404

    @pytest.mark.parametrize("object_id", ["999999", "abc"])
    def test_unknown_item_is_404(self, client, publisher, object_id):
        client.force_login(publisher)
        assert client.get(f"/admin/news/newsitem/{object_id}/revisions/").status_code == 404

    def test_anonymous_and_roleless_staff_cannot_see_revisions(self, client, edited, norole):
        client.logout()
        assert client.get(revisions_url(edited)).status_code == 302
        client.force_login(norole)
        response = client.get(revisions_url(edited))
        assert response.status_code == 302
        assert b"Primera" not in response.content


class TestRestore:
    def test_get_is_not_allowed(self, client, edited):
        first = history(edited)[0]
        assert client.get(restore_url(edited, first)).status_code == 405
        edited.refresh_from_db()
        assert edited.title == "Tercera versió"

    def test_restore_brings_back_content_and_records_a_revision(self, client, edited, publisher):
        first = history(edited)[0]
        response = client.post(restore_url(edited, first), follow=True)
        assert response.redirect_chain[-1][0] == f"/admin/news/newsitem/{edited.pk}/change/"
        assert any("restaurada" in str(m) for m in response.context["messages"])
        edited.refresh_from_db()
        assert (edited.title, edited.summary) == ("Primera versió", "Resum u.")
        assert sorted(edited.tags.names()) == []
        newest = history(edited)[-1]
        assert len(history(edited)) == 4
        assert newest.user == publisher
        assert "Restaurada" in newest.comment
        assert newest.data["title"] == "Primera versió"

    def test_restore_keeps_the_workflow_state(self, client, edited, publisher):
        first = history(edited)[0]
        workflow.perform(edited, "publish", publisher)
        published_at, publication = edited.publish_at, edited.publication
        client.post(restore_url(edited, first))
        edited.refresh_from_db()
        assert edited.title == "Primera versió"
        assert (edited.status, edited.publication) == (Status.PUBLISHED, publication)
        # The old revision had no publication time: restoring it must not
        # unpublish the item behind the workflow's back.
        assert edited.publish_at == published_at
        assert edited.is_visible()
        # Visible content changed: its pages are purged.
        newest = history(edited)[-1]
        assert Effect.for_item(edited).filter(key=f"changed:{newest.pk}").exists()

    def test_editor_cannot_restore_a_published_item(self, client, edited, publisher, editor):
        first = history(edited)[0]
        workflow.perform(edited, "publish", publisher)
        client.force_login(editor)
        page = client.get(revisions_url(edited))
        assert page.status_code == 200
        assert "Restaura" not in page.content.decode().split("<tbody>", 1)[1]
        assert client.post(restore_url(edited, first)).status_code == 403
        edited.refresh_from_db()
        assert edited.title == "Tercera versió"
        assert len(history(edited)) == 4  # three saves and the publication

    def test_editor_restores_a_draft(self, client, edited, editor):
        first = history(edited)[0]
        client.force_login(editor)
        client.post(restore_url(edited, first))
        edited.refresh_from_db()
        assert edited.title == "Primera versió"
        assert history(edited)[-1].user == editor

    def test_restore_that_would_be_invalid_is_refused_clearly(self, client, edited):
        first = history(edited)[0]
        # Another item took the slug meanwhile? Simulate an old revision whose
        # data is no longer valid: a title beyond the limit.
        first.data["title"] = "T" * 250
        first.save()
        response = client.post(restore_url(edited, first), follow=True)
        assert any("No s'ha pogut restaurar" in str(m) for m in response.context["messages"])
        edited.refresh_from_db()
        assert edited.title == "Tercera versió"
        assert len(history(edited)) == 3

    def test_unknown_revision_is_404(self, client, edited):
        assert client.post(f"/admin/news/newsitem/{edited.pk}/revisions/999999/restore/").status_code == 404
        assert client.post(f"/admin/news/newsitem/{edited.pk}/revisions/abc/restore/").status_code == 404
