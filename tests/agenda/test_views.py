"""The public agenda as a citizen sees it."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.http import QueryDict

from agenda import listing
from agenda.filters import AgendaFilter
from agenda.models import Category, Event, EventStatus, Frequency, Occurrence, Status
from agenda.recurrence import edit_occurrence
from comunicacio import pagecache
from tests.factories import local, make_event, make_venue
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db

LIST_URL = "/ca/agenda/"
# Wednesday 18 November 2026, 10:00 in Vilanova.
NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def agenda(db):
    """A small agenda around NOW."""
    with time_machine.travel(NOW, tick=False):
        park = make_venue("Parc de la Riera", accessibility="Camins plans.")
        return {
            "concert": make_event(
                title="Concert de tardor",
                category=Category.CULTURE,
                is_free=False,
                price_text="5 €",
                sessions=[(local(2026, 11, 21, 19), local(2026, 11, 21, 21))],
                audiences=["tots-els-publics"],
            ),
            "taller": make_event(
                title="Taller de contes en família",
                category=Category.CHILDHOOD,
                accessible=True,
                sessions=[(local(2026, 11, 22, 11), local(2026, 11, 22, 12, 30))],
                audiences=["families", "infants"],
                venue=park,
            ),
            "caminada": make_event(
                title="Caminada popular",
                category=Category.SPORTS,
                sessions=[(local(2026, 11, 18, 17), local(2026, 11, 18, 19))],
                audiences=["families"],
                venue=park,
            ),
            "passat": make_event(
                title="Fira de bolets",
                category=Category.FESTIVITIES,
                sessions=[(local(2026, 11, 1), local(2026, 11, 1), True)],
            ),
            "draft": make_event(
                title="Activitat en esborrany",
                status=Status.DRAFT,
                sessions=[(local(2026, 11, 21, 10), local(2026, 11, 21, 11))],
            ),
            "mes-vinent": make_event(
                title="Mercat de Nadal",
                category=Category.FESTIVITIES,
                sessions=[(local(2026, 12, 12), local(2026, 12, 13), True)],
            ),
        }


def titles(response) -> set[str]:
    return set(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html(response)))


@time_machine.travel(NOW, tick=False)
def test_default_list_shows_upcoming_visible_events_soonest_first(client, agenda):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = html(response)
    assert titles(response) == {
        "Concert de tardor",
        "Taller de contes en família",
        "Caminada popular",
        "Mercat de Nadal",
    }
    assert page.index("Caminada popular") < page.index("Concert de tardor") < page.index("Mercat de Nadal")


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "query, expected",
    [
        ("quan=avui", {"Caminada popular"}),
        ("quan=cap-de-setmana", {"Concert de tardor", "Taller de contes en família"}),
        ("quan=propers-7-dies", {"Concert de tardor", "Taller de contes en família", "Caminada popular"}),
        ("quan=aquest-mes", {"Concert de tardor", "Taller de contes en família", "Caminada popular"}),
        ("quan=passats", {"Fira de bolets"}),
        ("desde=2026-11-01&fins=2026-11-21", {"Fira de bolets", "Caminada popular", "Concert de tardor"}),
        ("categoria=esports", {"Caminada popular"}),
        ("public=families", {"Taller de contes en família", "Caminada popular"}),
        ("gratuit=on", {"Taller de contes en família", "Caminada popular", "Mercat de Nadal"}),
        ("accessible=on", {"Taller de contes en família"}),
        ("q=CONTES família", {"Taller de contes en família"}),
        ("quan=cap-de-setmana&gratuit=on&public=families", {"Taller de contes en família"}),
    ],
)
def test_filters(client, agenda, query, expected):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@time_machine.travel(NOW, tick=False)
def test_filter_by_venue(client, agenda):
    venue = agenda["taller"].venue
    response = client.get(f"{LIST_URL}?espai={venue.pk}")
    assert titles(response) == {"Taller de contes en família", "Caminada popular"}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "query, message",
    [
        ("desde=2026-02-31", "Des del"),
        ("desde=2026-12-01&fins=2026-11-01", "és anterior a la inicial"),
        ("categoria=astrologia", "Categoria"),
        ("public=marcians", "Públic"),
        ("quan=dema-passat", "Quan"),
        ("color=blau", "Filtres desconeguts: color"),
        ("quan=avui&desde=2026-11-01", "no tots dos"),
    ],
)
def test_bad_filters_get_a_clear_message(client, agenda, query, message):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 400
    page = html(response)
    assert 'role="alert"' in page
    assert message in page.replace("&#x27;", "'")


@time_machine.travel(NOW, tick=False)
def test_bad_page_number_is_404(client, agenda):
    assert client.get(f"{LIST_URL}?page=abc").status_code == 404
    assert client.get(f"{LIST_URL}?page=99").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_event_page(client, agenda):
    event = agenda["taller"]
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = html(response)
    assert "Parc de la Riera" in page
    assert "https://www.openstreetmap.org/?mlat=41.224100&amp;mlon=1.725300#map=17/41.224100/1.725300" in page
    assert f'href="/ca/agenda/activitat/{event.slug}/calendari.ics"' in page
    assert "Afegeix al calendari" in page
    assert "https://bsky.app/intent/compose?text=" in page
    assert "<script src" not in page and "<iframe" not in page
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert data["location"]["name"] == "Parc de la Riera"
    assert data["startDate"].startswith("2026-11-22T11:00:00+01:00") or data["startDate"].startswith(
        "2026-11-22T10:00:00"
    )
    assert data["organizer"]["name"] == "Associació de veïns"


@time_machine.travel(NOW, tick=False)
def test_rescheduled_and_cancelled_events_say_so(client, agenda):
    concert = agenda["concert"]
    concert.event_status = EventStatus.RESCHEDULED
    concert.previous_start = local(2026, 11, 14, 19)
    concert.save()
    page = html(client.get(concert.get_absolute_url()))
    assert "Reprogramat" in page and "14 de novembre de 2026" in page
    data = json_ld(client.get(concert.get_absolute_url() + "?x"))
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"].startswith("2026-11-14T")

    taller = agenda["taller"]
    taller.event_status = EventStatus.CANCELLED
    taller.save()
    assert "Cancel·lat" in html(client.get(taller.get_absolute_url()))
    assert (
        json_ld(client.get(taller.get_absolute_url()))["eventStatus"] == "https://schema.org/EventCancelled"
    )
    # Still listed, marked cancelled, so that nobody turns up.
    listing = html(client.get(LIST_URL))
    assert "event-card--cancelled" in listing


@time_machine.travel(NOW, tick=False)
def test_drafts_are_not_public(client, agenda):
    assert client.get(agenda["draft"].get_absolute_url()).status_code == 404
    assert "Activitat en esborrany" not in html(client.get("/ca/agenda/calendari/2026/11/"))
    assert "Activitat en esborrany" not in html(client.get("/ca/agenda/2026/11/21/"))
    assert "Activitat en esborrany" not in client.get("/ca/agenda/agenda.ics").content.decode()


@time_machine.travel(NOW, tick=False)
def test_month_and_day_views(client, agenda):
    response = client.get("/ca/agenda/calendari/2026/11/")
    assert response.status_code == 200
    page = html(response)
    assert "<table" in page and '<th scope="col">dilluns</th>' in page
    assert "Calendari: novembre de 2026" in page
    assert 'aria-current="date"' in page
    assert "Concert de tardor" in page and "Fira de bolets" in page
    day = html(client.get("/ca/agenda/2026/11/22/"))
    assert "Taller de contes en família" in day and "Concert de tardor" not in day
    assert "diumenge, 22 de novembre de 2026" in day.lower()
    # Multi-day spans appear on each of their days.
    assert "Mercat de Nadal" in html(client.get("/ca/agenda/2026/12/13/"))


@pytest.mark.parametrize(
    "url", ["/ca/agenda/calendari/2026/13/", "/ca/agenda/2026/02/31/", "/ca/agenda/2026/0/1/"]
)
def test_impossible_dates_are_404(client, db, url):
    assert client.get(url).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_series_with_a_cancelled_occurrence(client, agenda):
    series = make_event(
        title="Ioga al parc",
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 12, 15),
        sessions=[(local(2026, 11, 19, 9), local(2026, 11, 19, 10))],
    )
    edit_occurrence(Occurrence.objects.get(event=series, original_date=date(2026, 11, 26)), cancelled=True)
    page = html(client.get(series.get_absolute_url()))
    assert page.count("<time") >= 4
    assert "cancel·lada" in page


def test_past_only_event_page_still_reachable(client, agenda):
    with time_machine.travel(NOW, tick=False):
        response = client.get(agenda["passat"].get_absolute_url())
    assert response.status_code == 200
    assert "Aquesta activitat ja s'ha fet" in html(response).replace("&#x27;", "'")


# --- query counts -----------------------------------------------------------------


def _many(count: int, start: datetime):
    for number in range(count):
        make_event(
            title=f"Activitat {number}",
            sessions=[
                (
                    start + timedelta(days=number % 20, hours=number),
                    start + timedelta(days=number % 20, hours=number + 1),
                )
            ],
            audiences=["families"],
            tags=["cultura"],
        )


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("count", [2, 25])
def test_query_counts_do_not_grow_with_events(client, django_assert_max_num_queries, settings, count):
    settings.PAGE_CACHE_SECONDS = 0
    _many(count, local(2026, 11, 19, 9))
    event = make_event(
        title="Amb moltes dates",
        recurrence_frequency=Frequency.DAILY,
        recurrence_until=date(2027, 1, 31),
        sessions=[(local(2026, 11, 19, 9), local(2026, 11, 19, 10))],
        audiences=["families", "infants"],
        tags=["a", "b"],
    )
    # The first request computes what every page shares once per cache
    # generation (visibility boundaries, alerts, footer): not counted.
    client.get("/ca/")
    filtered = f"{LIST_URL}?quan=propers-7-dies&public=families&gratuit=on"
    # (url, first request of the generation, next ones): the list's cards and
    # filter form are cached fragments, so a later request of the list reads
    # light rows only; the first one also loads the full rows of its cards
    # and the form's publics and venues. The .ics feed likewise reads its
    # events' VEVENTs from fragments, found from light rows.
    for url, first, next_ones in [
        (LIST_URL, 4, 1),
        (filtered, 5, 2),
        ("/ca/agenda/calendari/2026/11/", 1, 1),
        ("/ca/agenda/2026/11/20/", 1, 1),
        (event.get_absolute_url(), 4, 4),
        ("/ca/agenda/agenda.ics", 7, 4),
        ("/ca/agenda/rss/", 1, 1),
    ]:
        for limit in (first, next_ones):
            with django_assert_max_num_queries(limit):
                assert client.get(url).status_code == 200, url


# --- what the fragments cache must not change ----------------------------------------


def _cell(page: str, day: date) -> tuple[list[str], int]:
    """(event links shown, "N més") of a day's cell in the month view."""
    href = f'href="/ca/agenda/{day.year}/{day.month}/{day.day}/"'
    match = re.search(rf'<a class="calendar-day" {href}[^>]*>\d+</a>(.*?)</td>', page, re.S)
    assert match, day
    cell = match.group(1)
    more = re.search(r'class="calendar-more"[^>]*>(\d+) més<', cell)
    return re.findall(r'<li[^>]*><a href="([^"]+)">', cell), int(more.group(1)) if more else 0


