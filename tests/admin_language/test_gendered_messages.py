"""What the back-office says after adding, saving and deleting agrees with
the model's grammatical gender ("La notícia «…» s'ha desat"), in the staff
member's language; action codes of the transition log read as labels."""

import html

import pytest

from comunicacio import admin_messages, preference_actions
from comunicacio.publishing.models import Status
from news.models import NewsItem
from tests.factories import make_news, news_admin_form_data

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    # As the browser shows them (messages are HTML: "L&#x27;espai").
    return [html.unescape(str(message)) for message in response.context["messages"]]


def test_adding_a_news_item(client, editor, unit):
    client.force_login(editor)
    data = news_admin_form_data(title="Obre la piscina", summary="Resum.", unit=unit.pk)
    response = client.post("/admin/news/newsitem/add/", data, follow=True)
    item = NewsItem.objects.get(title="Obre la piscina")
    [message] = messages_of(response)
    assert message == (
        f'La notícia «<a href="/admin/news/newsitem/{item.pk}/change/">Obre la piscina</a>» s\'ha creat.'
    )


def test_saving_and_continuing(client, editor, unit):
    item = make_news(unit=unit, title="Festa Major")
    client.force_login(editor)
    data = {**news_admin_form_data(item), "_continue": "1"}
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data, follow=True)
    [message] = messages_of(response)
    assert message.startswith("La notícia «") and "Festa Major" in message
    assert message.endswith("s'ha desat. Podeu continuar editant a sota.")


def test_deleting_a_draft(client, publisher, unit):
    item = make_news(unit=unit, title="Esborrany", status=Status.DRAFT)
    client.force_login(publisher)
    response = client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"}, follow=True)
    assert messages_of(response) == ["La notícia «Esborrany» s'ha esborrat."]


def test_deleting_several(client, publisher, unit):
    items = [make_news(unit=unit) for _ in range(2)]
    client.force_login(publisher)
    data = {"action": "delete_selected", "_selected_action": [i.pk for i in items], "post": "yes"}
    response = client.post("/admin/news/newsitem/", data, follow=True)
    assert messages_of(response) == ["S'han esborrat 2 notícies."]


def test_an_item_that_does_not_exist(client, editor):
    client.force_login(editor)
    response = client.get("/admin/news/newsitem/999999/change/", follow=True)
    assert messages_of(response) == [
        "No existeix cap element de «notícies» amb l'identificador «999999». Potser s'ha esborrat."
    ]


def test_elision_and_masculine(client, superuser):
    from django.contrib.auth.models import Group

    from agenda.models import Event, Venue

    client.force_login(superuser)
    venue = Venue.objects.create(name="Casal", address="Plaça Major, 1")
    response = client.post(f"/admin/agenda/venue/{venue.pk}/delete/", {"post": "yes"}, follow=True)
    assert messages_of(response) == ["L'espai «Casal» s'ha esborrat."]
    assert admin_messages.definite_name(Event) == "l'activitat"
    assert admin_messages.definite_name(Group) == "el grup"


def test_in_spanish_for_spanish_speaking_staff(client, publisher, unit):
    preference_actions.set_language(publisher, "es")
    item = make_news(unit=unit, title="Esborrany")
    client.force_login(publisher)
    response = client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"}, follow=True)
    assert messages_of(response) == ["La noticia «Esborrany» se ha eliminado."]


def test_a_model_nobody_declared_gets_a_sentence_without_gender(client, siteadmin, monkeypatch):
    from comunicacio.organisation import Building

    monkeypatch.delitem(admin_messages._declared, "comunicacio.building")
    building = Building.objects.create(name="Casa de la Vila")
    client.force_login(siteadmin)
    response = client.post(f"/admin/comunicacio/building/{building.pk}/delete/", {"post": "yes"}, follow=True)
    assert messages_of(response) == ["S'ha esborrat «Casa de la Vila» (dependència municipal)."]


def test_other_messages_are_left_alone(client, publisher, unit):
    item = make_news(unit=unit, title="Per publicar", status=Status.REVIEW)
    client.force_login(publisher)
    data = {**news_admin_form_data(item), "_workflow": "approve"}
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data, follow=True)
    [message] = messages_of(response)
    assert message.startswith("«Per publicar»: Aprova fet.")


def test_a_bad_gender_is_refused():
    with pytest.raises(ValueError):
        admin_messages.declare("news.newsitem", "neutre")


def test_the_transition_log_shows_action_labels(client, publisher, unit):
    item = make_news(unit=unit, status=Status.REVIEW)
    client.force_login(publisher)
    client.post(
        f"/admin/news/newsitem/{item.pk}/change/", {**news_admin_form_data(item), "_workflow": "approve"}
    )
    page = client.get("/admin/comunicacio/transition/").content.decode()
    assert '<td class="field-action_name">Aprova</td>' in page
    assert ">approve<" not in page
    assert "?action=approve" in page  # the filter offers the labels
