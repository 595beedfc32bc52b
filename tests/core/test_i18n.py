"""The Spanish interface is complete, compiled, and really served in Spanish.

The .po is parsed here with a small reader of msgctxt/msgid/msgstr blocks
(no polib dependency just for this)."""

import ast
import gettext
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from comunicacio.publishing import workflow
from tests.factories import make_news, make_unit, make_user

LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "es" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

MADRID = ZoneInfo("Europe/Madrid")
# A Thursday in November: both languages spell the month and weekday differently.
PUBLISHED_AT = datetime(2026, 11, 26, 10, 30, tzinfo=MADRID)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: context, msgid, plural, msgstr forms, flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line and not line.startswith("#~")]
        if not lines:
            continue
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set()}
        current = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if isinstance(current, tuple):
                    entry["msgstr"][current[1]] += text
                else:
                    entry[current] += text
            else:
                keyword, _, literal = line.partition(" ")
                text = ast.literal_eval(literal)
                plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                if plural_form:
                    current = ("msgstr", int(plural_form.group(1)))
                    entry["msgstr"][current[1]] = text
                elif keyword == "msgstr":
                    current = ("msgstr", 0)
                    entry["msgstr"][0] = text
                else:
                    current = keyword
                    entry[keyword] = text
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def messages(entries: list[dict]) -> list[dict]:
    return [entry for entry in entries if entry["msgid"] != ""]


def test_every_message_has_a_spanish_translation():
    entries = messages(parse_po(PO_FILE))
    assert len(entries) > 100  # the parser really read the catalogue
    untranslated = [e["msgid"] for e in entries if any(not s.strip() for s in e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [e for e in entries if e["msgid_plural"] is not None]
    assert plurals and all(sorted(e["msgstr"]) == [0, 1] for e in plurals)


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}|<\w+:\w+>")
    for entry in messages(parse_po(PO_FILE)):
        expected = sorted(placeholder.findall(entry["msgid_plural"] or entry["msgid"]))
        for text in entry["msgstr"].values():
            assert sorted(placeholder.findall(text)) == expected, entry["msgid"]


def test_url_slugs_are_plain_ascii_with_trailing_slash():
    urls = [e for e in parse_po(PO_FILE) if e["msgctxt"] == "url"]
    assert urls
    for entry in urls:
        slug = entry["msgstr"][0]
        assert slug.isascii() and slug == slug.lower() and " " not in slug, slug
        if entry["msgid"].endswith("/"):
            assert slug.endswith("/"), slug
        else:  # a file-like route (export.csv, calendari.ics) keeps its extension
            assert Path(slug).suffix == Path(entry["msgid"]).suffix != "", slug


def test_compiled_catalogue_matches_the_po():
    """Someone who edits the .po without recompiling ships the old .mo."""
    expected = {}
    for entry in messages(parse_po(PO_FILE)):
        key = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            for form, text in entry["msgstr"].items():
                expected[(key, form)] = text
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled = {key: value for key, value in compiled.items() if key != ""}
    assert compiled == expected


def test_spanish_plural_rule_is_used():
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.plural(1) == 0
    assert catalogue.plural(0) == catalogue.plural(2) == catalogue.plural(1_000_000) == 1


@pytest.fixture
def published_item(db):
    publisher = make_user("publisher")
    with time_machine.travel(PUBLISHED_AT, tick=False):
        item = make_news(title="Nova biblioteca al barri de l'Estació", unit=make_unit())
        workflow.perform(item, "publish", publisher)
    item.refresh_from_db()
    return item


def news_list_url(language: str) -> str:
    with translation.override(language):
        return reverse("news:list")


def detail_url(item, language: str) -> str:
    with translation.override(language):
        return item.get_absolute_url()


@pytest.mark.django_db
def test_news_urls_are_translated(client):
    assert news_list_url("ca") == "/ca/noticies/"
    assert news_list_url("es") == "/es/noticias/"
    assert client.get("/ca/noticies/").status_code == 200
    assert client.get("/es/noticias/").status_code == 200
    # Each language's slug belongs to that language only.
    assert client.get("/es/noticies/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/es/", "news_list"])
def test_spanish_pages_are_in_spanish(client, published_item, url):
    path = news_list_url("es") if url == "news_list" else url
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Noticias" in html
    assert "Sala de prensa" in html
    for catalan in ("Notícies", "Sala de premsa", "Salta al contingut"):
        assert catalan not in html


@pytest.mark.django_db
def test_catalan_page_switches_to_the_same_page_in_spanish(client, published_item):
    response = client.get(detail_url(published_item, "ca"))
    html = response.content.decode()
    assert '<html lang="ca">' in html
    spanish = detail_url(published_item, "es")
    assert spanish.startswith("/es/noticias/")
    assert re.search(rf'<a href="{re.escape(spanish)}" hreflang="es"', html)
    assert client.get(spanish).status_code == 200


@pytest.mark.django_db
def test_dates_are_written_in_the_page_language(client, published_item):
    catalan = client.get(detail_url(published_item, "ca")).content.decode()
    spanish = client.get(detail_url(published_item, "es")).content.decode()
    assert "dijous, 26 de novembre de 2026" in catalan
    assert "jueves, 26 de noviembre de 2026" in spanish
    assert "novembre" not in spanish
    assert "noviembre" not in catalan


def test_help_texts_with_numbers_follow_the_request_language():
    from django.utils import translation

    from agenda.models import Event
    from news.models import NewsItem

    for model in (NewsItem, Event):
        help_text = model._meta.get_field("summary").help_text
        with translation.override("ca"):
            catalan = str(help_text)
        with translation.override("es"):
            spanish = str(help_text)
        assert "300" in catalan and "300" in spanish
        assert catalan != spanish