@time_machine.travel(NOW, tick=False)
def test_month_cells_show_the_first_four_of_each_day_and_count_the_rest(client, agenda):
    for hour in (20, 9, 17, 12, 11, 18):
        make_event(
            title=f"Xerrada de les {hour}",
            sessions=[(local(2026, 11, 25, hour), local(2026, 11, 25, hour + 1))],
        )
    # A span that started before the day comes first on each of its days.
    make_event(title="Fira del llibre", sessions=[(local(2026, 11, 24), local(2026, 11, 26), True)])
    make_event(
        title="Jornades de dos dies",
        sessions=[(local(2026, 11, 25, 10, 30), local(2026, 11, 26, 13))],
    )
    page = html(client.get("/ca/agenda/calendari/2026/11/"))
    shown, more = _cell(page, date(2026, 11, 25))
    assert [href.rsplit("/", 2)[1] for href in shown] == [
        "fira-del-llibre",
        "xerrada-de-les-9",
        "jornades-de-dos-dies",
        "xerrada-de-les-11",
    ]
    assert more == 4
    # Every cell agrees with its day's page: the same first four, in order,
    # and the rest counted.
    first = date(2026, 10, 26)
    for offset in range(42):
        day = first + timedelta(days=offset)
        shown, more = _cell(page, day)
        listed = re.findall(
            r'<h2><a href="([^"]+)">', html(client.get(f"/ca/agenda/{day.year}/{day.month}/{day.day}/"))
        )
        assert shown == listed[:4], day
        assert more == len(listed) - len(shown), day


