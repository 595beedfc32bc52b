"""Each member of staff chooses the language the back-office speaks to
them ("Les meves preferències"); Catalan unless they chose otherwise, for
the pages, the messages and the admin's JavaScript catalogue."""

import re

import pytest

from comunicacio import preference_actions
from comunicacio.preferences import StaffPreference, language_for
from tests.factories import make_user
from tests.support.admin_crawl import crawl

pytestmark = pytest.mark.django_db

URL = "/admin/preferencies/"


def test_every_page_links_to_the_preferences(client, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert f'<a href="{URL}">Les meves preferències</a>' in page


def test_the_page_shows_the_current_choice(client, editor):
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "<h1>Les meves preferències</h1>" in page
    assert re.search(r'<input type="radio" name="language" value="ca"[^>]* checked>', page)
    assert not re.search(r'<input type="radio" name="language" value="es"[^>]* checked>', page)
    assert 'name="language"' in page and "Castellano" in page


def test_choosing_spanish_switches_the_back_office(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"language": "es"}, follow=True)
    assert language_for(editor) == "es"
    page = response.content.decode()
    assert '<html lang="es"' in page
    assert "Se han guardado sus preferencias." in page
    assert "Mis preferencias" in page and "Cerrar sesión" in page
    index = client.get("/admin/").content.decode()
    assert '<html lang="es"' in index
    # And back.
    client.post(URL, {"language": "ca"})
    assert '<html lang="ca"' in client.get("/admin/").content.decode()


def test_the_javascript_catalogue_follows(client, editor):
    client.force_login(editor)
    catalan = client.get("/admin/jsi18n/").content.decode()
    assert '"Today": "Avui"' in catalan and '"Choose all %s": "Tria tots els %s"' in catalan
    preference_actions.set_language(editor, "es")
    spanish = client.get("/admin/jsi18n/").content.decode()
    assert '"Today": "Hoy"' in spanish


def test_catalan_by_default_whatever_the_browser_asks(client, editor):
    client.force_login(editor)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es,en;q=0.5").content.decode()
    assert '<html lang="ca"' in page
    client.logout()
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="ca"' in login.content.decode()


def test_another_users_choice_is_theirs_alone(client, editor):
    other = make_user("editor")
    preference_actions.set_language(other, "es")
    client.force_login(editor)
    assert '<html lang="ca"' in client.get("/admin/").content.decode()


def test_the_public_site_keeps_its_urls_language(client, editor):
    preference_actions.set_language(editor, "es")
    client.force_login(editor)
    assert '<html lang="ca"' in client.get("/ca/").content.decode()


@pytest.mark.parametrize("language", ["en", "", "fr", "ca'; --"])
def test_an_unknown_language_is_refused_clearly(client, editor, language):
    client.force_login(editor)
    response = client.post(URL, {"language": language})
    assert response.status_code == 400
    assert "Trieu una de les llengües de la llista." in response.content.decode()
    assert not StaffPreference.objects.filter(user=editor).exists()


def test_the_action_refuses_an_unknown_language(editor):
    with pytest.raises(ValueError):
        preference_actions.set_language(editor, "en")


def test_only_staff_with_a_role(client, norole):
    assert client.get(URL).status_code == 302
    client.force_login(norole)
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_other_methods_are_refused(client, editor):
    client.force_login(editor)
    assert client.put(URL).status_code == 405


def test_the_spanish_back_office_has_no_english(client, filled_admin, publisher):
    preference_actions.set_language(publisher, "es")
    client.force_login(publisher)
    result = crawl(client, language="es")
    assert len(result.visited) > 10 and not result.errors
    assert result.english == {}
