"""Site search over published news (the search building block,
``comunicacio.search``, reading news's declared fields).

Most tests run on both databases (full-text search on PostgreSQL, the
fallback on SQLite); those marked ``postgres`` test what only the full-text
index offers (stemming, websearch syntax, the GIN index) and are skipped on
SQLite only.
"""

import io
import itertools
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from PIL import Image as PILImage

from comunicacio import pagecache, search
from comunicacio.publishing.models import Status
from comunicacio.registry import spec_named
from comunicacio.search import postgres
from comunicacio.search.fields import resolved
from news.models import Kind, NewsItem

_numbers = itertools.count(1)

ON_POSTGRES = connection.vendor == "postgresql"


def postgres_only(test):
    return pytest.mark.postgres(
        pytest.mark.skipif(not ON_POSTGRES, reason="full-text search needs PostgreSQL")(test)
    )


def sqlite_only(test):
    return pytest.mark.sqlite(pytest.mark.skipif(ON_POSTGRES, reason="tests the SQLite fallback")(test))


@pytest.fixture
def search_unit(db):
    from comunicacio.organisation import Unit

    number = next(_numbers)
    return Unit.objects.create(name=f"Àrea de Territori {number}", slug=f"territori-cerca-{number}")


@pytest.fixture
def add_news(search_unit):
    """Create a news item, visible an hour ago unless told otherwise."""

    def add(
        title, summary="Informació municipal per als veïns.", body="<p>Text de la notícia.</p>", **fields
    ):
        values = {
            "kind": Kind.PRESS_NOTE,
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(hours=1),
            "unit": search_unit,
        }
        values.update(fields)
        return NewsItem.objects.create(title=title, summary=summary, body=body, **values)

    return add


def small_image():
    from comunicacio.media import Image

    out = io.BytesIO()
    PILImage.new("RGB", (640, 400), (30, 90, 160)).save(out, "JPEG")
    upload = SimpleUploadedFile("residus.jpg", out.getvalue(), content_type="image/jpeg")
    return Image.objects.create(file=upload, alt_text="Contenidors al carrer", credit="Foto: Ajuntament")


def search_page(client, query):
    return client.get(reverse("search"), {"q": query})


def search_news(query, limit=20):
    return search.search_spec(spec_named("news"), query, limit)


def titles(query, limit=20):
    return [item.title for item in search_news(query, limit)]


# --- What a citizen finds --------------------------------------------------


def test_finds_a_published_item_by_a_word_of_its_title(client, add_news):
    add_news("Tancament de la piscina municipal per obres")
    add_news("Nova biblioteca al barri de Sant Pere")

    response = search_page(client, "piscina")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tancament de la piscina municipal per obres" in content
    assert "Nova biblioteca" not in content


def test_finds_words_in_the_summary_and_in_the_body_text(add_news):
    add_news("Avís de trànsit", summary="Talls a la ronda nord durant el cap de setmana.")
    add_news("Festa major", body="<p>El <strong>correfoc</strong> sortirà de la plaça.</p>")

    assert titles("ronda") == ["Avís de trànsit"]
    assert titles("correfoc") == ["Festa major"]


def test_every_word_of_the_query_must_match(add_news):
    add_news("Obres a la platja de llevant")
    add_news("Neteja de la platja de ponent")

    assert titles("platja llevant") == ["Obres a la platja de llevant"]
    assert sorted(titles("platja")) == ["Neteja de la platja de ponent", "Obres a la platja de llevant"]


def test_search_ignores_case_and_accents(add_news):
    add_news("Platja del Racó", summary="Nou punt d'INFORMACIÓ turística al passeig.")

    assert titles("platja") == ["Platja del Racó"]
    assert titles("PLATJA raco") == ["Platja del Racó"]
    assert titles("informacio") == ["Platja del Racó"]
    assert titles("informació turistica") == ["Platja del Racó"]


def test_finds_items_by_their_spanish_translation(add_news):
    add_news(
        "Campanya de vacunació",
        title_es="Campaña de vacunación",
        summary="Vacunes per a la gent gran.",
        summary_es="Vacunas para la gente mayor.",
    )

    assert titles("campaña") == ["Campanya de vacunació"]
    assert titles("vacunas mayor") == ["Campanya de vacunació"]