@time_machine.travel(NOW, tick=False)
def test_cached_cards_and_dates_show_an_edit_at_once(client, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 0  # only the fragments are cached
    series = make_event(
        title="Ioga al parc",
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 12, 15),
        sessions=[(local(2026, 11, 19, 9), local(2026, 11, 19, 10))],
    )
    assert "Ioga al parc" in titles(client.get(LIST_URL))
    assert "cancel·lada" not in html(client.get(series.get_absolute_url()))
    # The fragments are really served from the cache: a change that no key
    # names (written behind the model's back, so updated_at stays) is not seen.
    Event.objects.filter(pk=series.pk).update(summary="Resum canviat en silenci")
    assert "Resum canviat en silenci" not in html(client.get(LIST_URL))

    # An edit a second later, well within the fragments' lifetime (at least
    # 60 s) and with no purge: only the keys, which name the event's last
    # change and the occurrence's own fields, can show it.
    with time_machine.travel(NOW + timedelta(seconds=1), tick=False):
        series.refresh_from_db()
        series.title = "Ioga a la platja"
        series.save()
        assert "Ioga a la platja" in titles(client.get(LIST_URL))
        assert "Resum canviat en silenci" in html(client.get(LIST_URL))
        edit_occurrence(
            Occurrence.objects.get(event=series, original_date=date(2026, 11, 19)), cancelled=True
        )
        assert "event-card--cancelled" in html(client.get(LIST_URL))
        assert "cancel·lada" in html(client.get(series.get_absolute_url()))

        # What a card key does not name (the venue's name) changes with the
        # next cache generation, which every publishing change starts.
        venue = agenda["taller"].venue
        venue.name = "Parc de les Aigües"
        venue.save()
        assert "Parc de les Aigües" not in html(client.get(LIST_URL))
        pagecache.purge()
        assert "Parc de les Aigües" in html(client.get(LIST_URL))


