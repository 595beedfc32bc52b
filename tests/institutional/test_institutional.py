"""The institutional agenda as a citizen, a journalist (open data) and the
protocol office see it."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from comunicacio.publishing.models import Status
from institutional.export import COLUMNS
from institutional.models import Guest, Holder, InstitutionalCategory, InstitutionalEntry, Rsvp
from tests.factories.institutional import entry_admin_form as admin_form

pytestmark = pytest.mark.django_db

MADRID = ZoneInfo("Europe/Madrid")
LIST_URL = "/ca/agenda-institucional/"
ARCHIVE_URL = "/ca/agenda-institucional/arxiu/"
CSV_URL = "/ca/agenda-institucional/export.csv"
JSON_URL = "/ca/agenda-institucional/export.json"
# A fixed "now" for the tests: Thursday 26 November 2026, 12:00 in Madrid.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=MADRID)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def mayor(db):
    return Holder.objects.create(name="Anna Puig i Serra", position="Alcaldessa", slug="anna-puig", order=1)


@pytest.fixture
def councillor(db):
    return Holder.objects.create(
        name="Jordi Vidal", position="Regidor de Cultura", slug="jordi-vidal", order=2
    )


def make_entry(holder, start, *, subject=None, status=Status.PUBLISHED, **fields):
    values = {
        "holder": holder,
        "start": start,
        "subject": subject or f"Reunió del {start:%d/%m/%Y %H.%M}",
        "status": status,
        "publish_at": NOW - timedelta(days=90) if status == Status.PUBLISHED else None,
        "category": InstitutionalCategory.MEETING,
    }
    values.update(fields)
    return InstitutionalEntry.objects.create(**values)


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=MADRID)


def csv_rows(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def json_body(response) -> dict:
    return json.loads(b"".join(response.streaming_content).decode())


# --- upcoming list ----------------------------------------------------------------------


def test_list_shows_published_entries_from_today_on_in_date_order(client, mayor, councillor):
    later = make_entry(councillor, at(2026, 12, 3), subject="Inauguració de la biblioteca")
    today_morning = make_entry(mayor, at(2026, 11, 26, 9), subject="Reunió amb el veïnat del Raval")
    yesterday = make_entry(mayor, at(2026, 11, 25), subject="Visita a l'escola Bressol")
    draft = make_entry(mayor, at(2026, 11, 30), subject="Reunió encara en esborrany", status=Status.DRAFT)
    scheduled = make_entry(
        mayor, at(2026, 11, 30), subject="Entrada programada", publish_at=NOW + timedelta(hours=1)
    )

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(today_morning.subject) < html.index(later.subject.replace("'", "&#x27;"))
    assert yesterday.subject.replace("'", "&#x27;") not in html
    assert draft.subject not in html
    assert scheduled.subject not in html
    assert "dijous, 26 de novembre de 2026" in html
    assert "9.00 h" in html


def test_scheduled_entry_appears_at_its_time(client, mayor):
    make_entry(mayor, at(2026, 12, 1), subject="Entrada programada", publish_at=NOW + timedelta(hours=1))
    assert "Entrada programada" not in client.get(LIST_URL).content.decode()
    with time_machine.travel(NOW + timedelta(hours=1, seconds=1), tick=False):
        assert "Entrada programada" in client.get(LIST_URL).content.decode()


def test_entries_move_to_the_archive_when_their_day_is_over(client, mayor):
    make_entry(mayor, at(2026, 11, 26, 18), subject="Ple ordinari de novembre")
    assert "Ple ordinari de novembre" in client.get(LIST_URL).content.decode()
    with time_machine.travel(at(2026, 11, 27, 0, 1), tick=False):
        assert "Ple ordinari de novembre" not in client.get(LIST_URL).content.decode()
        month = client.get("/ca/agenda-institucional/arxiu/2026/11/").content.decode()
        assert "Ple ordinari de novembre" in month


def test_list_filters_by_holder_and_category(client, mayor, councillor):
    make_entry(mayor, at(2026, 11, 28), subject="Reunió de l'alcaldessa")
    make_entry(councillor, at(2026, 11, 28), subject="Reunió del regidor")
    make_entry(
        councillor, at(2026, 11, 29), subject="Ple del regidor", category=InstitutionalCategory.PLENARY
    )

    html = client.get(LIST_URL, {"holder": "jordi-vidal"}).content.decode()
    assert "Reunió del regidor" in html and "Ple del regidor" in html
    assert "alcaldessa" not in html.split('id="h-filters"')[1].split("</form>")[1]

    html = client.get(LIST_URL, {"holder": "jordi-vidal", "category": "plenary"}).content.decode()
    assert "Ple del regidor" in html and "Reunió del regidor" not in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"holder": "ningu"}, "Titular"),
        ({"category": "festa"}, "Tipus"),
        ({"date_from": "2026-02-30"}, "Des del"),
        ({"date_from": "2026-11-30", "date_to": "2026-11-01"}, "posterior a la inicial"),
    ],
)
def test_bad_filters_get_a_clear_message_and_400(client, mayor, query, message):
    response = client.get(LIST_URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and message in html


def test_list_is_paginated_and_keeps_filters(client, mayor):
    for day in range(35):
        make_entry(mayor, at(2026, 12, 1) + timedelta(hours=day))
    html = client.get(LIST_URL, {"holder": "anna-puig"}).content.decode()
    assert html.count('class="agenda-entry"') == 30
    assert 'href="?holder=anna-puig&amp;page=2"' in html
    second = client.get(LIST_URL, {"holder": "anna-puig", "page": 2}).content.decode()
    assert second.count('class="agenda-entry"') == 5
    assert client.get(LIST_URL, {"page": 9}).status_code == 404


def test_list_queries_do_not_grow_with_entries(client, mayor, councillor, django_assert_max_num_queries):
    for day in range(3):
        make_entry(mayor, at(2026, 12, 1 + day))
    with django_assert_max_num_queries(12) as few:
        client.get(LIST_URL, {"page": 1})
    for day in range(25):
        make_entry(councillor if day % 2 else mayor, at(2026, 12, 5) + timedelta(hours=day))
    # A new query string: a page-cache miss, rendered again.
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST_URL, {"page": "1", "holder": ""})


def test_list_page_is_accessible_html(client, mayor):
    make_entry(mayor, at(2026, 11, 28))
    html = client.get(LIST_URL).content.decode()
    assert html.count("<h1>") == 1 and "Agenda institucional</h1>" in html
    for name in ("holder", "category", "date_from", "date_to"):
        assert f'<label for="id_{name}">' in html
    # Day headings (h2) come before entry headings (h3).
    assert re.search(r"<h2 id=\"h-day-1\">.*?</h2>.*?<h3 id=\"h-entry-", html, re.S)
    assert 'style="' not in html.split("<main", 1)[1]


# --- archive ------------------------------------------------------------------------------


def test_archive_lists_months_with_past_entries(client, mayor, councillor):
    make_entry(mayor, at(2026, 10, 5))
    make_entry(mayor, at(2026, 10, 20))
    make_entry(councillor, at(2026, 11, 2))
    make_entry(mayor, at(2025, 12, 31, 23, 30))  # late evening: still December in Madrid
    make_entry(mayor, at(2026, 12, 3))  # upcoming: not in the archive

    html = client.get(ARCHIVE_URL).content.decode()
    assert '<h2 id="h-year-2026">2026</h2>' in html and '<h2 id="h-year-2025">2025</h2>' in html
    assert 'href="/ca/agenda-institucional/arxiu/2026/10/"' in html and "(2 entrades)" in html
    assert 'href="/ca/agenda-institucional/arxiu/2025/12/"' in html
    assert "/arxiu/2026/12/" not in html

    by_holder = client.get(ARCHIVE_URL, {"holder": "jordi-vidal"}).content.decode()
    assert 'href="/ca/agenda-institucional/arxiu/2026/11/?holder=jordi-vidal"' in by_holder
    assert "/arxiu/2026/10/" not in by_holder


def test_archive_month_shows_that_month_only_and_filters(client, mayor, councillor):
    make_entry(mayor, at(2026, 10, 1, 0, 30), subject="Primer dia d'octubre")
    make_entry(councillor, at(2026, 10, 31, 23, 0), subject="Castanyada amb el regidor")
    make_entry(mayor, at(2026, 9, 30, 23, 0), subject="Últim dia de setembre")

    html = client.get("/ca/agenda-institucional/arxiu/2026/10/").content.decode()
    assert "Primer dia d&#x27;octubre" in html and "Castanyada amb el regidor" in html
    assert "Últim dia de setembre" not in html
    assert "Agenda institucional: octubre 2026</h1>" in html
    assert 'href="/ca/agenda-institucional/arxiu/2026/9/"' in html  # the previous month
    assert 'href="/ca/agenda-institucional/arxiu/2026/11/"' in html  # the next one, not yet over

    only = client.get("/ca/agenda-institucional/arxiu/2026/10/", {"holder": "jordi-vidal"}).content.decode()
    assert "Castanyada amb el regidor" in only and "Primer dia" not in only


@pytest.mark.parametrize("path", ["2026/13/", "2026/0/", "0/5/"])
def test_impossible_archive_month_is_404(client, path):
    assert client.get(ARCHIVE_URL + path).status_code == 404


# --- detail and preview ----------------------------------------------------------------


def test_detail_shows_the_public_facts(client, mayor):
    entry = make_entry(
        mayor,
        at(2026, 11, 20, 10, 30),
        end=at(2026, 11, 20, 12),
        subject="Reunió amb la Cambra de Comerç",
        place="Sala de Plens",
        participants="Cambra de Comerç de Vilanova",
        interest_groups="Associació de Comerciants del Centre",
        interest_group_register="123-ABC",
        description="Primera línia.\nSegona línia.",
    )
    response = client.get(entry.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Reunió amb la Cambra de Comerç</h1>" in html
    assert "divendres, 20 de novembre de 2026, 10.30 h" in html and "12.00 h" in html
    for text in ("Sala de Plens", "Associació de Comerciants del Centre", "123-ABC", "Alcaldessa"):
        assert text in html


def test_drafts_are_not_public_but_staff_can_preview_them(client, mayor, superuser, django_user_model):
    draft = make_entry(mayor, at(2026, 12, 2), subject="Reunió reservada", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_preview_url()).status_code == 302  # to the login

    norole = django_user_model.objects.create_user("sense-rol", password="x", is_staff=True)
    client.force_login(norole)
    assert client.get(draft.get_preview_url()).status_code == 403

    client.force_login(superuser)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 200
    assert "Reunió reservada" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


# --- the protocol guest list is internal ------------------------------------------------


@pytest.fixture
def entry_with_guests(mayor):
    entry = make_entry(mayor, at(2026, 11, 20, 19), subject="Recepció institucional de Sant Martí")
    upcoming = make_entry(mayor, at(2026, 11, 28, 19), subject="Concert de Santa Cecília")
    for item in (entry, upcoming):
        Guest.objects.create(
            entry=item,
            name="Marcel·lí Convidat-Secret",
            position="Conseller de Territori",
            form_of_address="Molt Honorable senyor",
            rsvp=Rsvp.REPRESENTED,
            represented_by="Representant-Amagada",
            seat="Fila 1, seient 3",
            notes="Nota-de-protocol-interna",
            precedence=1,
        )
    return entry


SECRETS = ("Convidat-Secret", "Representant-Amagada", "Nota-de-protocol-interna", "Molt Honorable", "Fila 1")


def test_guest_list_never_appears_publicly(client, entry_with_guests, superuser):
    pages = [
        LIST_URL,
        ARCHIVE_URL,
        "/ca/agenda-institucional/arxiu/2026/11/",
        entry_with_guests.get_absolute_url(),
        "/es/agenda-institucional/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Recepció institucional" in html or "Concert de Santa Cecília" in html or "arxiu" in url
        for secret in SECRETS:
            assert secret not in html, (url, secret)
    for url in (CSV_URL, JSON_URL):
        body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        assert "Recepció institucional" in body
        for secret in SECRETS:
            assert secret not in body, (url, secret)
    # Not even in the staff preview, which shows what the public will see.
    client.force_login(superuser)
    preview = client.get(entry_with_guests.get_preview_url()).content.decode()
    assert "Recepció institucional" in preview
    assert all(secret not in preview for secret in SECRETS)


def test_staff_see_the_guest_list_in_the_admin(client, entry_with_guests, superuser):
    client.force_login(superuser)
    html = client.get(
        f"/admin/institutional/institutionalentry/{entry_with_guests.pk}/change/"
    ).content.decode()
    assert "Convidat-Secret" in html and "Nota-de-protocol-interna" in html
    assert "Llista de convidats" in html


# --- exports ---------------------------------------------------------------------------


def test_csv_export_parses_back_with_stable_columns(client, mayor, councillor):
    entry = make_entry(
        mayor,
        at(2026, 7, 1, 9, 30),
        end=at(2026, 7, 1, 11),
        subject="Reunió amb l'Associació «El Pont», sobre l'àrea d'esbarjo",
        description="Línia 1\nLínia 2, amb coma",
        interest_groups="Associació El Pont",
        interest_group_register="GI-0042",
    )
    make_entry(councillor, at(2026, 12, 4, 18), subject="Acte de Nadal")
    make_entry(mayor, at(2026, 8, 1), subject="Esborrany", status=Status.DRAFT)

    response = client.get(CSV_URL)

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="agenda-institucional-2026-11-26.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["subject"] for row in rows] == [entry.subject, "Acte de Nadal"]
    first = rows[0]
    assert list(first) == COLUMNS
    assert first["start"] == "2026-07-01T09:30:00+02:00"  # summer time
    assert first["end"] == "2026-07-01T11:00:00+02:00"
    assert rows[1]["start"] == "2026-12-04T18:00:00+01:00"
    assert rows[1]["end"] == ""
    assert first["description"] == "Línia 1\nLínia 2, amb coma"
    assert first["holder"] == "Anna Puig i Serra" and first["holder_position"] == "Alcaldessa"
    assert first["category"] == "meeting" and first["category_label"] == "Reunió"
    assert first["interest_group_register"] == "GI-0042"
    assert first["url"].endswith(f"/ca/agenda-institucional/{entry.pk}/")


def test_exports_follow_the_filters(client, mayor, councillor):
    make_entry(mayor, at(2026, 10, 1), subject="Octubre alcaldessa")
    make_entry(councillor, at(2026, 10, 2), subject="Octubre regidor")
    make_entry(councillor, at(2026, 11, 2), subject="Novembre regidor")

    rows = csv_rows(client.get(CSV_URL, {"holder": "jordi-vidal"}))
    assert [row["subject"] for row in rows] == ["Octubre regidor", "Novembre regidor"]

    body = json_body(client.get(JSON_URL, {"date_from": "2026-10-01", "date_to": "2026-10-31"}))
    assert [entry["subject"] for entry in body["entries"]] == ["Octubre alcaldessa", "Octubre regidor"]


def test_json_export_shape(client, mayor):
    entry = make_entry(mayor, at(2026, 11, 30, 10), subject="Visita al mercat", place="Mercat Municipal")
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = json_body(response)
    assert set(body) == {"generated", "columns", "entries"}
    assert body["columns"] == COLUMNS
    assert body["generated"] == "2026-11-26T12:00:00+01:00"
    (row,) = body["entries"]
    assert list(row) == COLUMNS
    assert row["id"] == entry.pk
    assert row["start"] == "2026-11-30T10:00:00+01:00" and row["end"] == ""
    assert row["place"] == "Mercat Municipal"
    assert row["published"] == "2026-08-28T12:00:00+02:00"


def test_empty_json_export_is_valid(client):
    assert json_body(client.get(JSON_URL))["entries"] == []


def test_export_with_bad_filters_is_400_with_a_message(client):
    response = client.get(CSV_URL, {"date_to": "ahir"})
    assert response.status_code == 400
    assert "Fins al" in response.content.decode()


def test_export_runs_in_constant_queries(client, mayor, councillor, django_assert_max_num_queries):
    make_entry(mayor, at(2026, 1, 1))
    with django_assert_max_num_queries(10) as few:
        assert len(csv_rows(client.get(CSV_URL))) == 1
    for day in range(40):
        make_entry(councillor if day % 2 else mayor, at(2026, 1, 2) + timedelta(days=day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(csv_rows(client.get(CSV_URL, {"holder": ""}))) == 41


# --- back-office ----------------------------------------------------------------------


def test_admin_creates_and_publishes_an_entry_with_guests(client, superuser, mayor):
    client.force_login(superuser)
    response = client.post(
        "/admin/institutional/institutionalentry/add/",
        {**admin_form(mayor), "_workflow": "publish", "_confirmed": "publish"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = InstitutionalEntry.objects.get()
    assert entry.status == Status.PUBLISHED
    assert entry.start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert entry.guests.get().name == "Pere Convidat"
    html = client.get(LIST_URL).content.decode()
    assert "Visita a la depuradora" in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"end_0": "01/12/2026", "end_1": "09:00"}, "La fi ha de ser posterior a l&#x27;inici."),
        ({"guests-0-rsvp": "represented"}, "Indiqueu qui hi assistirà en representació."),
    ],
)
def test_admin_refuses_bad_input(client, superuser, mayor, overrides, message):
    client.force_login(superuser)
    response = client.post("/admin/institutional/institutionalentry/add/", admin_form(mayor, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InstitutionalEntry.objects.exists() and not Guest.objects.exists()


def test_admin_list_filters_by_holder(client, superuser, mayor, councillor):
    make_entry(mayor, at(2026, 11, 1), subject="De l'alcaldessa")
    make_entry(councillor, at(2026, 11, 2), subject="Del regidor")
    client.force_login(superuser)
    html = client.get(
        "/admin/institutional/institutionalentry/", {"holder__id__exact": councillor.pk}
    ).content.decode()
    assert "Del regidor" in html and "De l&#x27;alcaldessa" not in html


def role_user(django_user_model, role: str, username: str):
    from django.contrib.auth.models import Group

    from comunicacio import roles

    roles.sync_role_permissions()
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_editors_manage_guest_lists_but_site_admins_do_not_see_them(
    client, entry_with_guests, django_user_model
):
    from comunicacio import roles

    url = f"/admin/institutional/institutionalentry/{entry_with_guests.pk}/change/"
    client.force_login(role_user(django_user_model, roles.EDITORS, "redaccio"))
    assert "Convidat-Secret" in client.get(url).content.decode()

    client.force_login(role_user(django_user_model, roles.SITE_ADMINS, "webadmin"))
    response = client.get(url)
    assert response.status_code == 200  # may read the public entry...
    assert "Convidat-Secret" not in response.content.decode()  # ...but not the protocol list
