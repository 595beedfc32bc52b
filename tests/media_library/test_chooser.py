"""The image chooser: a page of thumbnails with search, filters by tag and
unit and pages, for staff who may see the library; every foreign key to an
image in the back-office offers it (the select stays, for use without
JavaScript); bad query strings are a clear 400, never a server error."""

import pytest
from django.test import Client

from comunicacio.image_chooser import PER_PAGE
from tests.factories import make_image, make_unit, make_user

pytestmark = pytest.mark.django_db

CHOOSER_URL = "/admin/comunicacio/image/tria/"


def small_image(alt: str, **fields):
    image = make_image(alt=alt, size=(120, 80))
    for name, value in fields.items():
        setattr(image, name, value)
    image.save()
    return image


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor"))
    return client


def chosen_ids(response) -> list[int]:
    return [image.pk for image in response.context["images"]]


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(CHOOSER_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_a_role_are_refused(client):
    client.force_login(make_user(None))
    assert client.get(CHOOSER_URL).status_code in (302, 403)


def test_the_chooser_lists_thumbnails_newest_first_with_an_upload_link(editor_client):
    first, second = small_image("Primera"), small_image("Segona")
    response = editor_client.get(CHOOSER_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert chosen_ids(response) == [second.pk, first.pk]
    assert f'data-id="{first.pk}"' in html and f'data-thumb="{first.thumbnail_url()}"' in html
    assert 'href="/admin/comunicacio/image/add/"' in html


def test_pages_of_thumbnails(editor_client):
    images = [small_image(f"Imatge {n}") for n in range(PER_PAGE + 3)]
    page1 = editor_client.get(CHOOSER_URL)
    page2 = editor_client.get(f"{CHOOSER_URL}?p=2")
    assert len(chosen_ids(page1)) == PER_PAGE
    assert set(chosen_ids(page2)) == {image.pk for image in images[:3]}
    assert f"{CHOOSER_URL}?p=2" in page1.content.decode()
    # Not a page number, or beyond the last: the nearest page, not an error.
    assert chosen_ids(editor_client.get(f"{CHOOSER_URL}?p=abc")) == chosen_ids(page1)
    assert chosen_ids(editor_client.get(f"{CHOOSER_URL}?p=99999999999999999999")) == chosen_ids(page2)


def test_search_and_filters_keep_their_query_across_pages(editor_client):
    culture = make_unit(name="Àrea de Cultura")
    castle = small_image("El castell", unit=culture)
    castle.tags.add("patrimoni")
    church = small_image("L'església")
    church.tags.add("patrimoni")
    small_image("La piscina", unit=culture)

    assert chosen_ids(editor_client.get(f"{CHOOSER_URL}?q=castell")) == [castle.pk]
    assert set(chosen_ids(editor_client.get(f"{CHOOSER_URL}?tag=patrimoni"))) == {castle.pk, church.pk}
    both = editor_client.get(f"{CHOOSER_URL}?tag=patrimoni&unit={culture.pk}")
    assert chosen_ids(both) == [castle.pk]
    assert chosen_ids(editor_client.get(f"{CHOOSER_URL}?q=patrimoni+castell")) == [castle.pk]

    for number in range(PER_PAGE):
        small_image(f"Castell {number}")
    page = editor_client.get(f"{CHOOSER_URL}?q=castell").content.decode()
    assert f"{CHOOSER_URL}?q=castell&amp;p=2" in page


@pytest.mark.parametrize(
    "query",
    [
        "unit=abc",
        "unit=99999999999999999999",
        "unit=-1",
        "tag=no-existeix",
        "q=" + "x" * 201,
        "q=nul%00",
        "unit=1%00",
    ],
)
def test_bad_query_strings_are_a_clear_400(editor_client, query):
    small_image("Una imatge")
    response = editor_client.get(f"{CHOOSER_URL}?{query}")
    assert response.status_code == 400
    assert "Reviseu els filtres" in response.content.decode()
    assert response.context["images"] == []


@pytest.mark.parametrize(
    "add_url", ["/admin/news/newsitem/add/", "/admin/agenda/event/add/"], ids=["news", "event"]
)
def test_every_image_field_of_content_offers_the_chooser_and_keeps_the_select(editor_client, add_url):
    image = small_image("Façana")
    html = editor_client.get(add_url).content.decode()
    assert "data-image-chooser" in html and f'data-chooser-url="{CHOOSER_URL}"' in html
    assert 'select name="image"' in html and f'<option value="{image.pk}">' in html
    assert "media_library/chooser.js" in html


def test_the_chosen_images_thumbnail_shows_in_the_form(editor_client, unit):
    from tests.factories import make_news

    image = small_image("Façana de l'Ajuntament")
    item = make_news(unit=unit, image=image)
    html = editor_client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert f'<img src="{image.thumbnail_url()}" alt="Façana de l&#x27;Ajuntament">' in html


@pytest.mark.parametrize("value", ["99999999999999999999", "abc", "-3", "0"])
def test_a_tampered_image_value_is_a_form_error_not_a_server_error(editor_client, unit, value):
    from tests.factories import make_news, news_admin_form_data

    item = make_news(unit=unit)
    response = editor_client.post(
        f"/admin/news/newsitem/{item.pk}/change/", news_admin_form_data(item, image=value)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