def test_a_title_match_ranks_before_a_body_match_even_if_older(add_news):
    now = timezone.now()
    add_news(
        "Agenda cultural de la setmana",
        body="<p>Diumenge, concert de la banda al parc.</p>",
        publish_at=now - timedelta(hours=1),
    )
    add_news("Concert de la banda municipal", publish_at=now - timedelta(days=20))

    assert titles("concert") == ["Concert de la banda municipal", "Agenda cultural de la setmana"]


def test_equally_relevant_items_are_ordered_newest_first(add_news):
    now = timezone.now()
    for days, label in ((5, "antic"), (1, "recent"), (3, "mitjà")):
        add_news(f"Ple municipal ({label})", publish_at=now - timedelta(days=days))

    assert titles("ple municipal") == [
        "Ple municipal (recent)",
        "Ple municipal (mitjà)",
        "Ple municipal (antic)",
    ]


def test_html_markup_in_the_body_is_not_searchable(add_news):
    add_news("Concert", body='<p><strong>Entrada</strong> lliure, <a href="/ca/agenda/">agenda</a>.</p>')

    assert titles("strong") == []
    assert titles("href") == []
    assert titles("entrada lliure") == ["Concert"]


def test_the_limit_caps_the_number_of_results(add_news):
    for number in range(5):
        add_news(f"Mercat setmanal {number}")

    assert len(search_news("mercat", limit=3)) == 3


def test_the_results_page_shows_the_unit_and_the_translation(client, add_news):
    add_news("Horari d'estiu de l'oficina", title_es="Horario de verano de la oficina")

    with override("es"):
        response = client.get(reverse("search"), {"q": "horario"})

    assert response.status_code == 200
    assert "Horario de verano de la oficina" in response.content.decode()


# --- What a citizen must never find ---------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        pytest.param({"status": Status.DRAFT}, id="draft"),
        pytest.param({"status": Status.REVIEW}, id="in-review"),
        pytest.param({"status": Status.WITHDRAWN}, id="withdrawn"),
        pytest.param({"publish_at_offset": timedelta(hours=2)}, id="scheduled-in-the-future"),
        pytest.param({"expire_at_offset": -timedelta(minutes=5)}, id="expired"),
        pytest.param({"embargo_until_offset": timedelta(hours=3)}, id="embargoed-press-note"),
    ],
)
def test_non_visible_news_never_appear_in_results(client, add_news, hidden):
    now = timezone.now()
    fields = {}
    if "status" in hidden:
        fields["status"] = hidden["status"]
    if "publish_at_offset" in hidden:
        fields["publish_at"] = now + hidden["publish_at_offset"]
    if "expire_at_offset" in hidden:
        fields["expire_at"] = now + hidden["expire_at_offset"]
    if "embargo_until_offset" in hidden:
        fields["embargo_until"] = now + hidden["embargo_until_offset"]
    add_news("Pressupost secret de l'esdeveniment", **fields)
    add_news("Pressupost participatiu obert")

    response = search_page(client, "pressupost")

    content = response.content.decode()
    assert "Pressupost participatiu obert" in content
    assert "secret" not in content
    assert titles("pressupost secret") == []


def test_an_embargoed_press_note_appears_once_the_embargo_lifts(client, add_news):
    lifts_at = timezone.now() + timedelta(hours=3)
    add_news("Adjudicació del nou pavelló", embargo_until=lifts_at)

    assert titles("pavelló") == []
    with time_machine.travel(lifts_at + timedelta(seconds=1)):
        pagecache.purge()
        response = search_page(client, "pavello")
    assert "Adjudicació del nou pavelló" in response.content.decode()


def test_a_scheduled_item_appears_at_its_publication_time(add_news):
    publish_at = timezone.now() + timedelta(minutes=30)
    add_news("Inauguració de la plaça major", publish_at=publish_at)

    assert titles("inauguració") == []
    with time_machine.travel(publish_at):
        assert titles("inauguració") == ["Inauguració de la plaça major"]


