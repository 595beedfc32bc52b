"""Merging tags from the back-office: in Catalan, for who may change tags,
and refusing stale or missing selections with a message."""

import pytest
from taggit.models import Tag

from tests.factories import make_news

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"
MERGE = "/admin/taggit/tag/merge-tags/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_publisher_merges_tags(client, publisher, unit):
    item = make_news(unit=unit, tags=["festa", "festes"])
    other = make_news(unit=unit, tags=["festes"])
    client.force_login(publisher)
    ids = list(Tag.objects.filter(name__in=["festa", "festes"]).values_list("pk", flat=True))
    response = client.post(CHANGELIST, {"action": "render_tag_form", "_selected_action": ids}, follow=True)
    page = response.content.decode()
    assert "Nom de l&#x27;etiqueta resultant" in page and "«festa», «festes»" in page
    response = client.post(MERGE, {"new_tag_name": "festa major"}, follow=True)
    assert messages_of(response) == ["S'han fusionat les etiquetes."]
    assert sorted(item.tags.names()) == ["festa major"] and list(other.tags.names()) == ["festa major"]


def test_an_empty_name_is_refused_clearly(client, publisher, unit):
    make_news(unit=unit, tags=["festa"])
    client.force_login(publisher)
    tag = Tag.objects.get(name="festa")
    client.post(CHANGELIST, {"action": "render_tag_form", "_selected_action": [tag.pk]})
    response = client.post(MERGE, {"new_tag_name": ""})
    assert response.status_code == 200
    assert "Escriviu el nom de l'etiqueta resultant." in response.content.decode()
    assert Tag.objects.filter(name="festa").exists()


def test_without_a_selection_or_with_stale_ids(client, publisher):
    client.force_login(publisher)
    response = client.get(MERGE, follow=True)
    assert messages_of(response) == ["Trieu abans les etiquetes que voleu fusionar."]
    session = client.session
    session["selected_tag_ids"] = "999999,abc,"
    session.save()
    response = client.post(MERGE, {"new_tag_name": "x"}, follow=True)
    assert messages_of(response) == ["Trieu abans les etiquetes que voleu fusionar."]
    assert not Tag.objects.filter(name="x").exists()


def test_an_editor_may_not_merge(client, editor, unit):
    make_news(unit=unit, tags=["festa"])
    client.force_login(editor)
    session = client.session
    session["selected_tag_ids"] = str(Tag.objects.get(name="festa").pk)
    session.save()
    assert client.post(MERGE, {"new_tag_name": "x"}).status_code == 403
    assert not Tag.objects.filter(name="x").exists()
