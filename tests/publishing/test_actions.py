"""The named publishing actions own every consequence of a write: a saved
edit records its revision and, on live content, purges and schedules the
"changed" effects; a restore does the same; each workflow verb is
``workflow.perform`` under its own name; the admin calls them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from comunicacio import pagecache
from comunicacio.pages import SitePage
from comunicacio.publishing import actions, workflow
from comunicacio.publishing.models import Effect, Revision, Status, Transition
from tests.factories import make_news, news_admin_form_data

pytestmark = pytest.mark.django_db


def changed_effects(item):
    return Effect.for_item(item).filter(key__startswith="changed:")


class TestRecordEdit:
    def test_an_edit_of_a_draft_is_a_revision_and_nothing_else(
        self, editor, draft, django_capture_on_commit_callbacks
    ):
        draft.title = "Títol nou"
        draft.save()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            revision = actions.record_edit(draft, editor)
        assert revision == Revision.for_item(draft).get()
        assert revision.comment == "Desat"
        assert revision.user == editor
        assert revision.data["title"] == "Títol nou"
        assert not Effect.for_item(draft).exists()
        assert pagecache.purge not in callbacks

    def test_a_new_item_is_recorded_as_created(self, editor, draft):
        assert actions.record_edit(draft, editor, created=True).comment == "Creat"
        assert actions.record_edit(draft, editor, comment="Importat").comment == "Importat"

    def test_an_edit_of_live_content_purges_on_commit_and_schedules_the_changed_effects(
        self, publisher, draft, django_capture_on_commit_callbacks
    ):
        workflow.perform(draft, "publish", publisher)
        draft.title = "Títol corregit"
        draft.save()
        with django_capture_on_commit_callbacks() as callbacks:
            revision = actions.record_edit(draft, publisher)
        assert pagecache.purge in callbacks
        assert set(changed_effects(draft).values_list("key", flat=True)) == {f"changed:{revision.pk}"}

    def test_a_moved_publication_time_moves_the_pending_effects(self, publisher):
        later = timezone.now() + timedelta(days=2)
        item = make_news(status=Status.APPROVED)
        workflow.perform(item, "schedule", publisher, publish_at=timezone.now() + timedelta(days=1))
        item.publish_at = later
        item.save()
        actions.record_edit(item, publisher)
        pending = Effect.for_item(item).filter(key="published:1")
        assert pending.exists()
        assert set(pending.values_list("due_at", flat=True)) == {later}


class TestRestoreRevision:
    def test_restores_the_content_and_records_a_new_revision(self, publisher, draft):
        old = actions.record_edit(draft, publisher)
        draft.title = "Títol posterior"
        draft.save()
        actions.record_edit(draft, publisher)
        restored = actions.restore_revision(draft, old, publisher)
        draft.refresh_from_db()
        assert draft.title == old.data["title"]
        assert restored.comment.startswith("Restaurada la revisió del ")
        assert Revision.for_item(draft).count() == 3

    def test_restoring_live_content_has_the_consequences_of_an_edit(
        self, publisher, draft, django_capture_on_commit_callbacks
    ):
        workflow.perform(draft, "publish", publisher)
        old = Revision.for_item(draft).get()
        draft.title = "Títol posterior"
        draft.save()
        with django_capture_on_commit_callbacks() as callbacks:
            restored = actions.restore_revision(draft, old, publisher)
        assert pagecache.purge in callbacks
        assert changed_effects(draft).filter(key=f"changed:{restored.pk}").exists()
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED  # the workflow state is kept

    def test_invalid_restored_content_changes_nothing(self, publisher, draft):
        old = actions.record_edit(draft, publisher)
        old.data["title"] = ""
        old.save()
        with pytest.raises(ValidationError):
            actions.restore_revision(draft, old, publisher)
        draft.refresh_from_db()
        assert draft.title
        assert Revision.for_item(draft).count() == 1


VERBS = [
    # action function, starting status, workflow action name, resulting status
    (actions.submit, Status.DRAFT, "submit", Status.REVIEW),
    (actions.return_to_draft, Status.REVIEW, "return", Status.DRAFT),
    (actions.approve, Status.REVIEW, "approve", Status.APPROVED),
    (actions.publish, Status.APPROVED, "publish", Status.PUBLISHED),
    (actions.withdraw, Status.PUBLISHED, "withdraw", Status.WITHDRAWN),
    (actions.archive, Status.WITHDRAWN, "archive", Status.ARCHIVED),
    (actions.reopen, Status.ARCHIVED, "reopen", Status.DRAFT),
]


@pytest.mark.parametrize("verb, start, name, target", VERBS, ids=[row[2] for row in VERBS])
def test_each_verb_is_the_workflow_action_of_its_name(publisher, verb, start, name, target):
    item = make_news(status=start)
    transition = verb(item, publisher, comment="Per provar")
    assert (transition.action, transition.from_status, transition.to_status) == (name, start, target)
    assert transition.comment == "Per provar"
    assert item.status == target
    assert Transition.for_item(item).get() == transition
    # perform's own records: a revision per transition.
    assert Revision.for_item(item).count() == 1


def test_schedule_takes_the_publication_time(publisher):
    item = make_news(status=Status.APPROVED)
    moment = timezone.now() + timedelta(hours=3)
    actions.schedule(item, publisher, moment)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.publish_at == moment


def test_verbs_keep_the_workflow_checks_and_the_purge_on_commit(
    editor, publisher, draft, django_capture_on_commit_callbacks
):
    with pytest.raises(actions.TransitionError):
        actions.publish(draft, editor)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.publish(draft, publisher)
    assert pagecache.purge in callbacks


def test_a_site_page_edit_is_a_revision_and_a_purge_on_commit(siteadmin, django_capture_on_commit_callbacks):
    page = SitePage.objects.create(slug="avis-legal", title="Avís legal", body="<p>Text.</p>")
    with django_capture_on_commit_callbacks() as callbacks:
        revision = actions.record_page_edit(page, siteadmin)
    assert revision == Revision.for_item(page).get()
    assert revision.data["title"] == "Avís legal"
    assert pagecache.purge in callbacks


def test_the_admin_saves_edits_through_the_action(client, publisher, draft, monkeypatch):
    calls = []
    original = actions.record_edit

    def spy(item, user, **kwargs):
        calls.append((item.pk, user.pk, kwargs))
        return original(item, user, **kwargs)

    monkeypatch.setattr(actions, "record_edit", spy)
    client.force_login(publisher)
    response = client.post(
        f"/admin/news/newsitem/{draft.pk}/change/", news_admin_form_data(draft, title="Des de l'admin")
    )
    assert response.status_code == 302
    assert calls == [(draft.pk, publisher.pk, {"created": False})]
    assert Revision.for_item(draft).get().data["title"] == "Des de l'admin"