# --- Bad input --------------------------------------------------------------


def test_an_empty_query_shows_the_form_and_no_results(client, add_news):
    add_news("Qualsevol notícia publicada")

    for query in ("", "   "):
        response = search_page(client, query)
        assert response.status_code == 200
        assert 'role="search"' in response.content.decode()
        assert 'name="q"' in response.content.decode()
        assert response.context["results"] == {}


def test_a_query_over_200_characters_is_refused_with_a_clear_message(client, add_news):
    add_news("Notícia qualsevol")

    response = search_page(client, "a" * 201)

    assert response.status_code == 400
    assert "La cerca és massa llarga (màxim 200 caràcters)." in response.content.decode()
    assert search_page(client, "a" * 200).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "&|!():*'\"<>",
        'platja "sense tancar',
        "platja & | ! ( ) : * ' <>",
        "platja)(",
        "!!platja",
        "platja:*",
        "'platja'",
        "-",
        '"',
        "or",
        "platja\x00",
        "\x00",
        "<script>alert(1)</script>",
        "100% _ \\",
    ],
)
def test_odd_characters_in_the_query_never_cause_an_error(client, add_news, query):
    add_news("Platja neta")

    response = search_page(client, query)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode().split("</header>", 1)[-1]


def test_like_wildcards_in_the_query_match_literally(add_news):
    add_news("Descompte del 50% al bus urbà")
    add_news("Bus nocturn de festa major")

    assert titles("50% bus") == ["Descompte del 50% al bus urbà"]


# --- Cost ---------------------------------------------------------------------


def test_the_search_page_query_count_does_not_grow_with_results(
    client, add_news, search_unit, django_assert_max_num_queries
):
    from comunicacio.organisation import Unit

    image = small_image()
    add_news("Recollida de residus voluminosos", image=image)
    pagecache.purge()
    with CaptureQueriesContext(connection) as few:
        response = search_page(client, "residus")
    assert response.content.decode().count("Recollida de residus") == 1

    for number in range(15):
        unit = Unit.objects.create(name=f"Servei {number}", slug=f"servei-residus-{number}")
        add_news(f"Residus al barri {number}", image=image if number % 2 else None, unit=unit)
    pagecache.purge()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = search_page(client, "residus")
    assert response.content.decode().count("Residus al barri") == 15


# --- PostgreSQL full-text search ----------------------------------------------


@postgres_only
def test_stemming_finds_other_forms_of_a_word(add_news):
    add_news("Una obra nova al teatre municipal")
    add_news("Les escoles amplien l'horari")

    assert titles("obres") == ["Una obra nova al teatre municipal"]
    assert titles("escola") == ["Les escoles amplien l'horari"]


@postgres_only
def test_websearch_syntax_phrases_and_exclusions(add_news):
    add_news("Platja neta de plàstics")
    add_news("Gossos a la platja a l'hivern")

    assert titles("platja -gossos") == ["Platja neta de plàstics"]
    assert titles('"platja neta"') == ["Platja neta de plàstics"]
    assert sorted(titles("plastics or gossos")) == [
        "Gossos a la platja a l'hivern",
        "Platja neta de plàstics",
    ]


@postgres_only
def test_editing_an_item_updates_what_it_is_found_by(add_news):
    item = add_news("Concurs de fotografia")
    assert titles("fotografia") == ["Concurs de fotografia"]

    item.title = "Concurs de pintura"
    item.save()

    assert titles("fotografia") == []
    assert titles("pintura") == ["Concurs de pintura"]


@postgres_only
def test_save_refreshes_the_vector_in_one_update(add_news):
    item = add_news("Concurs de dibuix")
    with CaptureQueriesContext(connection) as queries:
        search.refresh(item)
    assert len(queries.captured_queries) == 1
    assert queries.captured_queries[0]["sql"].startswith("UPDATE")


