"""Draft over live for news: an editor's edit of a published press note
(tags, an attachment) waits in a working copy; the public keeps the live
text until a publisher publishes the copy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comunicacio import pagecache
from comunicacio.publishing import working_copies
from comunicacio.publishing.models import Effect, Revision, Transition
from comunicacio.publishing.working_copies import WorkingCopy
from news.models import Attachment, NewsItem
from tests.factories import make_live_news, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def step_url(item, step):
    return f"/admin/news/newsitem/{item.pk}/copia-de-treball/{step}/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def live(unit):
    item = make_live_news(unit, title="Piscina oberta", body="<p>Obre dilluns.</p>", tags=["esports"])
    Attachment.objects.create(
        news=item, title="Horari antic", file=SimpleUploadedFile("horari.pdf", b"%PDF-1")
    )
    return item


def attachment_rows(item, rows):
    data = {
        "attachments-TOTAL_FORMS": str(len(rows)),
        "attachments-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"attachments-{number}-{key}"] = value
        data[f"attachments-{number}-news"] = item.pk
    return data


def edit_as(client, user, item, **overrides):
    client.force_login(user)
    data = news_admin_form_data(item, **overrides)
    return client.post(change_url(item), data)


def test_an_editor_edit_of_live_news_becomes_a_working_copy(client, live, django_capture_on_commit_callbacks):
    editor = make_user("editor")
    old = live.attachments.get()
    generation = pagecache.current_generation()
    public = client.get(live.get_absolute_url())
    revisions_before = Revision.for_item(live).count()
    data = news_admin_form_data(live, title="Piscina oberta tot l'estiu", body="<p>Obre cada dia.</p>")
    data["tags"] = "esports, estiu"
    data.update(attachment_rows(live, [{"id": old.pk, "title": "Horari d'estiu", "position": 0}]))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(change_url(live), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    # The purge the rolled-back save registered was discarded with it.
    assert callbacks == []

    # Nothing live changed: row, tags, attachment, revisions, cache generation.
    live.refresh_from_db()
    assert live.title == "Piscina oberta" and live.body == "<p>Obre dilluns.</p>"
    assert sorted(live.tags.names()) == ["esports"]
    assert live.attachments.get().title == "Horari antic"
    assert Revision.for_item(live).count() == revisions_before
    assert not Effect.for_item(live).filter(key__startswith="changed:").exists()
    assert pagecache.current_generation() == generation
    client.logout()
    again = client.get(live.get_absolute_url())
    assert "Obre dilluns." in again.content.decode()
    assert again["X-Cache"] == "HIT" and again.content == public.content

    copy = WorkingCopy.objects.get()
    assert copy.author == editor and copy.state == WorkingCopy.State.DRAFT
    assert copy.data["title"] == "Piscina oberta tot l'estiu"
    assert copy.data["tags"] == ["esports", "estiu"]

    # The form shows the copy's content, and says so.
    client.force_login(editor)
    form = client.get(change_url(live)).content.decode()
    assert "Piscina oberta tot l&#x27;estiu" in form or "Piscina oberta tot l'estiu" in form
    assert "Horari d&#x27;estiu" in form or "Horari d'estiu" in form
    assert "Còpia de treball" in form and "Esborrany" in form
    live.refresh_from_db()
    assert live.title == "Piscina oberta"

    # Edited a second time: the copy is updated, still nothing live.
    data = news_admin_form_data(live, title="Piscina oberta tot l'estiu, també dissabtes")
    data["tags"] = "esports, estiu"
    data.update(attachment_rows(live, [{"id": old.pk, "title": "Horari d'estiu", "position": 0}]))
    data["body"] = "<p>Obre cada dia.</p>"
    assert client.post(change_url(live), data).status_code == 302
    copy.refresh_from_db()
    assert copy.data["title"] == "Piscina oberta tot l'estiu, també dissabtes"
    assert copy.data["body"] == "<p>Obre cada dia.</p>"
    assert WorkingCopy.objects.count() == 1
    assert NewsItem.objects.get(pk=live.pk).title == "Piscina oberta"

    # Submitted by the editor; the editor may not publish it.
    assert client.post(step_url(live, "submit"), {"comment": "Revisa-ho"}).status_code == 302
    copy.refresh_from_db()
    assert copy.state == WorkingCopy.State.REVIEW
    assert client.post(step_url(live, "publish")).status_code == 403
    assert client.post(step_url(live, "return"), {"comment": "no"}).status_code == 403

    # The publisher publishes it: one revision, a purge, the copy gone.
    publisher = make_user("publisher")
    client.force_login(publisher)
    page = client.get(step_url(live, "publish")).content.decode()
    assert "Obre cada dia." in page and "<p>Obre cada dia.</p>" not in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(step_url(live, "publish")).status_code == 302
    live.refresh_from_db()
    assert live.title == "Piscina oberta tot l'estiu, també dissabtes"
    assert sorted(live.tags.names()) == ["esports", "estiu"]
    assert live.attachments.get().title == "Horari d'estiu"
    added = Revision.for_item(live).count() - revisions_before
    assert added == 1
    assert Revision.for_item(live).first().comment == "Publicats els canvis de la còpia de treball"
    assert pagecache.current_generation() != generation
    assert not WorkingCopy.objects.exists()
    actions = list(Transition.for_item(live).values_list("action", flat=True))
    assert actions[:2] == ["copy_publish", "copy_submit"]
    client.logout()
    assert "Obre cada dia." in client.get(live.get_absolute_url()).content.decode()


def test_an_attachment_added_in_the_copy_appears_only_on_publication(client, live, form_data):
    editor = make_user("editor")
    client.force_login(editor)
    data = form_data(client, change_url(live), "newsitem_form")
    assert "social-socialpost-content_type-object_id-TOTAL_FORMS" not in data  # channels are not in a copy
    data.update(
        {
            "attachments-TOTAL_FORMS": ["2"],
            "attachments-1-title": ["Plànol de la piscina"],
            "attachments-1-position": ["1"],
            "attachments-1-news": [str(live.pk)],
            "attachments-1-file": SimpleUploadedFile("planol.pdf", b"%PDF-1 planol"),
        }
    )
    assert client.post(change_url(live), data).status_code == 302
    assert list(live.attachments.values_list("title", flat=True)) == ["Horari antic"]

    # Edited again from the form as it now shows the copy (its new row included).
    data = form_data(client, change_url(live), "newsitem_form")
    assert data["attachments-INITIAL_FORMS"] == ["2"]
    assert data["attachments-1-title"] == ["Plànol de la piscina"]
    data["attachments-1-title"] = ["Plànol de la piscina nova"]
    assert client.post(change_url(live), data).status_code == 302
    assert list(live.attachments.values_list("title", flat=True)) == ["Horari antic"]
    rows = WorkingCopy.objects.get().rows["news.attachment"]
    assert sorted(row["fields"]["title"] for row in rows) == ["Horari antic", "Plànol de la piscina nova"]

    working_copies.publish(live, make_user("publisher"))
    titles = sorted(live.attachments.values_list("title", flat=True))
    assert titles == ["Horari antic", "Plànol de la piscina nova"]
    assert live.attachments.get(title__startswith="Plànol").file.read() == b"%PDF-1 planol"
