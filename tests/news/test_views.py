"""The public news pages as a citizen or a journalist sees them."""

import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from comunicacio import pagecache
from news.models import Attachment, Kind, NewsItem, Severity, Status
from tests.factories import make_image, make_live_news
from tests.support.cache import clear_cache

pytestmark = pytest.mark.django_db

LIST_URL = "/ca/noticies/"


def links_to(response, item) -> bool:
    return f'href="{item.get_absolute_url()}"' in response.content.decode()


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD block on the page"
    return json.loads(match.group(1))


def meta_property(response, name) -> str | None:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)"', response.content.decode())
    return unescape(match.group(1)) if match else None


# --- list and filters ---------------------------------------------------------------


def test_list_shows_visible_news_newest_first(client, unit):
    older = make_live_news(unit, title="Obres al carrer Major", publish_at=timezone.now() - timedelta(days=2))
    newer = make_live_news(unit, title="Nova biblioteca", publish_at=timezone.now() - timedelta(days=1))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(newer.get_absolute_url()) < html.index(older.get_absolute_url())


@pytest.mark.parametrize(
    "query, expected, excluded",
    [
        ("kind=notice", {"avis"}, {"nota", "comunicat"}),
        ("kind=communique", {"comunicat"}, {"nota", "avis"}),
        ("unit=cultura", {"comunicat"}, {"nota", "avis"}),
        ("tag=festa-major", {"nota", "avis"}, {"comunicat"}),
        ("q=biblioteca", {"nota"}, {"comunicat", "avis"}),
        ("q=AIGUA tall", {"avis"}, {"nota", "comunicat"}),
        ("date_from=2026-11-10", {"comunicat", "avis"}, {"nota"}),
        ("date_to=2026-11-10", {"nota", "comunicat"}, {"avis"}),
        ("date_from=2026-11-10&date_to=2026-11-10", {"comunicat"}, {"nota", "avis"}),
        ("kind=press&tag=festa-major", {"nota"}, {"comunicat", "avis"}),
    ],
)
def test_list_filters(client, unit, other_unit, query, expected, excluded):
    items = {
        "nota": make_live_news(
            unit,
            title="Nova biblioteca al barri",
            kind=Kind.PRESS_NOTE,
            publish_at=datetime(2026, 11, 5, 10, tzinfo=UTC),
            tags=["Festa major"],
        ),
        "comunicat": make_live_news(
            other_unit,
            title="Comunicat sobre el pressupost",
            kind=Kind.COMMUNIQUE,
            publish_at=datetime(2026, 11, 10, 10, tzinfo=UTC),
        ),
        "avis": make_live_news(
            unit,
            title="Tall d'aigua al centre",
            kind=Kind.NOTICE,
            publish_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
            tags=["Festa major"],
        ),
    }
    with time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=UTC), tick=False):
        response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    for name in expected:
        assert links_to(response, items[name]), f"{name} missing for {query}"
    for name in excluded:
        assert not links_to(response, items[name]), f"{name} shown for {query}"


def test_tag_filter_lists_an_item_once_even_with_several_matching_rows(client, unit):
    item = make_live_news(unit, tags=["Festa major", "Cultura"])
    response = client.get(f"{LIST_URL}?tag=festa-major")
    assert response.content.decode().count(f'href="{item.get_absolute_url()}"') == 1


def test_filter_values_stay_in_the_form_and_the_pagination_links(client, unit, other_unit):
    for _ in range(21):
        make_live_news(unit, kind=Kind.NOTICE)
    make_live_news(other_unit, kind=Kind.NOTICE)
    response = client.get(f"{LIST_URL}?kind=notice&unit=comunicacio")
    html = response.content.decode()
    assert '<option value="notice" selected>' in html
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert next_link, "a next page exists but no next link"
    href = unescape(next_link.group(1))
    assert "kind=notice" in href and "unit=comunicacio" in href and "page=2" in href

    second = client.get(LIST_URL + href)
    assert second.status_code == 200
    html = second.content.decode()
    assert len(re.findall(r'<article class="card', html)) == 1
    assert '<a rel="next"' not in html
    previous = unescape(re.search(r'<a rel="prev" href="([^"]+)"', html).group(1))
    assert "kind=notice" in previous and "unit=comunicacio" in previous


