"""A press note that is already live is sent to the media on request: the
publisher first sees the email and how many contacts it goes to, and the
sending (through ``news.actions.send_press_note``) happens exactly once."""

import pytest
from django.core import mail
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Status, Transition
from news.press.models import DistributionList, MediaContact, PressDelivery, PressDistribution
from tests.factories import make_live_news, make_user


@pytest.fixture
def press_list(db):
    return DistributionList.objects.create(name="Premsa local")


def contact(name, email, language="ca", lists=(), **fields):
    made = MediaContact.objects.create(name=name, email=email, language=language, **fields)
    for each in lists:
        each.contacts.add(made)
    return made


@pytest.fixture
def live_note(unit, publisher, eager_effects):
    item = make_live_news(
        unit,
        title="L'Ajuntament obre la biblioteca de l'Estació",
        title_es="El Ayuntamiento abre la biblioteca de la Estación",
        summary="La biblioteca nova obre dilluns amb 20.000 llibres.",
        status=Status.APPROVED,
        publish_at=None,
    )
    eager_effects(workflow.perform, item, "publish", publisher)
    item.refresh_from_db()
    return item


@pytest.fixture
def distributed(live_note, press_list):
    distribution = PressDistribution.objects.create(news=live_note)
    distribution.lists.set([press_list])
    return distribution


def url(item) -> str:
    return f"/admin/news/newsitem/{item.pk}/envia-als-mitjans/"


def test_the_change_form_offers_to_send_now(client, publisher, live_note, distributed, press_list):
    contact("Laia Puig", "laia@diari.example", lists=[press_list])
    client.force_login(publisher)
    page = client.get(f"/admin/news/newsitem/{live_note.pk}/change/").content.decode()
    assert "Envia ara als mitjans" in page
    assert url(live_note) in page


def test_the_confirmation_shows_the_email_and_the_count(
    client, publisher, live_note, distributed, press_list
):
    contact("Laia Puig", "laia@diari.example", lists=[press_list])
    contact("Marc Vila", "marc@radio.example", lists=[press_list])
    contact("Pedro Gómez", "pedro@diario.example", language="es", lists=[press_list])
    contact("Baixa", "baixa@diari.example", lists=[press_list], unsubscribed_at=timezone.now())
    client.force_login(publisher)

    response = client.get(url(live_note))

    assert response.status_code == 200
    page = response.content.decode()
    assert "S'enviarà a 3 contactes." in page
    previews = response.context["previews"]
    assert [(p["language"], p["count"]) for p in previews] == [("Català", 2), ("Castellà", 1)]
    catalan, spanish = previews
    assert catalan["subject"] == "L'Ajuntament obre la biblioteca de l'Estació"
    assert "La biblioteca nova obre dilluns amb 20.000 llibres." in catalan["text"]
    assert spanish["subject"] == "El Ayuntamiento abre la biblioteca de la Estación"
    assert "El Ayuntamiento abre la biblioteca de la Estación" in page
    # Seeing the preview sends and records nothing.
    assert PressDelivery.objects.count() == 0
    assert mail.outbox == []


def test_sending_goes_once_and_is_recorded(
    client, publisher, live_note, distributed, press_list, eager_effects
):
    journalists = [contact(f"Periodista {n}", f"p{n}@diari.example", lists=[press_list]) for n in range(2)]
    client.force_login(publisher)

    response = eager_effects(client.post, url(live_note))

    assert response.status_code == 302
    assert sorted(message.to[0].split("<")[-1].rstrip(">") for message in mail.outbox) == sorted(
        j.email for j in journalists
    )
    assert PressDelivery.objects.filter(state="sent").count() == 2
    (note,) = Transition.for_item(live_note).filter(action="press_sent")
    assert note.user == publisher

    # A second confirmation (a double click, a reload) sends nothing more.
    response = eager_effects(client.post, url(live_note), follow=True)
    assert "No hi ha res pendent d&#x27;enviar als mitjans." in response.content.decode()
    assert len(mail.outbox) == 2
    assert PressDelivery.objects.count() == 2
    assert Transition.for_item(live_note).filter(action="press_sent").count() == 1


def test_editors_and_unknown_notes_are_refused(client, live_note, distributed, press_list):
    contact("Laia Puig", "laia@diari.example", lists=[press_list])
    client.force_login(make_user("editor"))
    assert client.get(url(live_note)).status_code == 403
    assert client.post(url(live_note)).status_code == 403
    client.force_login(make_user("publisher"))
    assert client.get("/admin/news/newsitem/999999/envia-als-mitjans/").status_code == 404
    assert client.get("/admin/news/newsitem/abc/envia-als-mitjans/").status_code == 404
    assert PressDelivery.objects.count() == 0


def test_nobody_new_leads_back_to_the_note(client, publisher, live_note, distributed):
    client.force_login(publisher)
    response = client.get(url(live_note), follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/news/newsitem/{live_note.pk}/change/"
    assert "No hi ha res pendent d&#x27;enviar als mitjans." in response.content.decode()
