"""The search building block across content types: events get the same
search as news (accents, weights, typos), the page shows every type with
its own card, staff-only types are never searched, bad declarations are
refused, and the foundation migration tolerates existing databases."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.postgres.search import SearchQuery
from django.core import checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.models import Event
from comunicacio import pagecache, registry, search
from comunicacio.pages import SitePage
from comunicacio.publishing.models import Status
from comunicacio.registry import PUBLIC, STAFF, ContentSpec, SearchField, spec_named
from comunicacio.search import checks as search_checks
from comunicacio.search import postgres, text
from news.models import Kind, NewsItem
from tests.factories import local, make_event, make_unit

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)
ON_POSTGRES = connection.vendor == "postgresql"


def event_titles(query):
    return [event.title for event in search.search_spec(spec_named("agenda"), query)]


def news_titles(query):
    return [item.title for item in search.search_spec(spec_named("news"), query)]


def add_news(title, **fields):
    values = {
        "kind": Kind.PRESS_NOTE,
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=1),
        "unit": make_unit(),
        "summary": "Informació per als veïns.",
    }
    values.update(fields)
    return NewsItem.objects.create(title=title, **values)


def session(day, hour=18):
    return [(local(2026, 11, day, hour), local(2026, 11, day, hour + 2))]


# --- Events get the block's search ------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_an_unaccented_query_finds_an_event_about_informacio(client):
    make_event(title="Punt d'informació juvenil", sessions=session(25))
    make_event(title="Taller de ceràmica", summary="Modelem fang.", sessions=session(26))

    page = client.get(reverse("search"), {"q": "informacio"}).content.decode()
    assert "Punt d&#x27;informació juvenil" in page
    assert event_titles("informacio") == ["Punt d'informació juvenil"]
    assert event_titles("CERAMICA") == ["Taller de ceràmica"]


@time_machine.travel(NOW, tick=False)
def test_an_event_is_found_by_its_description_and_spanish_text():
    make_event(
        title="Concert de tardor",
        title_es="Concierto de otoño",
        description="<p>Amb la <strong>coral</strong> del barri.</p>",
        sessions=session(25),
    )

    assert event_titles("coral") == ["Concert de tardor"]
    assert event_titles("otoño") == ["Concert de tardor"]
    assert event_titles("strong") == []


@time_machine.travel(NOW, tick=False)
def test_a_title_match_ranks_before_a_description_match_then_soonest_first():
    make_event(
        title="Cinema a la fresca", description="<p>Sessió de circ per a infants.</p>", sessions=session(20)
    )
    make_event(title="Circ al carrer (dijous)", sessions=session(26))
    make_event(title="Circ al carrer (dimarts)", sessions=session(24))

    assert event_titles("circ") == [
        "Circ al carrer (dimarts)",
        "Circ al carrer (dijous)",
        "Cinema a la fresca",
    ]


@time_machine.travel(NOW, tick=False)
def test_hidden_events_are_never_found():
    make_event(title="Taller de robòtica", status=Status.DRAFT, sessions=session(25))
    make_event(title="Taller de robòtica avançada", publish_at=NOW + timedelta(days=1), sessions=session(25))

    assert event_titles("robotica") == []


# --- Typo tolerance ------------------------------------------------------------


def test_a_typo_in_a_word_of_the_title_still_finds_the_item():
    add_news("Tancament de la piscina municipal per obres")
    add_news("Nova biblioteca al barri de Sant Pere")

    assert news_titles("piscna") == ["Tancament de la piscina municipal per obres"]
    assert news_titles("bibloteca sant") == ["Nova biblioteca al barri de Sant Pere"]


def test_typo_tolerance_still_needs_every_word():
    add_news("Pressupost participatiu obert")

    assert news_titles("presupost") == ["Pressupost participatiu obert"]
    assert news_titles("presupost secret") == []
    assert news_titles("xyzw") == []


@time_machine.travel(NOW, tick=False)
def test_a_typo_finds_an_event_too():
    make_event(title="Taller de ceràmica", sessions=session(25))

    assert event_titles("ceramca") == ["Taller de ceràmica"]


def test_word_similarity_measures_the_share_of_the_words_trigrams():
    assert text.word_similarity("piscna", "tancament de la piscina") > postgres.TYPO_THRESHOLD
    assert text.word_similarity("piscina", "la piscina") == 1.0
    assert text.word_similarity("secret", "pressupost participatiu obert") < postgres.TYPO_THRESHOLD
    assert text.typo_words("platja -gossos de 50% platja vora-mar") == ["platja", "vora", "mar"]


# --- The page ------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_news_and_events_each_with_its_own_card(client):
    add_news("Festa major: programa", publish_at=NOW - timedelta(hours=1))
    make_event(title="Festa major: correfoc", sessions=session(25))

    response = client.get(reverse("search"), {"q": "festa major"})

    assert response.status_code == 200
    html = response.content.decode()
    assert [section.name for section in response.context["sections"]] == ["news", "agenda"]
    assert html.count('<article class="card">') == 1  # the news card
    assert html.count('<article class="card event-card">') == 1  # the agenda card
    assert "Festa major: programa" in html and "Festa major: correfoc" in html
    assert "2 resultats per a «festa major»" in html


@time_machine.travel(NOW, tick=False)
def test_the_page_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    make_event(title="Mercat d'intercanvi 0", sessions=session(25))
    pagecache.purge()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search"), {"q": "intercanvi"})

    for number in range(1, 12):
        make_event(title=f"Mercat d'intercanvi {number}", sessions=session(20 + number % 8))
    pagecache.purge()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("search"), {"q": "intercanvi"})
    assert response.content.decode().count("Mercat d&#x27;intercanvi") == 12


# --- Audience and declarations ------------------------------------------------


def _pages_spec(audience, fields=None):
    fields = fields or (SearchField("title", "A"),)
    return ContentSpec(
        model=SitePage,
        name="pages",
        audience=audience,
        listing=lambda: SitePage.objects.order_by("title"),
        search_fields=fields,
        card_template="news/_card.html",
    )


@pytest.mark.parametrize("audience, searched", [(STAFF, False), (PUBLIC, True)])
def test_a_staff_only_type_is_never_searched(monkeypatch, audience, searched):
    monkeypatch.setitem(registry._specs, "comunicacio.sitepage", _pages_spec(audience))
    SitePage.objects.create(slug="intranet-normativa", title="Normativa interna de vacances", body="<p>.</p>")

    results = search.search_all("vacances")

    assert ("pages" in results) is searched
    assert [page.title for page in results.get("pages", [])] == (
        ["Normativa interna de vacances"] if searched else []
    )


def test_the_checks_refuse_an_unknown_search_field(monkeypatch):
    monkeypatch.setitem(
        registry._specs,
        "comunicacio.sitepage",
        _pages_spec(
            PUBLIC, (SearchField("title", "A"), SearchField("subtitle", "B"), SearchField("body", "E"))
        ),
    )

    errors = search_checks.search_declarations()

    messages = [error.msg for error in errors]
    assert "comunicacio.sitepage: unknown search field 'subtitle'." in messages
    assert any("has weight 'E'" in message for message in messages), messages
    assert all(error.id == "comunicacio.E101" for error in errors)


def test_the_registered_types_pass_the_checks():
    assert search_checks.search_declarations() == []
    assert search_checks.search_declarations in checks.registry.registry.get_checks()


# --- PostgreSQL: stored documents and the foundation migration -----------------


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="stored documents exist only on PostgreSQL")
@time_machine.travel(NOW, tick=False)
def test_editing_an_event_updates_what_it_is_found_by():
    event = make_event(title="Concurs de fotografia", sessions=session(25))
    assert event_titles("fotografia") == ["Concurs de fotografia"]

    event.title = "Concurs de pintura"
    event.save()

    assert event_titles("fotografia") == []
    assert event_titles("pintura") == ["Concurs de pintura"]
    assert Event.objects.filter(search_vector=SearchQuery("pintura", config="comunicacio_ca")).count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="the configurations exist only on PostgreSQL")
@pytest.mark.parametrize("existing", [True, False], ids=["existing-database", "fresh-database"])
def test_the_foundation_migration_tolerates_existing_and_missing_configurations(existing):
    migration = importlib.import_module("comunicacio.migrations.0006_search")
    with connection.cursor() as cursor:
        if not existing:
            # DDL is transactional: the test's rollback restores them.
            cursor.execute("DROP TEXT SEARCH CONFIGURATION comunicacio_ca")
            cursor.execute("DROP TEXT SEARCH CONFIGURATION comunicacio_es")
    with connection.schema_editor(atomic=False) as editor:
        migration.create_search(None, editor)
        migration.create_search(None, editor)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('comunicacio_ca', 'Informació'), to_tsvector('comunicacio_es', 'Información')"
        )
        catalan, spanish = cursor.fetchone()
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1")
        extensions = [row[0] for row in cursor.fetchall()]
    assert catalan == "'informac':1"  # unaccented, then stemmed
    assert spanish == "'informacion':1"
    assert extensions == ["pg_trgm", "unaccent"]
