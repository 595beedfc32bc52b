"""Share links: made and revoked from the back-office, opened by anyone
holding the address, read-only, noindex, never cached, gone when revoked or
expired, and a clear page for a tampered or unknown one."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from comunicacio.share_links import actions
from comunicacio.share_links.models import ShareLink, hash_token
from tests.factories import make_image, make_user

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees its characters (entities decoded)."""
    return unescape(response.content.decode())


def links_url(item, name="news"):
    return f"/preview/{name}/{item.pk}/share/"


def create_link(client, item, name="news", days="7") -> str:
    """Make a link through the page, as staff do; its address (shown once)."""
    response = client.post(links_url(item, name), {"days": days})
    assert response.status_code == 302
    page = client.get(links_url(item, name)).content.decode()
    found = re.search(r'value="http://testserver(/preview/s/[^"]+/)"', page)
    assert found, page
    return found.group(1)


class TestLifecycle:
    def test_create_view_anonymously_revoke_gone(self, client, editor, spanish_draft):
        client.force_login(editor)
        address = create_link(client, spanish_draft)
        link = ShareLink.for_item(spanish_draft).get()
        assert link.created_by == editor
        assert timedelta(days=6, hours=23) < link.expires_at - link.created_at <= timedelta(days=7)
        # Only a hash is stored: the address shows once, then never again.
        assert link.token_hash not in address
        assert address.split("/")[3] not in client.get(links_url(spanish_draft)).content.decode()

        client.logout()
        response = client.get(address)
        assert response.status_code == 200
        html = text(response)
        assert "La piscina d'estiu obre dissabte" in html
        assert "Previsualització — no publicat" in html and "Caduca el" in html
        assert [t.name for t in response.templates][0] == "news/detail.html"
        spanish = client.get(address + "?lang=es").content.decode()
        assert "La piscina de verano abre el sábado" in spanish
        assert f'href="{address}?lang=ca"' in spanish
        # Read-only: nothing to post, and no way into the back-office.
        assert client.post(address).status_code == 405
        assert "csrfmiddlewaretoken" not in html

        client.force_login(editor)
        revoke = client.post(f"{links_url(spanish_draft)}{link.pk}/revoke/")
        assert revoke.status_code == 302
        link.refresh_from_db()
        assert link.revoked_at is not None and link.revoked_by == editor
        client.logout()
        gone = client.get(address)
        assert gone.status_code == 410
        assert "Aquest enllaç s'ha revocat" in text(gone)
        assert gone["Cache-Control"] == "private, no-store"

    def test_expired_link_is_gone(self, client, editor, spanish_draft):
        client.force_login(editor)
        address = create_link(client, spanish_draft, days="1")
        client.logout()
        assert client.get(address).status_code == 200
        with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
            response = client.get(address)
            assert response.status_code == 410
            assert "Aquest enllaç ha caducat" in response.content.decode()
            listed = ShareLink.for_item(spanish_draft).get()
            assert listed.state() == ShareLink.State.EXPIRED

    def test_tampered_malformed_and_unknown_tokens_are_a_clear_404(self, client, editor, spanish_draft):
        client.force_login(editor)
        address = create_link(client, spanish_draft)
        client.logout()
        token = address.split("/")[3]
        raw, signature = token.split(":")
        for bad in (
            f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}:{signature}",  # token changed
            f"{raw}:{signature[:-2]}",  # signature cut
            "nothing-here",
            f"{'x' * 300}",
        ):
            response = client.get(f"/preview/s/{bad}/")
            assert response.status_code == 404, bad
            assert "Aquest enllaç no és vàlid" in response.content.decode()
        # Signed by us but never stored (e.g. deleted): unknown, not a 500.
        from comunicacio.share_links.models import sign_token

        assert client.get(f"/preview/s/{sign_token('desconegut')}/").status_code == 404

    def test_an_unknown_lifetime_is_refused_clearly(self, client, editor, spanish_draft):
        client.force_login(editor)
        response = client.post(links_url(spanish_draft), {"days": "365"})
        assert response.status_code == 400
        assert "Trieu una caducitat de la llista" in response.content.decode()
        assert not ShareLink.for_item(spanish_draft).exists()

    def test_the_share_page_is_noindex_and_never_cached(self, client, editor, spanish_draft):
        client.force_login(editor)
        address = create_link(client, spanish_draft)
        client.logout()
        first = client.get(address)
        assert first["Cache-Control"] == "private, no-store"
        assert "noindex" in first["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in first.content.decode()
        # Served afresh each time: an edit shows, a revocation is immediate.
        spanish_draft.title = "La piscina d'estiu obre diumenge"
        spanish_draft.save()
        assert "obre diumenge" in text(client.get(address))
        actions.revoke(ShareLink.for_item(spanish_draft).get(), editor)
        assert client.get(address).status_code == 410

    @pytest.mark.parametrize(
        ("fixture", "name", "title"),
        [
            ("spanish_draft", "news", "La piscina de verano abre el sábado"),
            ("event_in_review", "agenda", "Concierto en la plaza Mayor"),
            ("scheduled_entry", "institutional", "Reunió amb l'Associació de Veïns del Molí"),
        ],
    )
    def test_every_registered_type_in_any_status(self, request, client, superuser, fixture, name, title):
        item = request.getfixturevalue(fixture)
        client.force_login(superuser)
        address = create_link(client, item, name)
        client.logout()
        response = client.get(address + "?lang=es")
        assert response.status_code == 200
        assert title in text(response)


class TestPermissions:
    def test_anonymous_cannot_list_create_or_revoke(self, client, editor, spanish_draft):
        link, _address = actions.create(spanish_draft, editor)
        assert client.get(links_url(spanish_draft)).status_code == 302
        assert client.post(links_url(spanish_draft), {"days": "7"}).status_code == 302
        assert client.post(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 302
        assert ShareLink.objects.count() == 1
        link.refresh_from_db()
        assert link.revoked_at is None

    def test_who_cannot_see_the_item_cannot_share_it(self, client, norole, spanish_draft):
        client.force_login(norole)
        assert client.get(links_url(spanish_draft)).status_code == 403
        assert client.post(links_url(spanish_draft), {"days": "7"}).status_code == 403
        assert not ShareLink.objects.exists()

    def test_creator_or_publisher_may_revoke_another_editor_may_not(
        self, client, editor, publisher, spanish_draft
    ):
        link, _address = actions.create(spanish_draft, editor)
        colleague = make_user("editor")
        client.force_login(colleague)
        page = client.get(links_url(spanish_draft)).content.decode()
        assert f"/share/{link.pk}/revoke/" not in page
        assert client.post(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 403
        link.refresh_from_db()
        assert link.revoked_at is None
        client.force_login(publisher)
        assert f"/share/{link.pk}/revoke/" in client.get(links_url(spanish_draft)).content.decode()
        assert client.post(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 302
        link.refresh_from_db()
        assert link.revoked_by == publisher

    def test_revoking_needs_post_and_the_csrf_token(self, editor, spanish_draft):
        from django.test import Client

        link, _address = actions.create(spanish_draft, editor)
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(editor)
        assert strict.get(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 405
        assert strict.post(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 403
        assert strict.post(links_url(spanish_draft), {"days": "7"}).status_code == 403
        link.refresh_from_db()
        assert link.revoked_at is None

    def test_a_link_of_another_item_cannot_be_revoked_through_this_one(
        self, client, editor, spanish_draft, draft
    ):
        link, _address = actions.create(draft, editor)
        client.force_login(editor)
        assert client.post(f"{links_url(spanish_draft)}{link.pk}/revoke/").status_code == 404
        assert client.post(f"{links_url(spanish_draft)}abc/revoke/").status_code == 404


class TestImagesOfAnUnpublishedItem:
    def test_the_share_page_shows_the_image_the_public_cannot_read_yet(self, client, editor, spanish_draft):
        image = make_image(alt="La piscina municipal buida abans d'obrir")
        spanish_draft.image = image
        spanish_draft.save()
        client.force_login(editor)
        address = create_link(client, spanish_draft)
        client.logout()
        image.refresh_from_db()
        original = "/media/" + image.file.name
        assert client.get(original).status_code == 404  # protected media: not public yet
        html = client.get(address).content.decode()
        sources = set(re.findall(r'(/preview/s/[^"\s,]+/media/[^"\s,]+)', html))
        assert sources, html
        assert '"/media/' not in html
        for source in sources:
            response = client.get(source)
            assert response.status_code == 200, source
            assert response["Cache-Control"] == "private, no-store"
        # Only this item's files: another image is not readable through the link.
        other = make_image(name="altra.jpg")
        assert client.get(f"{address}media/{other.file.name}").status_code == 404
        assert client.get(f"{address}media/../../etc/passwd").status_code == 404
        # Revoked: its files go too.
        actions.revoke(ShareLink.for_item(spanish_draft).get(), editor)
        assert client.get(next(iter(sources))).status_code == 404

    def test_the_share_page_offers_the_items_documents_and_no_others(
        self, client, editor, spanish_draft, draft
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from news.models import Attachment

        def attach(item, title):
            return Attachment.objects.create(
                news=item, title=title, file=SimpleUploadedFile("bases.pdf", b"%PDF-1.4\n" + b"x" * 3000)
            )

        own = attach(spanish_draft, "Bases de la piscina")
        foreign = attach(draft, "Document d'una altra notícia")
        _link, address = actions.create(spanish_draft, editor)
        html = client.get(address).content.decode()
        assert f'href="{address}media/{own.file.name}"' in html
        assert client.get(f"{address}media/{own.file.name}").status_code == 200
        assert client.get(f"/media/{own.file.name}").status_code == 404
        assert client.get(f"{address}media/{foreign.file.name}").status_code == 404


def test_the_token_is_128_bits_and_stored_hashed(editor, spanish_draft):
    link, address = actions.create(spanish_draft, editor)
    raw = address.split("/")[3].split(":")[0]
    assert len(raw) >= 22  # 16 random bytes, base64
    assert link.token_hash == hash_token(raw)
    assert raw not in str(ShareLink.objects.filter(pk=link.pk).values().get())


def test_sitemap_feeds_and_search_never_show_preview_or_share_addresses(client, editor, unit):
    from django.urls import reverse
    from django.utils import translation

    from tests.factories import make_live_news

    item = make_live_news(unit, title="La piscina d'estiu obre dissabte", title_es="La piscina abre")
    _link, address = actions.create(item, editor)
    assert client.get(address).status_code == 200
    with translation.override("ca"):
        pages = [
            "/sitemap.xml",
            reverse("news:feed_rss"),
            reverse("news:feed_atom"),
            reverse("search") + "?q=piscina",
            item.get_absolute_url(),
        ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = text(response)
        assert "La piscina d'estiu" in html or item.get_absolute_url() in html, path  # the item is there
        assert "/preview/" not in html, path
    assert "Disallow: /preview/" in client.get("/robots.txt").content.decode()
