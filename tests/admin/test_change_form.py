"""The news change form: workflow buttons by role, save-and-transition, refused
actions that save nothing, bad input, hostile rich text."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing.models import Effect, Revision, Status, Transition
from news.models import Kind, NewsItem
from tests.factories import make_news, news_admin_form_data

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def buttons(response) -> set[str]:
    return set(re.findall(r'name="_workflow" value="([^"]+)"', response.content.decode()))


def form_errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join([*form.non_field_errors(), *(msg for errors in form.errors.values() for msg in errors)])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class TestButtons:
    def test_form_has_no_editable_status(self, client, publisher, draft):
        client.force_login(publisher)
        response = client.get(change_url(draft))
        form = response.context["adminform"].form
        assert "status" not in form.fields
        assert "publication" not in form.fields
        assert 'name="status"' not in response.content.decode()

    def test_posting_a_status_field_changes_nothing(self, client, publisher, draft):
        client.force_login(publisher)
        data = {**news_admin_form_data(draft), "status": Status.PUBLISHED, "publication": "5"}
        assert client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        assert (draft.status, draft.publication) == (Status.DRAFT, 0)

    def test_editor_sees_only_submit_on_a_draft(self, client, editor, draft):
        client.force_login(editor)
        response = client.get(change_url(draft))
        assert buttons(response) == {"submit"}
        assert "Desa i envia a revisió" in response.content.decode()

    def test_editor_sees_no_button_on_an_item_in_review(self, client, editor):
        item = make_news(status=Status.REVIEW)
        client.force_login(editor)
        assert buttons(client.get(change_url(item))) == set()

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (Status.DRAFT, {"submit", "publish"}),
            (Status.REVIEW, {"return", "approve", "schedule", "publish"}),
            (Status.APPROVED, {"return", "schedule", "publish"}),
            (Status.PUBLISHED, {"withdraw", "archive"}),
            (Status.WITHDRAWN, {"archive", "reopen"}),
            (Status.ARCHIVED, {"reopen"}),
        ],
    )
    def test_publisher_sees_the_actions_of_the_state(self, client, publisher, status, expected):
        item = make_news(status=status)
        client.force_login(publisher)
        assert buttons(client.get(change_url(item))) == expected

    def test_add_form_buttons_by_role(self, client, editor, publisher):
        client.force_login(editor)
        assert buttons(client.get("/admin/news/newsitem/add/")) == {"submit"}
        client.force_login(publisher)
        assert buttons(client.get("/admin/news/newsitem/add/")) == {"submit", "publish"}


class TestSaveAndTransition:
    def test_save_and_submit(self, client, editor, draft):
        client.force_login(editor)
        data = {
            **news_admin_form_data(draft, title="Títol revisat"),
            "_workflow": "submit",
            "_workflow_comment": "Llest per revisar",
        }
        response = client.post(change_url(draft), data, follow=True)
        assert response.redirect_chain[-1][0] == change_url(draft)
        draft.refresh_from_db()
        assert (draft.title, draft.status) == ("Títol revisat", Status.REVIEW)
        transition = Transition.for_item(draft).get()
        assert (transition.user, transition.comment) == (editor, "Llest per revisar")
        assert any("En revisió" in message for message in messages_of(response))
        # One revision for the save and its transition, labelled with the action.
        [revision] = Revision.for_item(draft)
        assert (revision.comment, revision.data["title"]) == ("Enviat a revisió", "Títol revisat")

    def test_add_and_submit_in_one_click(self, client, editor, unit):
        client.force_login(editor)
        data = {
            **news_admin_form_data(title="Nou avís", summary="Resum.", unit=unit.pk, kind=Kind.NOTICE),
            "_workflow": "submit",
        }
        assert client.post("/admin/news/newsitem/add/", data).status_code == 302
        item = NewsItem.objects.get(title="Nou avís")
        assert item.status == Status.REVIEW
        assert item.created_by == editor

    def test_publisher_schedules_with_a_future_date(self, client, publisher):
        item = make_news(status=Status.APPROVED)
        when = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
        client.force_login(publisher)
        data = {
            **news_admin_form_data(item, publish_at=when),
            "_workflow": "schedule",
            "_confirmed": "schedule",
        }
        assert client.post(change_url(item), data).status_code == 302
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.publish_at == when
        assert not item.is_visible()

    def test_schedule_without_a_date_is_refused_and_nothing_saved(self, client, publisher):
        item = make_news(status=Status.APPROVED, title="Original")
        client.force_login(publisher)
        data = {**news_admin_form_data(item, title="Editat"), "_workflow": "schedule"}
        response = client.post(change_url(item), data)
        assert response.status_code == 200
        assert "data de publicació futura" in form_errors(response)
        item.refresh_from_db()
        assert (item.title, item.status) == ("Original", Status.APPROVED)

    def test_publish_with_a_past_expiry_in_the_same_form_is_refused(self, client, publisher, draft):
        client.force_login(publisher)
        past = timezone.now() - timedelta(hours=1)
        data = {**news_admin_form_data(draft, title="Editat", expire_at=past), "_workflow": "publish"}
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "caducitat" in form_errors(response)
        draft.refresh_from_db()
        assert (draft.status, draft.expire_at) == (Status.DRAFT, None)
        assert draft.title != "Editat"
        assert not Effect.for_item(draft).exists()

    def test_publish_now_schedules_effects_on_commit(
        self, client, publisher, draft, django_capture_on_commit_callbacks
    ):
        client.force_login(publisher)
        data = {**news_admin_form_data(draft), "_workflow": "publish", "_confirmed": "publish"}
        with django_capture_on_commit_callbacks(execute=True):
            client.post(change_url(draft), data)
        draft.refresh_from_db()
        assert draft.is_visible()
        assert {(row.key.split(":notify:")[0], row.state) for row in Effect.for_item(draft)} == {
            ("published:1", Effect.State.DONE)
        }

    def test_editing_a_published_item_schedules_a_changed_purge(self, client, publisher):
        item = make_news(status=Status.PUBLISHED, publication=1)
        client.force_login(publisher)
        client.post(change_url(item), news_admin_form_data(item, title="Correcció"))
        revision = Revision.for_item(item).first()
        assert Effect.for_item(item).filter(key=f"changed:{revision.pk}", handler="cache.purge").exists()
        # Saving again is a new change with its own purge; none is duplicated.
        client.post(change_url(item), news_admin_form_data(item, title="Correcció 2"))
        # (Other handlers of a change, such as social's check for outdated posts, have their own rows.)
        keys = list(Effect.for_item(item).filter(handler="cache.purge").values_list("key", flat=True))
        assert len(keys) == len(set(keys)) == 2

    def test_each_admin_save_records_a_revision(self, client, editor, draft):
        client.force_login(editor)
        for title in ("Primer", "Segon"):
            client.post(change_url(draft), news_admin_form_data(draft, title=title))
        history = list(Revision.for_item(draft).order_by("created_at", "pk"))
        assert [r.data["title"] for r in history] == ["Primer", "Segon"]
        assert {r.user for r in history} == {editor}


class TestRefusedActions:
    @pytest.mark.parametrize("action", ["publish", "approve", "schedule"])
    def test_editor_posting_a_publisher_action_saves_nothing(self, client, editor, draft, action):
        original_title = draft.title
        client.force_login(editor)
        when = timezone.now() + timedelta(days=1)
        data = {**news_admin_form_data(draft, title="Títol canviat", publish_at=when), "_workflow": action}
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "No teniu permís" in form_errors(response)
        assert "No teniu permís" in response.content.decode()
        draft.refresh_from_db()
        assert draft.title == original_title
        assert draft.publish_at is None
        assert draft.status == Status.DRAFT
        assert not Transition.for_item(draft).exists()
        assert not Revision.for_item(draft).exists()
        assert not Effect.for_item(draft).exists()

    def test_editor_cannot_add_and_publish(self, client, editor, unit):
        client.force_login(editor)
        data = {**news_admin_form_data(title="Directe", summary="x", unit=unit.pk), "_workflow": "publish"}
        response = client.post("/admin/news/newsitem/add/", data)
        assert response.status_code == 200
        assert "No teniu permís" in form_errors(response)
        assert not NewsItem.objects.filter(title="Directe").exists()

    @pytest.mark.parametrize("name", ["fly", "delete", "<script>"])
    def test_unknown_action_is_a_clear_error(self, client, publisher, draft, name):
        client.force_login(publisher)
        data = {**news_admin_form_data(draft, title="No"), "_workflow": name}
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "no existeix" in form_errors(response)
        assert "<script>" not in response.content.decode().split('id="content"')[-1]
        draft.refresh_from_db()
        assert draft.title != "No"

    def test_action_from_the_wrong_state_is_a_clear_error(self, client, publisher, draft):
        client.force_login(publisher)
        data = {**news_admin_form_data(draft), "_workflow": "withdraw"}
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "No es pot «Retira» un element en estat «Esborrany»" in form_errors(response)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT


class TestBadInput:
    def test_overlong_title_and_summary(self, client, editor, draft):
        original = (draft.title, draft.summary)
        client.force_login(editor)
        data = news_admin_form_data(draft, title="T" * 201, summary="S" * 301)
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "200" in " ".join(errors["title"])
        assert "300" in " ".join(errors["summary"])
        draft.refresh_from_db()
        assert (draft.title, draft.summary) == original
        assert not Revision.for_item(draft).exists()

    def test_exact_limits_are_accepted(self, client, editor, draft):
        client.force_login(editor)
        data = news_admin_form_data(draft, title="T" * 200, summary="S" * 300)
        response = client.post(change_url(draft), data)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert (len(draft.title), len(draft.summary)) == (200, 300)

    def test_overlong_fields_on_add_save_nothing(self, client, editor, unit):
        client.force_login(editor)
        data = {**news_admin_form_data(title="T" * 250, summary="ok", unit=unit.pk), "_workflow": "submit"}
        response = client.post("/admin/news/newsitem/add/", data)
        assert response.status_code == 200
        assert not NewsItem.objects.exists()

    def test_missing_summary(self, client, editor, draft):
        client.force_login(editor)
        response = client.post(change_url(draft), news_admin_form_data(draft, summary=""))
        assert response.status_code == 200
        assert "summary" in response.context["adminform"].form.errors

    def test_embargo_only_on_press_notes(self, client, editor, draft):
        client.force_login(editor)
        data = news_admin_form_data(draft, kind=Kind.NOTICE, embargo_until=timezone.now() + timedelta(days=1))
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "notes de premsa" in form_errors(response)
        draft.refresh_from_db()
        assert draft.kind == Kind.PRESS_NOTE


HOSTILE = (
    '<p>Hola<script>alert("x")</script></p>'
    '<p><img src="x" onerror="alert(1)">imatge</p>'
    '<p><a href="javascript:alert(2)">enllaç</a></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<p style="position:fixed;top:0" onclick="alert(3)">estil</p>'
    '<p><a href="https://www.example.cat/">bo</a></p>'
)
DANGEROUS = ["<script", "onerror", "javascript:", "<iframe", "style=", "onclick", "<img"]


class TestRichText:
    def test_hostile_html_is_stripped_on_save(self, client, editor, draft):
        client.force_login(editor)
        data = news_admin_form_data(draft, body=HOSTILE, body_es=HOSTILE)
        assert client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        for stored in (draft.body, draft.body_es):
            lowered = stored.lower()
            for bad in DANGEROUS:
                assert bad not in lowered, (bad, stored)
            assert "Hola" in stored and "estil" in stored
            assert '<a href="https://www.example.cat/"' in stored
        # The revision keeps only the sanitised form too.
        assert "<script" not in Revision.for_item(draft).first().data["body"]

    def test_public_page_never_renders_hostile_markup(self, client, publisher, draft):
        client.force_login(publisher)
        data = {
            **news_admin_form_data(draft, title='<script>alert("t")</script>Festa', body=HOSTILE),
            "_workflow": "publish",
            "_confirmed": "publish",
        }
        assert client.post(change_url(draft), data).status_code == 302
        client.logout()
        draft.refresh_from_db()
        html = client.get(draft.get_absolute_url()).content.decode()
        article = html.split('class="news-detail"', 1)[1].split("</article>", 1)[0]
        lowered = article.lower()
        for bad in DANGEROUS:
            assert bad not in lowered, bad
        # The title is text, shown escaped.
        assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;Festa" in article


def test_transition_refused_after_the_form_check_rolls_the_edit_back(client, publisher, draft, monkeypatch):
    """Someone else moves the item on between the form's check and the
    transition: the edit must not be kept without its transition."""
    from news.admin import NewsItemAdmin

    original_save_related = NewsItemAdmin.save_related

    def save_related_then_concurrent_change(self, request, form, formsets, change):
        original_save_related(self, request, form, formsets, change)
        NewsItem.objects.filter(pk=form.instance.pk).update(status=Status.ARCHIVED)

    monkeypatch.setattr(NewsItemAdmin, "save_related", save_related_then_concurrent_change)
    original_title = draft.title
    client.force_login(publisher)
    data = {**news_admin_form_data(draft, title="Editat"), "_workflow": "publish", "_confirmed": "publish"}
    response = client.post(change_url(draft), data, follow=True)
    assert any("No s'ha desat res" in message for message in messages_of(response))
    draft.refresh_from_db()
    assert (draft.title, draft.status) == (original_title, Status.DRAFT)
    assert not Revision.for_item(draft).exists()
    assert not Transition.for_item(draft).exists()


class TestReschedulingALiveItem:
    def test_moving_a_scheduled_publication_moves_its_effects(self, client, publisher):
        from comunicacio.publishing import workflow

        item = make_news(status=Status.APPROVED, created_by=publisher)
        first = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
        workflow.perform(item, "schedule", publisher, publish_at=first)
        later = first + timedelta(days=2)
        client.force_login(publisher)
        assert client.post(change_url(item), news_admin_form_data(item, publish_at=later)).status_code == 302
        due = set(Effect.for_item(item).filter(key="published:1").values_list("due_at", flat=True))
        assert due == {later}

    def test_bringing_a_scheduled_publication_forward_to_now_runs_its_effects(
        self, client, publisher, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from comunicacio.publishing import workflow

        item = make_news(status=Status.APPROVED, created_by=publisher)
        workflow.perform(item, "schedule", publisher, publish_at=timezone.now() + timedelta(days=1))
        now = timezone.now().replace(microsecond=0)
        client.force_login(publisher)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(change_url(item), news_admin_form_data(item, publish_at=now))
        item.refresh_from_db()
        assert item.is_visible()
        states = set(Effect.for_item(item).filter(key="published:1").values_list("state", flat=True))
        assert states == {Effect.State.DONE}
        # The publisher's own item: no email to themself.
        assert mail.outbox == []

    def test_clearing_the_publication_time_of_a_live_item_is_refused(self, client, publisher):
        item = make_news(status=Status.PUBLISHED, title="En línia")
        client.force_login(publisher)
        response = client.post(change_url(item), news_admin_form_data(item, publish_at=None, title="Buit"))
        assert response.status_code == 200
        assert "retireu-lo" in " ".join(response.context["adminform"].form.errors["publish_at"])
        item.refresh_from_db()
        assert item.title == "En línia"
        assert item.is_visible()
