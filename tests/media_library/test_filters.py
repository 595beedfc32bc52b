"""The image list filtered by tag and by unit, and searched by title, alt
text, credit, tag or unit; bad filter values answer a clear 400."""

import pytest

from tests.factories import make_image, make_unit, make_user

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/comunicacio/image/"


@pytest.fixture
def library(db):
    culture, sports = make_unit(name="Àrea de Cultura"), make_unit(name="Àrea d'Esports")
    castle = make_image(alt="El castell de nit")
    castle.unit = culture
    castle.save()
    castle.tags.add("festa major", "patrimoni")
    race = make_image(alt="La cursa del riu")
    race.unit = sports
    race.save()
    race.tags.add("esports")
    loose = make_image(alt="Un carrer qualsevol")
    return {"culture": culture, "sports": sports, "castle": castle, "race": race, "loose": loose}


def shown(client, query: str) -> set[int]:
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200, query
    return {image.pk for image in response.context["cl"].result_list}


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor"))
    return client


def test_the_list_offers_tag_and_unit_filters(editor_client, library, unit):
    from tests.factories import make_live_news

    make_live_news(unit, tags=["una etiqueta de notícies"])
    html = editor_client.get(LIST_URL).content.decode()
    assert "festa major" in html and "Àrea d&#x27;Esports" in html
    # Only the tags images carry.
    assert "una etiqueta de notícies" not in html


def test_filter_by_tag(editor_client, library):
    tag = library["castle"].tags.get(name="patrimoni")
    assert shown(editor_client, f"tags__id__exact={tag.pk}") == {library["castle"].pk}


def test_filter_by_unit(editor_client, library):
    assert shown(editor_client, f"unit__id__exact={library['sports'].pk}") == {library["race"].pk}
    assert shown(editor_client, "unit__isnull=True") == {library["loose"].pk}


@pytest.mark.parametrize(
    "query, expected",
    [("q=castell", "castle"), ("q=esports", "race"), ("q=Cultura", "castle"), ("q=carrer", "loose")],
)
def test_search_by_words_tags_and_units(editor_client, library, query, expected):
    assert shown(editor_client, query) == {library[expected].pk}


@pytest.mark.parametrize(
    "query", ["unit__id__exact=abc", "tags__id__exact=99999999999999999999999", "unit__id__exact=1%00"]
)
def test_bad_filter_values_are_a_clear_400(editor_client, library, query):
    response = editor_client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 400
