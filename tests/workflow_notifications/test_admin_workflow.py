"""The back-office side of the workflow: taking one's submission back,
deleting one's own draft, confirming consequential actions, the scheduled
badge, one revision per save and action, and the transition log's labels."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from comunicacio.publishing import consequences, workflow
from comunicacio.publishing.models import Revision, Status, Transition
from news.models import NewsItem
from tests.factories import make_account, make_news, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def delete_url(item):
    return f"/admin/news/newsitem/{item.pk}/delete/"


def offered(client, item) -> set[str]:
    import re

    html = client.get(change_url(item)).content.decode()
    return set(re.findall(r'name="_workflow" value="([^"]+)"', html))


class TestUnsubmit:
    def test_the_submitter_takes_their_submission_back(self, client, editor, draft):
        workflow.perform(draft, "submit", editor)
        client.force_login(editor)
        assert "unsubmit" in offered(client, draft)
        response = client.post(change_url(draft), {**news_admin_form_data(draft), "_workflow": "unsubmit"})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert Transition.for_item(draft).first().action == "unsubmit"

    def test_another_editor_may_not(self, client, editor, draft):
        workflow.perform(draft, "submit", editor)
        other = make_user("editor")
        client.force_login(other)
        assert "unsubmit" not in offered(client, draft)
        response = client.post(change_url(draft), {**news_admin_form_data(draft), "_workflow": "unsubmit"})
        assert response.status_code == 200
        assert "Només qui l'ha enviat a revisió" in " ".join(
            response.context["adminform"].form.non_field_errors()
        )
        draft.refresh_from_db()
        assert draft.status == Status.REVIEW

    def test_a_publisher_returns_rather_than_unsubmits(self, publisher, editor, draft):
        workflow.perform(draft, "submit", editor)
        with pytest.raises(workflow.TransitionError, match="Només qui"):
            workflow.perform(draft, "unsubmit", publisher)

    def test_whoever_submitted_someone_else_s_draft_may(self, editor, draft):
        colleague = make_user("editor")
        workflow.perform(draft, "submit", colleague)
        workflow.perform(draft, "unsubmit", colleague)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT


class TestDeleteOwnDraft:
    def test_an_editor_deletes_their_own_never_published_draft(self, client, editor, draft):
        client.force_login(editor)
        assert client.get(delete_url(draft)).status_code == 200
        assert client.post(delete_url(draft), {"post": "yes"}).status_code == 302
        assert not NewsItem.objects.filter(pk=draft.pk).exists()

    def test_not_someone_else_s(self, client, draft):
        client.force_login(make_user("editor"))
        assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403
        assert NewsItem.objects.filter(pk=draft.pk).exists()

    def test_not_one_that_was_published_once(self, client, editor, publisher, draft):
        workflow.perform(draft, "publish", publisher)
        workflow.perform(draft, "withdraw", publisher)
        workflow.perform(draft, "reopen", editor)
        client.force_login(editor)
        assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403
        assert NewsItem.objects.filter(pk=draft.pk).exists()

    def test_not_their_own_item_in_review(self, client, editor, draft):
        workflow.perform(draft, "submit", editor)
        client.force_login(editor)
        assert client.post(delete_url(draft), {"post": "yes"}).status_code == 403


class TestConfirmation:
    def test_publishing_now_asks_first_and_keeps_every_typed_value(self, client, publisher, draft):
        client.force_login(publisher)
        data = {
            **news_admin_form_data(draft, title="Títol escrit ara"),
            "_workflow": "publish",
            "_workflow_comment": "Ho diu l'alcaldia",
        }
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Es publicarà ara mateix i serà visible al web." in html
        assert 'name="_confirmed" value="publish"' in html
        assert 'value="Títol escrit ara"' in html
        assert "Ho diu l&#x27;alcaldia" in html
        assert "errornote" not in html
        draft.refresh_from_db()
        assert (draft.status, draft.title) != (Status.PUBLISHED, "Títol escrit ara")
        assert not Revision.for_item(draft).exists()

        response = client.post(change_url(draft), {**data, "_confirmed": "publish"})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert (draft.status, draft.title) == (Status.PUBLISHED, "Títol escrit ara")
        assert Transition.for_item(draft).get().comment == "Ho diu l'alcaldia"

    def test_a_confirmation_of_another_action_does_not_count(self, client, publisher, draft):
        client.force_login(publisher)
        when = timezone.now() + timedelta(days=3)
        workflow.perform(draft, "submit", make_user("editor"))
        data = {
            **news_admin_form_data(draft, publish_at=when),
            "_workflow": "publish",
            "_confirmed": "schedule",
        }
        assert client.post(change_url(draft), data).status_code == 200
        draft.refresh_from_db()
        assert draft.status == Status.REVIEW

    def test_scheduling_says_when_in_catalan(self, client, publisher):
        item = make_news(status=Status.APPROVED)
        when = timezone.make_aware(timezone.datetime(2026, 12, 3, 9, 0))
        client.force_login(publisher)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: when - timedelta(days=2))
            response = client.post(
                change_url(item), {**news_admin_form_data(item, publish_at=when), "_workflow": "schedule"}
            )
        assert "Es publicarà dijous, 3 de desembre de 2026, a les 9.00 h." in response.content.decode()
        item.refresh_from_db()
        assert item.status == Status.APPROVED

    def test_saving_and_submitting_needs_no_confirmation(self, client, editor, draft):
        client.force_login(editor)
        response = client.post(change_url(draft), {**news_admin_form_data(draft), "_workflow": "submit"})
        assert response.status_code == 302


class TestWithdrawalConsequences:
    def test_says_what_happens_to_pages_posts_and_press_deliveries(self, publisher):
        from news.press.models import MediaContact, PressDelivery, PressDistribution
        from social.models import PostState, SocialPost

        item = make_news(status=Status.PUBLISHED, publication=1, title="Tall d'aigua")
        fake = SimpleNamespace(base_url="http://127.0.0.1:9/", token="t")
        deletable = [make_account("mastodon", fake, {"access_token": "t"}, name=f"m{n}") for n in range(2)]
        instagram = make_account("instagram", fake, {"access_token": "t", "user_id": "1"}, name="ig")
        for account in [*deletable, instagram]:
            SocialPost.objects.update_or_create(
                content_type_id=SocialPost.for_item(item)
                .model._meta.get_field("content_type")
                .related_model.objects.get_for_model(item)
                .pk,
                object_id=item.pk,
                account=account,
                corrects=None,
                defaults={"state": PostState.SENT, "remote_id": "42", "publication": 1},
            )
        distribution = PressDistribution.objects.create(news=item)
        for n in range(3):
            contact = MediaContact.objects.create(name=f"P{n}", email=f"p{n}@diari.example")
            PressDelivery.objects.create(
                distribution=distribution, contact=contact, email=contact.email, due_at=timezone.now()
            )

        sentences = consequences.sentences(item, "withdraw")

        # The item's own pages first, then what each app adds.
        assert sentences[0] == "Les pàgines de «Tall d'aigua» deixaran de ser visibles al web."
        assert sorted(sentences[1:]) == [
            "1 publicació a les xarxes s'haurà d'esborrar a mà (la xarxa no ho permet).",
            "Es cancel·laran 3 enviaments als mitjans encara no enviats.",
            "S'esborraran 2 publicacions de les xarxes socials.",
        ]

    def test_withdrawing_cancels_the_unsent_press_deliveries(self, publisher, eager_effects):
        from news.press.models import MediaContact, PressDelivery, PressDistribution

        item = make_news(status=Status.PUBLISHED, publication=1)
        distribution = PressDistribution.objects.create(news=item)
        contact = MediaContact.objects.create(name="P", email="p@diari.example")
        delivery = PressDelivery.objects.create(
            distribution=distribution, contact=contact, email=contact.email, due_at=timezone.now()
        )
        eager_effects(workflow.perform, item, "withdraw", publisher)
        delivery.refresh_from_db()
        assert delivery.state == PressDelivery.State.SKIPPED
        assert "withdrawn" in delivery.last_error


class TestListsAndLog:
    def test_a_scheduled_item_shows_its_badge_and_time_in_the_list(self, client, publisher):
        when = timezone.make_aware(timezone.datetime(2030, 12, 3, 9, 0))
        make_news(status=Status.PUBLISHED, publish_at=when, title="Per a més endavant")
        client.force_login(publisher)
        html = client.get("/admin/news/newsitem/").content.decode()
        assert "Programat · <time" in html and ">3/12 9.00 h</time>" in html

    @pytest.mark.parametrize("url", ["/admin/agenda/event/", "/admin/institutional/institutionalentry/"])
    def test_every_type_s_list_shows_the_badge(self, client, superuser, url):
        client.force_login(superuser)
        response = client.get(url)
        assert response.status_code == 200
        assert "status_badge" in response.context["cl"].list_display

    def test_the_transition_log_says_what_was_done(self, client, editor, publisher, draft):
        workflow.perform(draft, "submit", editor, comment="Llest")
        client.force_login(publisher)
        html = client.get(change_url(draft)).content.decode()
        log = html.split("Últims canvis d'estat", 1)[1]
        assert "<td>Enviat a revisió</td>" in log
        assert ">submit<" not in log


class TestOneRevisionPerSave:
    def test_a_save_with_an_action_is_one_revision_labelled_with_it(self, client, publisher, draft):
        client.force_login(publisher)
        data = {**news_admin_form_data(draft, title="Nou"), "_workflow": "publish", "_confirmed": "publish"}
        assert client.post(change_url(draft), data).status_code == 302
        [revision] = Revision.for_item(draft)
        draft.refresh_from_db()
        assert revision.comment == "Publicat"
        assert revision.data["title"] == "Nou"
        # The content as the action left it: "publish now" set the time.
        assert revision.data["publish_at"] is not None

    def test_the_list_labels_revisions_in_words_with_a_human_date(self, client, editor, draft):
        client.force_login(editor)
        moment = timezone.make_aware(timezone.datetime(2026, 12, 3, 9, 12))
        editor.first_name, editor.last_name = "Marta", ""
        editor.save()
        Revision.objects.create(target=draft, user=editor, comment="Desat", data={}, created_at=moment)
        html = client.get(f"/admin/news/newsitem/{draft.pk}/revisions/").content.decode()
        assert "Desat per Marta · dijous, 3 de desembre de 2026, 9.12 h" in html