@time_machine.travel(NOW, tick=False)
def test_event_dates_move_to_the_past_as_time_goes_by(client, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 0
    series = make_event(
        title="Ioga al parc",
        recurrence_frequency=Frequency.WEEKLY,
        recurrence_until=date(2026, 12, 15),
        sessions=[(local(2026, 11, 19, 9), local(2026, 11, 19, 10))],
    )
    assert "data passada" not in html(client.get(series.get_absolute_url()))
    with time_machine.travel(local(2026, 11, 19, 11), tick=False):
        page = html(client.get(series.get_absolute_url()))
    assert "1 data passada" in page


@time_machine.travel(NOW, tick=False)
def test_cached_filter_form_follows_the_filters(client, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _round in range(2):
        today = html(client.get(f"{LIST_URL}?quan=avui"))
        assert '<a href="?quan=avui" aria-current="true">' in today
        past = html(client.get(f"{LIST_URL}?quan=passats&page=1"))
        assert '<a href="?quan=passats" aria-current="true">' in past
        assert '<a href="?quan=avui" aria-current="true">' not in past
        free = html(client.get(f"{LIST_URL}?gratuit=on"))
        assert re.search(r'<input type="checkbox" name="gratuit"[^>]* checked', free)
        assert not re.search(
            r'<input type="checkbox" name="gratuit"[^>]* checked', html(client.get(LIST_URL))
        )
    bad = client.get(f"{LIST_URL}?quan=dema-passat")
    assert bad.status_code == 400 and 'role="alert"' in html(bad)


def _first_events_by_hand(occurrences, limit: int, scan: int) -> list[int]:
    ids = []
    for event_id in occurrences.values_list("event_id", flat=True)[:scan]:
        if event_id not in ids:
            ids.append(event_id)
        if len(ids) == limit:
            break
    return ids


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("limit, scan", [(3, 100), (3, 10), (2, 5), (10, 1000)])
def test_the_ics_feed_takes_the_first_events_in_the_list_order(agenda, limit, scan):
    # A daily series fills the first rows of its category: the first look
    # (4 × limit rows) finds one event there and must look further.
    make_event(
        title="Casal de la gent gran",
        category=Category.ELDERLY,
        recurrence_frequency=Frequency.DAILY,
        recurrence_until=date(2026, 12, 31),
        sessions=[(local(2026, 11, 18, 8), local(2026, 11, 18, 9))],
    )
    for day in (20, 21):
        make_event(category=Category.ELDERLY, sessions=[(local(2026, 12, day, 11), local(2026, 12, day, 12))])
    _many(12, local(2026, 12, 1, 9))
    queries = ["", "quan=passats", "desde=2026-11-01&fins=2026-12-31&gratuit=on", "categoria=gent-gran"]
    for query in queries:
        filterset = AgendaFilter(QueryDict(query) if query else None, queryset=listing.visible_occurrences())
        assert not filterset.is_bound or filterset.is_valid()
        expected = _first_events_by_hand(filterset.qs, limit, scan)
        assert listing.first_events(filterset.qs, limit, scan) == expected, query
    if (limit, scan) == (3, 100):
        assert len(expected) == 3  # the series and the two events after its first rows


def test_audience_choices_follow_the_page_language(client, db):
    from tests.factories import ensure_audiences

    ensure_audiences()
    catalan = client.get("/ca/agenda/").content.decode()
    spanish = client.get("/es/agenda/").content.decode()
    assert "Famílies" in catalan
    assert "Familias" in spanish and "Famílies" not in spanish