def test_next_link_only_when_there_is_a_next_page(client, unit):
    for _ in range(20):
        make_live_news(unit)
    response = client.get(LIST_URL)
    assert len(re.findall(r'<article class="card', response.content.decode())) == 20
    assert 'rel="next"' not in response.content.decode()

    make_live_news(unit)
    pagecache.purge()  # created behind the workflow's back: no automatic purge
    response = client.get(LIST_URL)
    assert 'rel="next"' in response.content.decode()
    assert client.get(LIST_URL + "?page=2").status_code == 200


@pytest.mark.parametrize(
    "query, label, message",
    [
        ("kind=xyz", "Tipus", "xyz no és una de les opcions vàlides"),
        ("unit=nope", "Unitat", "Esculliu una opció vàlida"),
        ("date_from=2026-13-45", "Des del", "Introduïu una data vàlida."),
        ("date_to=ahir", "Fins al", "Introduïu una data vàlida."),
        ("q=" + "a" * 201, "Text", "com a molt 200 caràcters (en té 201)"),
    ],
)
def test_unknown_filter_values_are_a_clear_400(client, unit, query, label, message):
    item = make_live_news(unit)
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('role="alert"') :]
    assert label in errors and message in errors
    # Nothing is listed when the filters cannot be understood.
    assert not links_to(response, item)


@pytest.mark.parametrize(
    "page, message",
    [
        ("abc", "El número de pàgina «abc» no és vàlid."),
        ("0", "La pàgina 0 no existeix."),
        ("-1", "La pàgina -1 no existeix."),
        ("99999", "La pàgina 99999 no existeix."),
        ("2", "La pàgina 2 no existeix."),
    ],
)
def test_bad_page_numbers_are_a_clear_404(client, unit, page, message):
    make_live_news(unit)
    response = client.get(f"{LIST_URL}?page={page}")
    assert response.status_code == 404
    assert message in response.content.decode()


def test_empty_filter_result_says_so(client, unit):
    make_live_news(unit, kind=Kind.PRESS_NOTE)
    response = client.get(f"{LIST_URL}?kind=notice")
    assert response.status_code == 200
    assert "No hi ha cap notícia amb aquests filtres." in response.content.decode()


# --- detail -------------------------------------------------------------------------


