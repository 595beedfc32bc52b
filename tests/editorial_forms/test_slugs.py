"""Addresses made from Catalan titles keep the words whole, can be edited
until the item is first published, and never change after."""

import pytest
from django.core.exceptions import ValidationError

from agenda.models import Event
from comunicacio.publishing import actions
from comunicacio.slugs import slugify, unique_slug
from news.models import NewsItem
from tests.factories import event_admin_form_data, make_event, make_news, news_admin_form_data


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("L'Ajuntament obre la piscina d'estiu", "l-ajuntament-obre-la-piscina-d-estiu"),
        ("L’Ajuntament obre la piscina d’estiu", "l-ajuntament-obre-la-piscina-d-estiu"),
        ("Nova col·lecció al Museu", "nova-colleccio-al-museu"),
        ("Nova coŀlecció", "nova-colleccio"),  # the single-character "ŀ"
        ("Paral.lel i intel•ligència", "parallel-i-intel-ligencia"),
        ("Àngels, Èric i Ïngrid: òpera a Sant Martí", "angels-eric-i-ingrid-opera-a-sant-marti"),
        ("Plaça de l'U d'Octubre", "placa-de-l-u-d-octubre"),
        ("Curs 2026/2027 — inscripcions", "curs-2026-2027-inscripcions"),
        ("  --¡Ja és aquí!--  ", "ja-es-aqui"),
        ("¿?", ""),
    ],
)
def test_catalan_titles_keep_their_words(title, slug):
    assert slugify(title) == slug


def test_a_long_title_is_cut_between_words(db):
    title = "Paraula " * 40
    slug = unique_slug(NewsItem.objects.all(), title, fallback="noticia")
    assert len(slug) <= 200
    assert slug.endswith("paraula") and "--" not in slug


def test_a_title_without_letters_gets_the_fallback(unit):
    assert make_news(unit=unit, title="¿?").slug == "noticia"


def test_generated_slugs_are_unique(unit):
    first = make_news(unit=unit, title="L'Ajuntament obre la piscina d'estiu")
    second = make_news(unit=unit, title="L'Ajuntament obre la piscina d'estiu")
    assert (first.slug, second.slug) == (
        "l-ajuntament-obre-la-piscina-d-estiu",
        "l-ajuntament-obre-la-piscina-d-estiu-2",
    )


def test_an_editor_edits_the_slug_of_a_draft(client, editor, draft):
    client.force_login(editor)
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/")
    assert b'name="slug"' in page.content
    response = client.post(
        f"/admin/news/newsitem/{draft.pk}/change/",
        {**news_admin_form_data(draft), "slug": "Piscina d'estiu 2026"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    # Typed words are written the way generated ones are.
    assert draft.slug == "piscina-d-estiu-2026"


def test_an_empty_slug_on_a_draft_is_made_from_the_title(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        f"/admin/news/newsitem/{draft.pk}/change/",
        {**news_admin_form_data(draft), "title": "L'Ajuntament obre la piscina d'estiu", "slug": ""},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "l-ajuntament-obre-la-piscina-d-estiu"


def test_a_taken_slug_is_refused_with_a_message(client, editor, draft, unit):
    other = make_news(unit=unit, title="Una altra notícia")
    client.force_login(editor)
    response = client.post(
        f"/admin/news/newsitem/{draft.pk}/change/", {**news_admin_form_data(draft), "slug": other.slug}
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.slug != other.slug


def test_a_new_event_takes_the_typed_slug(client, editor):
    client.force_login(editor)
    response = client.post("/admin/agenda/event/add/", event_admin_form_data(slug="Concert d'estiu"))
    assert response.status_code == 302
    assert Event.objects.get().slug == "concert-d-estiu"


def _publish(item, publisher):
    actions.apply(item, "publish", publisher)
    item.refresh_from_db()
    assert item.publication == 1


def test_the_slug_is_read_only_once_published(client, publisher, draft):
    _publish(draft, publisher)
    client.force_login(publisher)
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/")
    assert b'name="slug"' not in page.content
    assert draft.slug.encode() in page.content
    # A slug sent anyway (a crafted POST) is ignored: the address stays.
    response = client.post(
        f"/admin/news/newsitem/{draft.pk}/change/",
        {**news_admin_form_data(draft), "title": "Títol nou", "slug": "una-altra-adreca"},
    )
    assert response.status_code == 302
    stored = NewsItem.objects.get(pk=draft.pk)
    assert stored.title == "Títol nou"
    assert stored.slug == draft.slug


def test_the_slug_stays_read_only_after_a_withdrawal(client, publisher, draft):
    _publish(draft, publisher)
    actions.apply(draft, "withdraw", publisher)
    client.force_login(publisher)
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/")
    assert b'name="slug"' not in page.content


def test_the_model_refuses_a_new_slug_after_publication(publisher, draft):
    _publish(draft, publisher)
    item = NewsItem.objects.get(pk=draft.pk)
    item.slug = "una-altra-adreca"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "slug" in error.value.message_dict


def test_an_event_slug_is_locked_after_publication(client, publisher):
    event = make_event(title="Concert d'estiu", status="draft")
    assert event.slug == "concert-d-estiu"
    client.force_login(publisher)
    assert b'name="slug"' in client.get(f"/admin/agenda/event/{event.pk}/change/").content
    _publish(event, publisher)
    assert b'name="slug"' not in client.get(f"/admin/agenda/event/{event.pk}/change/").content
