"""The working copy's steps and who may take them: submit, approve, return
(with a reason), publish, discard; the refusals; the publisher's choice of
a copy; the conflict warning; a withdrawn item; the staff preview of the
copy; and what publishing it does not do (no social post re-sent)."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from comunicacio import roles
from comunicacio.publishing import actions, effects, working_copies
from comunicacio.publishing.models import Effect, Transition
from comunicacio.publishing.working_copies import WorkingCopy
from comunicacio.role_scopes import UnitScope
from news.models import NewsItem
from social.models import PostState, SocialAccount, SocialPost
from tests.factories import make_live_news, make_unit, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def step_url(item, step):
    return f"/admin/news/newsitem/{item.pk}/copia-de-treball/{step}/"


@pytest.fixture
def live(unit):
    return make_live_news(unit, title="Festa major", body="<p>El programa <strong>complet</strong>.</p>")


@pytest.fixture
def author():
    return make_user("editor")


@pytest.fixture
def copy(live, author):
    def write(draft):
        draft.title = "Festa major 2027"
        draft.body = "<p>El programa <strong>nou</strong>.</p>"
        draft.save()

    return working_copies.edit(live, author, write)


def state_of(live):
    return WorkingCopy.objects.get(object_id=live.pk).state


def test_the_steps_in_order_and_in_the_items_history(client, live, copy, author):
    client.force_login(author)
    assert client.post(step_url(live, "submit"), {"comment": "Llest"}).status_code == 302
    assert state_of(live) == WorkingCopy.State.REVIEW
    publisher = make_user("publisher")
    client.force_login(publisher)
    # Returning needs the reason.
    response = client.post(step_url(live, "return"), {"comment": "  "})
    assert response.status_code == 400 and "Indiqueu el motiu" in response.content.decode()
    assert state_of(live) == WorkingCopy.State.REVIEW
    assert client.post(step_url(live, "return"), {"comment": "Falta l'horari"}).status_code == 302
    assert state_of(live) == WorkingCopy.State.DRAFT
    working_copies.submit(live, author)
    assert client.post(step_url(live, "approve")).status_code == 302
    assert state_of(live) == WorkingCopy.State.APPROVED
    assert client.post(step_url(live, "publish"), {"comment": "Endavant"}).status_code == 302
    notes = list(Transition.for_item(live).values_list("action", "comment"))
    assert [action for action, _ in notes] == [
        "copy_publish",
        "copy_approve",
        "copy_submit",
        "copy_return",
        "copy_submit",
    ]
    assert notes[3][1].endswith("Falta l'horari")
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major 2027"


def test_editors_neither_approve_return_nor_publish(client, live, copy, author):
    working_copies.submit(live, author)
    client.force_login(author)
    for step in ("approve", "return", "publish"):
        assert client.get(step_url(live, step)).status_code == 403
        assert client.post(step_url(live, step), {"comment": "x"}).status_code == 403
    assert state_of(live) == WorkingCopy.State.REVIEW
    with pytest.raises(working_copies.WorkingCopyError):
        working_copies.publish(live, author)
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"


def test_only_its_author_or_a_publisher_discards_it(client, live, copy, author):
    other = make_user("editor")
    client.force_login(other)
    response = client.post(step_url(live, "discard"))
    assert response.status_code == 400
    assert "No podeu fer «Descarta»" in response.content.decode()
    assert WorkingCopy.objects.exists()
    client.force_login(author)
    assert client.post(step_url(live, "discard")).status_code == 302
    assert not WorkingCopy.objects.exists()
    assert Transition.for_item(live).first().action == "copy_discard"
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"


def test_an_approved_copy_is_read_only_for_editors(client, live, copy, author):
    working_copies.submit(live, author)
    working_copies.approve(live, make_user("publisher"))
    client.force_login(author)
    form = client.get(change_url(live))
    assert form.status_code == 200
    assert 'name="title"' not in form.content.decode()
    response = client.post(change_url(live), news_admin_form_data(live, title="Una altra"))
    assert response.status_code == 403
    assert WorkingCopy.objects.get().data["title"] == "Festa major 2027"


def test_people_outside_the_items_reach_get_nothing(client, live, copy):
    culture = make_unit(name="Àrea de Cultura")
    scoped = make_user("editor")
    UnitScope.objects.create(group=Group.objects.get(name=roles.EDITORS), user=scoped, unit=culture)
    client.force_login(scoped)
    for url in (change_url(live), step_url(live, "preview"), step_url(live, "submit")):
        assert client.get(url).status_code in (302, 404), url
    assert client.post(change_url(live), news_admin_form_data(live, title="X")).status_code in (302, 404)
    client.force_login(make_user(None))
    assert client.get(step_url(live, "preview")).status_code in (302, 403)
    assert WorkingCopy.objects.get().data["title"] == "Festa major 2027"


def test_bad_addresses_are_clear_refusals(client, live, copy):
    client.force_login(make_user("publisher"))
    assert client.get(step_url(live, "format-the-disk")).status_code == 404
    assert client.get("/admin/news/newsitem/99999999999999999999/copia-de-treball/publish/").status_code in (
        302,
        404,
    )
    WorkingCopy.objects.all().delete()
    response = client.post(step_url(live, "publish"))
    assert response.status_code == 302
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"


def test_the_publisher_edits_live_or_saves_a_copy_by_choice(client, live):
    publisher = make_user("publisher")
    client.force_login(publisher)
    form = client.get(change_url(live)).content.decode()
    assert 'name="_working_copy"' in form
    data = news_admin_form_data(live, title="Festa major (copia)")
    data["_working_copy"] = "1"
    assert client.post(change_url(live), data).status_code == 302
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"
    assert WorkingCopy.objects.get().author == publisher
    # With a copy, the publisher's form edits the copy too.
    assert client.post(change_url(live), news_admin_form_data(live, title="Festa major!")).status_code == 302
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"
    assert WorkingCopy.objects.get().data["title"] == "Festa major!"
    # Without one, a publisher's save changes the live item as before.
    working_copies.discard(live, publisher)
    assert (
        client.post(change_url(live), news_admin_form_data(live, title="Festa major ara")).status_code == 302
    )
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major ara"


def test_the_form_warns_when_the_live_item_changed_since(client, live, copy, author):
    client.force_login(author)
    form = client.get(change_url(live)).content.decode()
    assert "Còpia de treball" in form and "ha canviat" not in form
    assert "Festa major 2027" in form
    # A publisher changes the live item meanwhile (say, restoring a revision).
    NewsItem.objects.filter(pk=live.pk).update(summary="Resum nou")
    live.refresh_from_db()
    actions.record_edit(live, make_user("publisher"))
    form = client.get(change_url(live)).content.decode()
    assert "la versió publicada ha canviat" in form


def test_a_withdrawn_item_keeps_its_copy_but_cannot_publish_it(client, live, copy, author):
    publisher = make_user("publisher")
    actions.withdraw(live, publisher)
    with pytest.raises(working_copies.WorkingCopyError, match="element publicat"):
        working_copies.publish(live, publisher)
    client.force_login(publisher)
    response = client.post(step_url(live, "publish"))
    assert response.status_code == 400 and "element publicat" in response.content.decode()
    assert "ja no és publicat" in client.get(change_url(live)).content.decode()
    working_copies.discard(live, author)
    assert not WorkingCopy.objects.exists()


def test_the_staff_preview_shows_the_copy_and_the_public_page_the_live_text(client, live, copy, author):
    client.force_login(author)
    preview = client.get(step_url(live, "preview"))
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    assert "Festa major 2027" in preview.content.decode()
    assert "Festa major 2027" not in client.get(live.get_preview_url()).content.decode()
    client.logout()
    public = client.get(live.get_absolute_url()).content.decode()
    assert "Festa major 2027" not in public and "Festa major" in public


def test_the_publish_page_shows_text_not_html(client, live, copy):
    client.force_login(make_user("publisher"))
    page = client.get(step_url(live, "publish")).content.decode()
    assert "El programa nou." in page
    assert "&lt;strong&gt;" not in page and "<strong>nou" not in page


def test_publishing_the_copy_resends_no_social_post(client, live, copy, django_capture_on_commit_callbacks):
    account = SocialAccount(network="mastodon", name="@ajuntament", api_base="http://127.0.0.1:9")
    account.set_credentials({"access_token": "prova"})
    account.save()
    sent = SocialPost.objects.create(
        target=live,
        account=account,
        state=PostState.SENT,
        publication=live.publication,
        text="Festa major",
        sent_at=timezone.now(),
        remote_id="1",
    )
    before = set(Effect.for_item(live).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        working_copies.publish(live, make_user("publisher"))
    # Besides the author's email (workflow.notify), only an edit's effects.
    new_effects = Effect.for_item(live).exclude(pk__in=before).exclude(handler="workflow.notify")
    assert new_effects.exists()
    assert all(key.startswith("changed:") for key in new_effects.values_list("key", flat=True))
    assert list(SocialPost.for_item(live).values_list("pk", flat=True)) == [sent.pk]
    sent.refresh_from_db()
    assert sent.state == PostState.SENT and sent.text == "Festa major"


def test_the_publisher_may_choose_to_post_an_update_where_the_item_was_announced(client, live, copy):
    account = SocialAccount(network="mastodon", name="@ajuntament", api_base="http://127.0.0.1:9")
    account.set_credentials({"access_token": "prova"})
    account.save()
    sent = SocialPost.objects.create(
        target=live,
        account=account,
        state=PostState.SENT,
        publication=live.publication,
        text="Festa major",
        sent_at=timezone.now(),
        remote_id="1",
    )
    client.force_login(make_user("publisher"))
    page = client.get(step_url(live, "publish")).content.decode()
    assert 'name="post_update"' in page
    assert client.post(step_url(live, "publish"), {"post_update": "1"}).status_code == 302
    effect = Effect.objects.get(handler="social.post_update")
    assert effects.run(effect.pk) == "done"
    update = SocialPost.for_item(live).exclude(pk=sent.pk).get()
    assert update.account == account and update.corrects == sent and update.state == PostState.PENDING
    assert update.text_override.startswith("Actualitzat: Festa major 2027")
    sent.refresh_from_db()
    assert sent.state == PostState.SENT and sent.text == "Festa major"
    # Running the effect again posts nothing more.
    assert effects.run(effect.pk) != "failed"
    assert SocialPost.for_item(live).count() == 2


def test_the_publisher_withdraws_the_live_item_from_the_copys_form(client, live, copy):
    client.force_login(make_user("publisher"))
    form = client.get(change_url(live)).content.decode()
    assert 'name="_live_workflow" value="withdraw"' in form
    data = news_admin_form_data(live, title="No es desa")
    data["_live_workflow"] = "withdraw"
    assert client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.status == "withdrawn" and live.title == "Festa major"
    assert WorkingCopy.objects.get().data["title"] == "Festa major 2027"
    data["_live_workflow"] = "publish"
    client.post(change_url(live), data)
    assert NewsItem.objects.get(pk=live.pk).status == "withdrawn"


def test_editors_get_no_live_transition_from_the_copys_form(client, live, copy, author):
    client.force_login(author)
    assert "_live_workflow" not in client.get(change_url(live)).content.decode()
    data = news_admin_form_data(live)
    data["_live_workflow"] = "withdraw"
    client.post(change_url(live), data)
    assert NewsItem.objects.get(pk=live.pk).status == "published"


def test_a_copy_that_no_longer_validates_is_refused_clearly(client, live, copy, author):
    # Say the rules changed: the copy's summary is now too long.
    WorkingCopy.objects.filter(pk=copy.pk).update(data={**copy.data, "summary": "x" * 400})
    client.force_login(author)
    response = client.get(change_url(live))
    assert response.status_code == 302 and response["Location"].endswith("/copia-de-treball/discard/")
    client.force_login(make_user("publisher"))
    response = client.post(step_url(live, "publish"))
    assert response.status_code == 400 and "ja no és vàlida" in response.content.decode()
    assert NewsItem.objects.get(pk=live.pk).title == "Festa major"