def test_detail_has_json_ld_open_graph_canonical_and_hreflang(client, unit, settings):
    image = make_image()
    item = make_live_news(
        unit,
        title="L'Ajuntament obre la nova biblioteca",
        summary="La biblioteca del barri obre dilluns.",
        image=image,
        # JSON-LD dates carry milliseconds.
        publish_at=timezone.now().replace(microsecond=250_000) - timedelta(hours=1),
        tags=["Cultura"],
    )
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200

    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "L'Ajuntament obre la nova biblioteca"
    assert datetime.fromisoformat(data["datePublished"]) == item.public_date
    assert data["publisher"]["name"] == settings.COUNCIL_NAME
    assert data["url"] == settings.SITE_URL + item.get_absolute_url()
    assert data["image"][0].startswith(settings.SITE_URL + "/media/renditions/")
    assert data["keywords"] == ["Cultura"]

    url = settings.SITE_URL + item.get_absolute_url()
    assert meta_property(response, "og:type") == "article"
    assert meta_property(response, "og:title") == item.title
    assert meta_property(response, "og:url") == url
    assert meta_property(response, "og:image").endswith(".jpg")
    html = response.content.decode()
    assert f'<link rel="canonical" href="{url}">' in html
    with translation.override("es"):
        spanish = reverse("news:detail", kwargs={"slug": item.slug})
    assert spanish.startswith("/es/")
    assert f'<link rel="alternate" hreflang="ca" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="es" href="{settings.SITE_URL}{spanish}">' in html


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, unit):
    item = make_live_news(unit, title="Avís </script><script>alert(1)</script>")
    response = client.get(item.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["headline"] == item.title


def test_spanish_translation_with_catalan_fallback(client, unit):
    translated = make_live_news(
        unit,
        title="Nova biblioteca",
        title_es="Nueva biblioteca",
        summary="Obre dilluns.",
        summary_es="Abre el lunes.",
        body="<p>Text en català.</p>",
        body_es="<p>Texto en castellano.</p>",
    )
    untranslated = make_live_news(unit, title="Festa major", summary="Programa de la festa.")
    with translation.override("es"):
        translated_url = translated.get_absolute_url()
        untranslated_url = untranslated.get_absolute_url()

    response = client.get(translated_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "<h1>Nueva biblioteca</h1>" in html
    assert "Abre el lunes." in html and "Texto en castellano." in html
    assert "Text en català." not in html
    assert json_ld(response)["headline"] == "Nueva biblioteca"
    assert json_ld(response)["inLanguage"] == "es"

    fallback = client.get(untranslated_url).content.decode()
    # Shown in Catalan, and marked so (see tests/news/test_content_language.py).
    assert '<h1><span lang="ca">Festa major</span> <span class="lang-note">en catalán</span></h1>' in fallback
    assert '<p class="summary" lang="ca">Programa de la festa.</p>' in fallback

    with translation.override("ca"):
        catalan_url = translated.get_absolute_url()
    catalan = client.get(catalan_url).content.decode()
    assert "<h1>Nova biblioteca</h1>" in catalan and "Texto en castellano." not in catalan


def test_detail_lists_attachments(client, unit):
    item = make_live_news(unit)
    Attachment.objects.create(
        news=item,
        title="Bases de la convocatòria",
        file=SimpleUploadedFile("bases.pdf", b"%PDF-1.4\n" + b"x" * 3000),
        position=1,
    )
    Attachment.objects.create(
        news=item,
        title="Pressupost detallat",
        file=SimpleUploadedFile("pressupost.ods", b"PK\x03\x04" + b"x" * 100),
        position=0,
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Documents" in html
    assert html.index("Pressupost detallat") < html.index("Bases de la convocatòria")
    assert re.search(r'<a href="/media/attachments/\d{4}/\d{2}/bases[^"]*\.pdf">Bases', html)
    assert "(PDF, 2,9" in html  # extension and human size


def test_detail_shows_related_visible_news(client, unit, other_unit):
    item = make_live_news(unit, title="Festa major 2026", tags=["Festa major"])
    sibling = make_live_news(other_unit, title="Concerts de la festa", tags=["Festa major"])
    hidden = make_live_news(
        other_unit, title="Esborrany de la festa", tags=["Festa major"], status=Status.DRAFT
    )
    unrelated = make_live_news(other_unit, title="Ple municipal")
    html = client.get(item.get_absolute_url()).content.decode()
    related = html[html.index("Notícies relacionades") :]
    assert sibling.get_absolute_url() in related
    assert hidden.get_absolute_url() not in related
    assert unrelated.get_absolute_url() not in related
    assert item.get_absolute_url() not in related


def test_related_falls_back_to_the_same_unit(client, unit, other_unit):
    item = make_live_news(unit)
    same_unit = make_live_news(unit)
    elsewhere = make_live_news(other_unit)
    html = client.get(item.get_absolute_url()).content.decode()
    related = html[html.index("Notícies relacionades") :]
    assert same_unit.get_absolute_url() in related
    assert elsewhere.get_absolute_url() not in related


def test_unknown_slug_is_404(client, unit):
    assert client.get("/ca/noticies/no-existeix/").status_code == 404


# --- what the public must never see ---------------------------------------------------


def _hidden_variants(unit):
    now = timezone.now()
    return {
        "draft": make_live_news(unit, title="Zumzeig esborrany", status=Status.DRAFT, publish_at=None),
        "review": make_live_news(unit, title="Zumzeig revisio", status=Status.REVIEW, publish_at=None),
        "withdrawn": make_live_news(unit, title="Zumzeig retirada", status=Status.WITHDRAWN),
        "scheduled": make_live_news(unit, title="Zumzeig programada", publish_at=now + timedelta(hours=2)),
        "expired": make_live_news(unit, title="Zumzeig caducada", expire_at=now - timedelta(minutes=1)),
        "embargoed": make_live_news(
            unit,
            title="Zumzeig embargada",
            kind=Kind.PRESS_NOTE,
            embargo_until=now + timedelta(hours=3),
        ),
    }


@pytest.mark.parametrize("state", ["draft", "review", "withdrawn", "scheduled", "expired", "embargoed"])
def test_hidden_news_never_reach_the_public(client, unit, state):
    visible = make_live_news(unit, title="Zumzeig visible", kind=Kind.PRESS_NOTE)
    hidden = _hidden_variants(unit)[state]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(visible.get_absolute_url()).status_code == 200

    pages = {
        "list": LIST_URL,
        "home": "/ca/",
        "press room": reverse("news:press_room"),
        "search": "/ca/cerca/?q=Zumzeig",
        "rss": reverse("news:feed_rss"),
        "atom": reverse("news:feed_atom"),
        "kind rss": reverse("news:feed_kind_rss", kwargs={"kind": hidden.kind}),
        "sitemap": "/sitemap.xml",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        if name not in ("sitemap",):
            assert visible.title in content, f"{name} does not list the visible item"
        assert hidden.title not in content, f"{state} item shown on {name}"
        assert hidden.get_absolute_url() not in content, f"{state} item linked on {name}"


# --- press room ------------------------------------------------------------------------


def test_press_room_lists_visible_press_notes_with_contact_and_original_images(client, unit, settings):
    image = make_image(size=(2000, 1500))
    note = make_live_news(unit, title="Roda de premsa de l'alcaldessa", kind=Kind.PRESS_NOTE, image=image)
    communique = make_live_news(unit, title="Comunicat oficial", kind=Kind.COMMUNIQUE)
    draft = make_live_news(unit, title="Nota en preparació", kind=Kind.PRESS_NOTE, status=Status.DRAFT)
    response = client.get(reverse("news:press_room"))
    assert response.status_code == 200
    html = response.content.decode()
    assert note.title.replace("'", "&#x27;") in html
    assert communique.title not in html and draft.title not in html
    assert settings.PRESS_CONTACT["email"] in html and settings.PRESS_CONTACT["phone"] in html
    download = re.search(r'<a href="([^"]+)" download>(.*?)</a>', html, re.S)
    assert download, "no download link for the original image"
    assert download.group(1) == image.file.url
    assert "2000×1500" in download.group(2)


# --- alerts ------------------------------------------------------------------------------


def _alert(unit, title, severity, start, end=None, **fields):
    return make_live_news(
        unit,
        title=title,
        kind=Kind.NOTICE,
        is_alert=True,
        alert_severity=severity,
        alert_start=start,
        alert_end=end,
        **fields,
    )


def alert_titles(response) -> list[str]:
    """Titles of the alert banners, in page order (they come before the header)."""
    block = re.search(r'class="alerts"(.*?)<header', response.content.decode(), re.S)
    if not block:
        return []
    return [unescape(title) for title in re.findall(r'<a [^>]*href="[^"]+"[^>]*>([^<]+)</a>', block.group(1))]


def test_active_alerts_show_on_every_public_page_by_severity(client, unit):
    now = timezone.now()
    warning = _alert(unit, "Talls de trànsit", Severity.WARNING, now - timedelta(hours=2))
    critical = _alert(unit, "Tall d'aigua general", Severity.CRITICAL, now - timedelta(hours=1))
    info = _alert(unit, "Canvi d'horari", Severity.INFO, now - timedelta(hours=3))
    other = make_live_news(unit, title="Nova biblioteca")
    expected = [critical.title, warning.title, info.title]
    for url in [
        "/ca/",
        LIST_URL,
        other.get_absolute_url(),
        reverse("news:press_room"),
        "/ca/cerca/?q=biblioteca",
        "/es/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert alert_titles(response) == expected, url


def test_alert_window_follows_the_clock(client, unit):
    start = datetime(2026, 11, 26, 8, tzinfo=UTC)
    end = datetime(2026, 11, 26, 20, tzinfo=UTC)
    with time_machine.travel(start - timedelta(days=1), tick=False):
        alert = _alert(unit, "Tall d'aigua", Severity.CRITICAL, start, end)

    with time_machine.travel(start - timedelta(seconds=1), tick=False):
        assert alert_titles(client.get("/ca/")) == []
    with time_machine.travel(start, tick=False):
        assert alert_titles(client.get("/ca/")) == [alert.title]
    with time_machine.travel(end - timedelta(seconds=1), tick=False):
        assert alert_titles(client.get(LIST_URL)) == [alert.title]
    with time_machine.travel(end, tick=False):
        assert alert_titles(client.get("/ca/")) == []
        assert alert_titles(client.get(LIST_URL)) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.WITHDRAWN},
        {"expire_at_offset": -60},
        {"publish_at_offset": 3600},
    ],
)
def test_alerts_of_invisible_notices_are_not_shown(client, unit, fields):
    now = timezone.now()
    extra = {}
    if "status" in fields:
        extra["status"] = fields["status"]
    if "expire_at_offset" in fields:
        extra["expire_at"] = now + timedelta(seconds=fields["expire_at_offset"])
    if "publish_at_offset" in fields:
        extra["publish_at"] = now + timedelta(seconds=fields["publish_at_offset"])
    _alert(unit, "Alerta amagada", Severity.CRITICAL, now - timedelta(hours=2), **extra)
    assert alert_titles(client.get("/ca/")) == []


def test_a_notice_without_the_alert_flag_is_not_a_banner(client, unit):
    make_live_news(
        unit, title="Avís corrent", kind=Kind.NOTICE, alert_start=timezone.now() - timedelta(hours=1)
    )
    assert alert_titles(client.get("/ca/")) == []


# --- query counts do not grow with the number of items -------------------------------


def _populate(unit, count, image):
    for number in range(count):
        make_live_news(
            unit,
            kind=[Kind.PRESS_NOTE, Kind.COMMUNIQUE, Kind.NOTICE][number % 3],
            image=image if number % 2 else None,
            featured=number % 4 == 0,
            tags=["Festa major", f"Etiqueta {number}"],
        )


@pytest.mark.parametrize(
    "url_name",
    ["list", "list_filtered", "list_page_2", "detail", "home", "press_room", "rss", "atom", "tag_rss"],
)
def test_query_count_is_constant(client, unit, django_assert_max_num_queries, url_name):
    image = make_image()
    target = make_live_news(unit, title="Notícia principal", image=image, tags=["Festa major"])
    Attachment.objects.create(
        news=target, title="Bases", file=SimpleUploadedFile("bases.pdf", b"%PDF-1.4 bases")
    )
    urls = {
        "list": LIST_URL,
        "list_filtered": LIST_URL + "?kind=press&tag=festa-major&unit=comunicacio&q=notícia",
        "list_page_2": LIST_URL + "?page=2",
        "detail": target.get_absolute_url(),
        "home": "/ca/",
        "press_room": reverse("news:press_room"),
        "rss": reverse("news:feed_rss"),
        "atom": reverse("news:feed_atom"),
        "tag_rss": reverse("news:feed_tag_rss", kwargs={"tag": "festa-major"}),
    }
    counts = []
    # Page 2 needs more than a page of items to exist.
    for total in (25, 60) if url_name == "list_page_2" else (5, 40):
        _populate(unit, total - NewsItem.objects.count(), image)
        # Warm the process-wide caches (content types, translations) that a
        # first request fills whatever the number of items, then measure the
        # uncached page.
        client.get(urls[url_name])
        clear_cache()
        with django_assert_max_num_queries(10) as captured:
            response = client.get(urls[url_name])
        assert response.status_code == 200
        counts.append(len(captured))
    print(f"{url_name}: {counts} queries")
    assert counts[0] == counts[1], f"{url_name}: {counts[0]} queries, then {counts[1]} with more items"
