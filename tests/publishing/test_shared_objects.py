"""Shared objects live content shows (library images, agenda venues): editors
may not change what approved or published items show without review;
publishers may, and each affected item records the change."""

import pytest
from django.test import Client

from comunicacio.publishing.models import Status, Transition
from tests.factories import make_event, make_image, make_live_news, make_user, make_venue

pytestmark = pytest.mark.django_db


def image_form(image, **changes) -> dict:
    data = {
        "title": image.title,
        "alt_text": image.alt_text,
        "alt_text_es": image.alt_text_es,
        "credit": image.credit,
    }
    data.update(changes)
    return data


def venue_form(venue, **changes) -> dict:
    data = {
        "name": venue.name,
        "address": venue.address,
        "postal_code": venue.postal_code,
        "town": venue.town,
        "latitude": str(venue.latitude),
        "longitude": str(venue.longitude),
        "accessibility": venue.accessibility,
        "building": venue.building_id or "",
    }
    data.update(changes)
    return data


def notes(item) -> list[str]:
    return list(
        Transition.for_item(item).filter(action="shared_object_changed").values_list("comment", flat=True)
    )


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(make_user("editor"))
    return client


@pytest.fixture
def publisher():
    return make_user("publisher", first_name="Núria", last_name="Vidal")


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


class TestLibraryImage:
    def url(self, image) -> str:
        return f"/admin/comunicacio/image/{image.pk}/change/"

    def test_an_editor_may_change_an_image_that_only_drafts_use(self, editor_client, unit):
        image = make_image()
        draft = make_live_news(unit, image=image, status=Status.DRAFT, publish_at=None)
        make_live_news(unit, image=image, status=Status.REVIEW, publish_at=None)

        response = editor_client.post(self.url(image), image_form(image, alt_text="Nou text alternatiu"))

        assert response.status_code == 302
        image.refresh_from_db()
        assert image.alt_text == "Nou text alternatiu"
        assert notes(draft) == []

    @pytest.mark.parametrize("status", [Status.PUBLISHED, Status.APPROVED])
    def test_an_editor_may_not_change_an_image_live_content_shows(self, editor_client, unit, status):
        image = make_image(alt="Façana de l'Ajuntament")
        item = make_live_news(unit, image=image, status=status)

        page = editor_client.get(self.url(image))
        response = editor_client.post(self.url(image), image_form(image, alt_text="Canviat sense revisió"))

        assert page.status_code == 200
        html = page.content.decode()
        assert "Ho mostra 1 element aprovat o publicat" in html
        assert 'name="alt_text"' not in html  # read-only
        assert response.status_code == 403
        image.refresh_from_db()
        assert image.alt_text == "Façana de l'Ajuntament"
        assert notes(item) == []

    def test_a_publisher_changes_it_and_every_live_item_records_it(
        self, publisher_client, unit, settings, django_capture_on_commit_callbacks
    ):
        settings.PAGE_CACHE_SECONDS = 600
        image = make_image(alt="Façana de l'Ajuntament")
        news = make_live_news(unit, image=image)
        approved = make_live_news(unit, image=image, status=Status.APPROVED)
        draft = make_live_news(unit, image=image, status=Status.DRAFT, publish_at=None)
        event = make_event(image=image)
        anonymous = Client()
        assert "Façana de l&#x27;Ajuntament" in anonymous.get(news.get_absolute_url()).content.decode()
        assert anonymous.get(news.get_absolute_url())["X-Cache"] == "HIT"

        assert (
            "Ho mostren 3 elements aprovats o publicats"
            in publisher_client.get(self.url(image)).content.decode()
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = publisher_client.post(
                self.url(image), image_form(image, alt_text="Façana restaurada", credit="Foto: Arxiu")
            )

        assert response.status_code == 302
        expected = (
            "Imatge de la biblioteca «Façana de l'Ajuntament» modificada per Núria Vidal "
            "(text alternatiu, autoria)."
        )
        assert notes(news) == [expected]
        assert notes(approved) == [expected]
        assert notes(event) == [expected]
        assert notes(draft) == []
        (note,) = Transition.for_item(news).filter(action="shared_object_changed")
        assert note.user.get_full_name() == "Núria Vidal"
        assert (note.from_status, note.to_status) == (Status.PUBLISHED, Status.PUBLISHED)
        # The cached page showed the old text: it was purged.
        after = anonymous.get(news.get_absolute_url())
        assert after["X-Cache"] == "MISS"
        assert "Façana restaurada" in after.content.decode()

    def test_saving_without_changes_records_nothing(self, publisher_client, unit):
        image = make_image()
        item = make_live_news(unit, image=image)
        assert publisher_client.post(self.url(image), image_form(image)).status_code == 302
        assert notes(item) == []


class TestVenue:
    def url(self, venue) -> str:
        return f"/admin/agenda/venue/{venue.pk}/change/"

    def test_an_editor_may_change_a_venue_no_live_event_uses(self, editor_client):
        venue = make_venue()
        make_event(venue=venue, status=Status.DRAFT, publish_at=None)

        response = editor_client.post(self.url(venue), venue_form(venue, address="Plaça Nova, 1"))

        assert response.status_code == 302
        venue.refresh_from_db()
        assert venue.address == "Plaça Nova, 1"

    def test_an_editor_may_not_change_the_venue_of_a_published_event(self, editor_client):
        venue = make_venue(address="Carrer Major, 12")
        event = make_event(venue=venue)

        response = editor_client.post(self.url(venue), venue_form(venue, address="Plaça Nova, 1"))

        assert response.status_code == 403
        venue.refresh_from_db()
        assert venue.address == "Carrer Major, 12"
        assert notes(event) == []

    def test_a_publisher_changes_it_and_the_event_records_it(
        self, publisher_client, settings, django_capture_on_commit_callbacks
    ):
        settings.PAGE_CACHE_SECONDS = 600
        venue = make_venue(name="Casal de Cultura", address="Carrer Major, 12")
        event = make_event(venue=venue)
        anonymous = Client()
        anonymous.get(event.get_absolute_url())
        assert anonymous.get(event.get_absolute_url())["X-Cache"] == "HIT"

        with django_capture_on_commit_callbacks(execute=True):
            response = publisher_client.post(self.url(venue), venue_form(venue, address="Plaça Nova, 1"))

        assert response.status_code == 302
        venue.refresh_from_db()
        assert venue.address == "Plaça Nova, 1"
        assert notes(event) == ["Espai «Casal de Cultura» modificat per Núria Vidal (adreça)."]
        # The event's cached page showed the old address: it was purged.
        after = anonymous.get(event.get_absolute_url())
        assert after["X-Cache"] == "MISS"
        assert "Plaça Nova, 1" in after.content.decode()