@postgres_only
def test_rebuild_makes_bulk_loaded_items_findable(add_news, search_unit):
    add_news("Fira de Sant Ponç")
    NewsItem.objects.update(search_vector=None)
    # In the summary: a title is also found by typo tolerance, which reads
    # the column itself rather than the stored document.
    NewsItem.objects.filter(title="Fira de Sant Ponç").update(summary="Parades de la Candelera.")
    assert titles("candelera") == []

    with CaptureQueriesContext(connection) as queries:
        updated = search.rebuild(NewsItem)

    assert updated == 1
    assert len(queries.captured_queries) == 1
    assert titles("candelera") == ["Fira de Sant Ponç"]


@postgres_only
def test_rebuild_search_index_command(add_news, capsys):
    add_news("Cursa popular")
    NewsItem.objects.update(search_vector=None)

    call_command("rebuild_search_index")

    assert "1" in capsys.readouterr().out
    assert titles("cursa") == ["Cursa popular"]


@postgres_only
def test_the_search_uses_the_gin_index(search_unit):
    now = timezone.now()
    words = ["pressupost", "carrer", "escola", "mercat", "festa", "parc", "biblioteca", "policia"]
    NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Notícia {number} sobre {words[number % len(words)]}",
            slug=f"noticia-explain-{number}",
            summary=f"Resum de la {words[(number * 3) % len(words)]} del barri.",
            body=f"<p>El {words[(number * 5) % len(words)]} i la {words[(number * 7) % len(words)]}.</p>",
            unit=search_unit,
            status=Status.PUBLISHED,
            publish_at=now - timedelta(minutes=number),
        )
        for number in range(4000)
    )
    NewsItem.objects.create(
        title="Trobada d'escacs a la plaça",
        summary="Torneig obert.",
        unit=search_unit,
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
    )
    search.rebuild(NewsItem)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_newsitem")

    spec = spec_named("news")
    query = postgres.full_text(spec.listing(), resolved(spec), "escacs", ("-publish_at", "-pk"))
    plan = query[:20].explain()

    assert "news_newsitem_search_gin" in plan, plan
    assert [item.title for item in query[:20]] == ["Trobada d'escacs a la plaça"]


@postgres_only
def test_a_typo_is_looked_up_in_the_trigram_index(search_unit):
    now = timezone.now()
    words = ["pressupost", "carrer", "escola", "mercat", "festa", "parc", "biblioteca", "policia"]
    NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Notícia {number} sobre {words[number % len(words)]}",
            slug=f"noticia-typo-{number}",
            summary="Resum.",
            unit=search_unit,
            status=Status.PUBLISHED,
            publish_at=now - timedelta(minutes=number),
        )
        for number in range(4000)
    )
    NewsItem.objects.create(
        title="Trobada d'escacs a la plaça",
        summary="Torneig obert.",
        unit=search_unit,
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_newsitem")

    spec = spec_named("news")
    query = postgres.similar(spec.listing(), resolved(spec), "escaks", ("-publish_at", "-pk"))
    plan = query[:20].explain()

    assert "news_newsitem_title_trgm" in plan, plan
    assert [item.title for item in query[:20]] == ["Trobada d'escacs a la plaça"]


@postgres_only
def test_broad_queries_rank_only_the_newest_matches(add_news, monkeypatch):
    monkeypatch.setattr(postgres, "SEARCH_CANDIDATES", 3)
    now = timezone.now()
    add_news("Reciclatge a l'escola", publish_at=now - timedelta(days=30))
    add_news("Agenda", body="<p>Taller de reciclatge.</p>", publish_at=now - timedelta(days=1))
    add_news("Reciclatge de piles", publish_at=now - timedelta(days=2))
    add_news("Mercat", body="<p>Punt de reciclatge.</p>", publish_at=now - timedelta(days=3))

    assert titles("reciclatge") == ["Reciclatge de piles", "Agenda", "Mercat"]


# --- SQLite fallback --------------------------------------------------------------


@sqlite_only
def test_rebuild_is_a_no_op_without_postgres(add_news, capsys):
    add_news("Cursa popular")

    assert search.rebuild(NewsItem) == 0
    call_command("rebuild_search_index")
    assert "PostgreSQL" in capsys.readouterr().out
    assert titles("cursa") == ["Cursa popular"]
