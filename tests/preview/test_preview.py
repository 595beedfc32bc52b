"""The staff preview: the public detail page of any item, in each language
it has, never cached or indexed, and its frame page at phone and desktop
widths."""

from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission

from comunicacio import pagecache, roles
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees its characters (entities decoded)."""
    return unescape(response.content.decode())


def preview_url(item, name="news", **query):
    path = f"/preview/{name}/{item.pk}/"
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


class TestLanguages:
    def test_catalan_by_default_and_spanish_on_request(self, client, editor, spanish_draft):
        client.force_login(editor)
        catalan = text(client.get(preview_url(spanish_draft)))
        assert '<html lang="ca">' in catalan
        assert "La piscina d'estiu obre dissabte" in catalan
        assert "Entrada gratuïta el primer dia." in catalan
        spanish = client.get(preview_url(spanish_draft, lang="es")).content.decode()
        assert '<html lang="es">' in spanish
        assert "La piscina de verano abre el sábado" in spanish
        assert "Entrada gratuita el primer día." in spanish
        assert "La piscina d'estiu" not in text(client.get(preview_url(spanish_draft, lang="es")))
        # The same public template and its links in Spanish, as /es/… would show.
        assert 'href="/es/"' in spanish

    def test_the_language_switch_stays_in_the_preview(self, client, editor, spanish_draft):
        client.force_login(editor)
        html = client.get(preview_url(spanish_draft, lang="es")).content.decode()
        assert f'href="/preview/news/{spanish_draft.pk}/?lang=ca"' in html

    def test_an_unknown_language_is_a_clear_400(self, client, editor, spanish_draft):
        client.force_login(editor)
        response = client.get(preview_url(spanish_draft, lang="fr"))
        assert response.status_code == 400
        assert "Idioma desconegut" in response.content.decode()

    def test_only_the_languages_the_item_has_are_offered(self, client, editor, spanish_draft, unit):
        client.force_login(editor)
        frame = client.get(preview_url(spanish_draft) + "frame/").content.decode()
        assert "?lang=es" in frame and "Castellano" in frame
        catalan_only = make_news(unit=unit, created_by=editor)
        frame = client.get(preview_url(catalan_only) + "frame/").content.decode()
        assert "?lang=es" not in frame
        assert "encara no té cap camp traduït en castellà" in frame

    def test_a_type_without_spanish_fields_says_so(self, client, superuser, scheduled_entry):
        client.force_login(superuser)
        frame = client.get(preview_url(scheduled_entry, "institutional") + "frame/").content.decode()
        assert "no té camps en castellà" in frame
        assert "?lang=es" not in frame


class TestWhatThePublicWouldSee:
    def test_banner_noindex_and_no_caching(self, client, editor, spanish_draft):
        client.force_login(editor)
        response = client.get(preview_url(spanish_draft))
        html = response.content.decode()
        assert "Previsualització — no publicat" in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert response["Cache-Control"] == "private, no-store"
        assert "noindex" in response["X-Robots-Tag"]
        # The back-office's frame page may show it, no other site.
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
        assert [t.name for t in response.templates][0] == "news/detail.html"

    def test_never_stored_in_the_page_cache(self, client, editor, spanish_draft):
        client.force_login(editor)
        assert "La piscina d'estiu" in text(client.get(preview_url(spanish_draft)))
        spanish_draft.title = "La piscina d'estiu obre diumenge"
        spanish_draft.save()
        again = text(client.get(preview_url(spanish_draft)))
        assert "obre diumenge" in again
        assert "/preview/" in pagecache.SKIPPED_PREFIXES

    @pytest.mark.parametrize(
        ("fixture", "name", "title"),
        [
            ("spanish_draft", "news", "La piscina de verano abre el sábado"),
            ("event_in_review", "agenda", "Concierto en la plaza Mayor"),
            ("scheduled_entry", "institutional", "Reunió amb l'Associació de Veïns del Molí"),
        ],
    )
    def test_every_registered_type(self, request, client, superuser, fixture, name, title):
        item = request.getfixturevalue(fixture)
        client.force_login(superuser)
        response = client.get(preview_url(item, name, lang="es"))
        assert response.status_code == 200
        html = text(response)
        assert title in html
        assert "preview-banner--site" in html
        assert response["Cache-Control"] == "private, no-store"
        frame = client.get(preview_url(item, name) + "frame/")
        assert frame.status_code == 200
        # The public never sees it.
        assert client.get(item.get_absolute_url()).status_code == 404 or item.status == "published"


class TestPermissions:
    def test_anonymous_is_sent_to_the_login(self, client, spanish_draft):
        for url in (preview_url(spanish_draft), preview_url(spanish_draft) + "frame/"):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_staff_without_the_right_to_see_the_type_is_refused(self, client, norole, spanish_draft):
        client.force_login(norole)
        assert client.get(preview_url(spanish_draft)).status_code == 403
        assert client.get(preview_url(spanish_draft) + "frame/").status_code == 403

    def test_a_role_without_view_permission_is_refused(self, client, django_user_model, spanish_draft):
        user = django_user_model.objects.create_user(
            "mirona", password="contrasenya-prova-llarga", is_staff=True
        )
        group = Group.objects.create(name="Només agenda")
        group.permissions.add(Permission.objects.get(codename="view_event"))
        user.groups.add(group)
        client.force_login(user)
        assert client.get(preview_url(spanish_draft, lang="es")).status_code == 403
        assert roles.may_view(user, spanish_draft) is False

    def test_unknown_item_or_type(self, client, editor):
        client.force_login(editor)
        assert client.get("/preview/news/999999/frame/").status_code == 404
        assert client.get("/preview/nothing/1/frame/").status_code == 404


class TestFramePage:
    def test_phone_and_desktop_side_by_side_with_titles(self, client, editor, spanish_draft):
        client.force_login(editor)
        response = client.get(preview_url(spanish_draft, lang="es"))
        frame = client.get(f"/preview/news/{spanish_draft.pk}/frame/?lang=es")
        assert response.status_code == frame.status_code == 200
        html = frame.content.decode()
        assert html.count("<iframe") == 2
        assert 'class="preview-frame--phone"' in html and 'class="preview-frame--desktop"' in html
        assert f'src="/preview/news/{spanish_draft.pk}/?lang=es"' in html
        assert 'title="Previsualització en castellà a l\'amplada mòbil (390 px)"' in text(frame)
        assert frame["Cache-Control"] == "private, no-store"
        # Its own tab, not framed itself.
        assert frame["X-Frame-Options"] == "DENY"

    def test_one_width_at_a_time(self, client, editor, spanish_draft):
        client.force_login(editor)
        html = client.get(f"/preview/news/{spanish_draft.pk}/frame/?device=phone").content.decode()
        assert html.count("<iframe") == 1 and "preview-frame--phone" in html
        # An unknown width shows both, rather than failing.
        html = client.get(f"/preview/news/{spanish_draft.pk}/frame/?device=watch").content.decode()
        assert html.count("<iframe") == 2

    def test_change_form_links_to_the_frame_page_and_the_share_links(self, client, editor, spanish_draft):
        client.force_login(editor)
        html = client.get(f"/admin/news/newsitem/{spanish_draft.pk}/change/").content.decode()
        assert f'href="/preview/news/{spanish_draft.pk}/frame/" target="_blank"' in html
        assert f'href="/preview/news/{spanish_draft.pk}/share/"' in html
        # The side panel's languages: those the item has.
        assert f'data-src="/preview/news/{spanish_draft.pk}/?lang=es"' in html
        assert 'aria-controls="preview-side-panel"' in html
