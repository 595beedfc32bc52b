"""Content shown in Catalan on the Spanish site is never silent: it carries
lang="ca" (WCAG 3.1.2, language of parts) and a discreet "en catalán" label;
translated content carries neither, and the Catalan site never shows the
label. Feeds mark such entries with xml:lang."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from comunicacio.pages import SitePage
from news.models import Kind, Severity
from tests.factories import make_event, make_live_news

pytestmark = pytest.mark.django_db

NOTE = '<span class="lang-note">en catalán</span>'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def url(name, language, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="contingut"') : html.index("</main>")]


@pytest.fixture
def untranslated(unit):
    return make_live_news(
        unit,
        title="Tall de llum al barri de l'Estació",
        summary="Dimarts al matí no hi haurà subministrament elèctric.",
        body="<p>Els operaris de la companyia treballaran de 8 a 12 h.</p>",
    )


@pytest.fixture
def translated(unit):
    unit.name_es = "Área de Comunicación"
    unit.save()
    return make_live_news(
        unit,
        title="Nova biblioteca a l'Estació",
        title_es="Nueva biblioteca en la Estación",
        summary="Obre dilluns amb deu mil llibres.",
        summary_es="Abre el lunes con diez mil libros.",
        body="<p>Horari de dilluns a dissabte.</p>",
        body_es="<p>Horario de lunes a sábado.</p>",
    )


class TestDetailPage:
    def test_an_untranslated_item_is_marked_catalan_and_labelled_once(self, client, untranslated):
        html = main(client.get(url("news:detail", "es", slug=untranslated.slug)))

        title = escape(untranslated.title)
        assert f'<h1><span lang="ca">{title}</span> {NOTE}</h1>' in html
        assert f'<p class="summary" lang="ca">{untranslated.summary}</p>' in html
        assert '<div class="body" lang="ca"><p>Els operaris' in html
        assert html.count(NOTE) == 1  # the title's label speaks for the summary and body

    def test_a_translated_item_has_no_catalan_markup(self, client, translated):
        html = main(client.get(url("news:detail", "es", slug=translated.slug)))

        assert "Nueva biblioteca en la Estación" in html
        assert 'lang="ca"' not in html and "lang-note" not in html

    def test_a_missing_summary_translation_is_marked_and_labelled_on_its_own(self, client, unit):
        item = make_live_news(
            unit, title="Obres al pont", title_es="Obras en el puente", summary="Es tallarà el pont."
        )

        html = main(client.get(url("news:detail", "es", slug=item.slug)))

        assert "<h1>Obras en el puente</h1>" in html
        assert f'<p class="summary" lang="ca">Es tallarà el pont.</p> {NOTE}' in html
        assert html.count(NOTE) == 1

    def test_the_catalan_site_never_shows_the_label(self, client, untranslated):
        html = main(client.get(url("news:detail", "ca", slug=untranslated.slug)))

        assert "lang-note" not in html and 'lang="ca"' not in html
        assert "en catalán" not in html and "en català" not in html


class TestListsAndCards:
    def test_news_cards_on_the_list_home_and_search(self, client, untranslated, translated):
        pages = [
            url("news:list", "es"),
            url("home", "es"),
            url("news:press_room", "es"),
            url("search", "es") + "?q=Estació",
        ]
        for page in pages:
            html = main(client.get(page))
            title = re.escape(escape(untranslated.title))
            assert re.search(rf'<a href="[^"]+" lang="ca">{title}</a> {re.escape(NOTE)}', html), page
            assert f'<p lang="ca">{untranslated.summary}</p>' in html, page
            assert re.search(r'<a href="[^"]+">Nueva biblioteca en la Estación</a></h3>', html), page
            assert html.count(NOTE) == 1, page

    def test_catalan_cards_carry_no_label(self, client, untranslated):
        for page in (url("news:list", "ca"), url("home", "ca")):
            assert "lang-note" not in client.get(page).content.decode(), page

    def test_the_spanish_alert_banner(self, client, unit):
        make_live_news(
            unit,
            kind=Kind.NOTICE,
            title="Tall d'aigua general",
            is_alert=True,
            alert_severity=Severity.CRITICAL,
            alert_start=timezone.now() - timedelta(minutes=5),
        )
        html = client.get(url("home", "es")).content.decode()
        banner = html[html.index('class="alerts"') : html.index("<header")]
        title = "Tall d&#x27;aigua general"
        assert re.search(rf'{NOTE} <a class="alert-title" href="[^"]+" lang="ca">{title}</a>', banner)

    def test_agenda_card_and_event_page(self, client):
        event = make_event(title="Concert de Nadal", summary="Coral i orquestra a la plaça.")
        html = main(client.get(url("agenda:detail", "es", slug=event.slug)))
        assert f'<h1><span lang="ca">Concert de Nadal</span> {NOTE}</h1>' in html
        assert '<p class="summary" lang="ca">Coral i orquestra a la plaça.</p>' in html

        translated = make_event(
            title="Cinema a la fresca", title_es="Cine al aire libre", summary_es="Película."
        )
        html = main(client.get(url("agenda:detail", "es", slug=translated.slug)))
        assert "<h1>Cine al aire libre</h1>" in html and "lang-note" not in html

    def test_a_site_page_and_its_footer_link(self, client):
        page = SitePage.objects.create(
            title="Avís legal", slug="avis-legal", body="<p>Text legal.</p>", show_in_footer=True
        )
        response = client.get(url("site_page", "es", slug=page.slug))
        html = response.content.decode()
        assert f'<h1><span lang="ca">Avís legal</span> {NOTE}</h1>' in html
        assert re.search(r'<a href="[^"]+" lang="ca">Avís legal</a>', html[html.index("<footer") :])


class TestFeeds:
    def entries(self, client, name, language) -> dict[str, str | None]:
        root = ET.fromstring(client.get(url(name, language)).content)
        tags = ("{http://www.w3.org/2005/Atom}entry", "item")
        found = {}
        for entry in root.iter():
            if entry.tag in tags:
                title = entry.find("{http://www.w3.org/2005/Atom}title")
                title = title if title is not None else entry.find("title")
                found[title.text] = entry.get(XML_LANG)
        return found

    @pytest.mark.parametrize("feed", ["news:feed_atom", "news:feed_rss"])
    def test_spanish_feed_entries_in_catalan_say_so(self, client, untranslated, translated, feed):
        assert self.entries(client, feed, "es") == {
            untranslated.title: "ca",
            "Nueva biblioteca en la Estación": None,
        }
        assert set(self.entries(client, feed, "ca").values()) == {None}

    def test_agenda_feed(self, client):
        make_event(title="Concert de Nadal", sessions=[(timezone.now() + timedelta(days=2),) * 2])
        languages = set(self.entries(client, "agenda:feed_atom", "es").values())
        assert languages == {"ca"}
