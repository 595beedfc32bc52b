"""The style check in the change form: the saved item's advice, and the
JSON endpoint the form's button posts the current values to (staff who may
edit the item only, CSRF, clear errors for bad input)."""

import json

import pytest
from django.test import Client

from tests.factories import make_image, make_news

pytestmark = pytest.mark.django_db

URL = "/admin/style-check/news/newsitem/"


def post(client, data, url=URL):
    return client.post(url, data)


class TestChangeForm:
    def test_the_saved_items_advice_is_shown_before_the_buttons(self, client, editor, unit):
        item = make_news(unit=unit, body="<p>Obre a les 10:30h. <a href='/x'>Clica aquí</a>.</p>")
        client.force_login(editor)
        page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
        assert "Revisió d'accessibilitat i de llenguatge clar" in page
        assert "<mark>10:30h</mark>" in page and "<mark>Clica aquí</mark>" in page
        assert page.index("style-check") < page.index('name="_workflow"')
        assert f'data-style-check-url="{URL}"' in page and f'data-object-id="{item.pk}"' in page

    def test_a_clean_item_says_so(self, client, editor, unit):
        item = make_news(unit=unit, summary="Resum planer.", body="<p>Obre a les 10.30 h.</p>")
        client.force_login(editor)
        page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
        assert "No hi ha cap consell" in page

    def test_the_add_form_offers_the_check(self, client, editor):
        client.force_login(editor)
        page = client.get("/admin/news/newsitem/add/").content.decode()
        assert "Revisa el text actual" in page

    def test_every_content_type_gets_it(self, client, superuser):
        client.force_login(superuser)
        for url in ("/admin/agenda/event/add/", "/admin/institutional/institutionalentry/add/"):
            assert "style-check-refresh" in client.get(url).content.decode(), url


class TestEndpoint:
    def test_the_current_values_are_checked(self, client, editor, unit):
        item = make_news(unit=unit)
        client.force_login(editor)
        response = post(
            client,
            {
                "_object_id": item.pk,
                "title": "Festa el 26/11/2026",
                "body": "<h3>Horari</h3>",
                "slug": "10:30h",
            },
        )
        assert response.status_code == 200
        payload = response.json()
        assert [(f["rule"], f["field"], f["match"]) for f in payload["findings"]] == [
            ("numeric_date", "títol", "26/11/2026"),
            ("heading_skip", "cos", "Horari"),
        ]
        assert payload["count"] == 2 and "<mark>26/11/2026</mark>" in payload["html"]

    def test_a_new_item_is_checked_too(self, client, editor):
        client.force_login(editor)
        payload = post(client, {"summary": "ATENCIÓ TALL D'AIGUA AL BARRI"}).json()
        assert [f["rule"] for f in payload["findings"]] == ["all_caps"]

    def test_the_chosen_images_alt_text(self, client, editor):
        client.force_login(editor)
        bad = make_image(alt="foto")
        good = make_image(alt="Veïns a la plaça Major")
        assert [f["rule"] for f in post(client, {"image": bad.pk}).json()["findings"]] == ["image_alt"]
        assert post(client, {"image": good.pk}).json()["findings"] == []
        assert post(client, {"image": ""}).json()["findings"] == []

    @pytest.mark.parametrize("image", ["abc", "-1", "99999999999999999999999", "1; DROP"])
    def test_a_malformed_image_is_a_clear_400(self, client, editor, image):
        client.force_login(editor)
        response = post(client, {"image": image})
        assert response.status_code == 400
        assert response.json()["error"] == "La imatge triada no és vàlida."

    def test_an_unknown_image_is_a_clear_400(self, client, editor):
        client.force_login(editor)
        response = post(client, {"image": "999999"})
        assert response.status_code == 400 and response.json()["error"] == "La imatge triada no existeix."

    @pytest.mark.parametrize(
        "url", ["/admin/style-check/news/nope/", "/admin/style-check/auth/user/", "/admin/style-check/x.y/z/"]
    )
    def test_only_content_types(self, client, superuser, url):
        client.force_login(superuser)
        response = post(client, {"title": "x"}, url=url)
        assert response.status_code == 404 and "error" in response.json()

    @pytest.mark.parametrize("object_id", ["999999", "abc", "99999999999999999999999"])
    def test_an_unknown_item(self, client, editor, object_id):
        client.force_login(editor)
        response = post(client, {"_object_id": object_id})
        assert response.status_code == 404 and response.json()["error"] == "Aquest element no existeix."

    def test_get_is_refused(self, client, editor):
        client.force_login(editor)
        assert client.get(URL).status_code == 405


class TestPermissions:
    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = post(client, {"title": "x"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_staff_without_a_role_are_refused(self, client, norole):
        client.force_login(norole)
        response = post(client, {"title": "x"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_a_role_that_cannot_add_the_type(self, client, siteadmin):
        client.force_login(siteadmin)
        assert post(client, {"title": "x"}).status_code == 403

    def test_an_item_the_user_may_not_edit(self, client, editor, other_unit):
        from comunicacio.publishing.models import Status

        published = make_news(status=Status.PUBLISHED, unit=other_unit)
        client.force_login(editor)
        assert post(client, {"_object_id": published.pk, "title": "x"}).status_code == 403

    def test_csrf_is_required(self, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        assert client.post(URL, {"title": "x"}).status_code == 403
        page = client.get("/admin/news/newsitem/add/")
        token = page.cookies["csrftoken"].value
        response = client.post(URL, {"title": "x", "csrfmiddlewaretoken": token})
        assert response.status_code == 200 and json.loads(response.content)["findings"] == []
