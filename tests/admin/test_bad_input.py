"""Absurd filters in a changelist's URL answer 400 with a message, and a
tampered inline formset gets a form error: never a server error, a silent
redirect, or a row of another item changed. Runs on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from agenda.models import Event, EventSession
from news.models import Attachment, NewsItem
from tests.factories import event_admin_form_data, make_news, make_user, news_admin_form_data

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
CHANGELISTS = [
    "/admin/news/newsitem/",
    "/admin/agenda/event/",
    "/admin/institutional/institutionalentry/",
    "/admin/comunicacio/unit/",
    "/admin/auth/user/",
    "/admin/news/mediacontact/",
]


@pytest.fixture
def root(client):
    client.force_login(make_user("superuser"))


def assert_bad_lookup(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filtres no vàlids" in html
    assert "la llista no es pot mostrar" in html
    assert "Torna a la llista sense filtres" in html


@pytest.mark.parametrize("url", CHANGELISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"id__in": HUGE},
        {"id__in": f"1,{HUGE}"},
        {"id": f"-{HUGE}"},
        {"id__gt": HUGE},
        {"id__range": f"1,{HUGE}"},
        {"id__in": "abc"},
    ],
)
def test_absurd_ids_in_any_changelist_are_a_400(client, root, url, query):
    make_news()
    assert_bad_lookup(client.get(url, query))
    # The database connection is still usable (PostgreSQL: no aborted transaction).
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/admin/news/newsitem/", {"publish_at__year": "0"}),
        ("/admin/news/newsitem/", {"publish_at__year": "99999"}),
        ("/admin/news/newsitem/", {"publish_at__year__gt": HUGE}),
        ("/admin/news/newsitem/", {"publish_at__gte": "2026-13-45"}),
        ("/admin/news/newsitem/", {"unit__id__exact": HUGE}),
        ("/admin/news/newsitem/", {"unit": HUGE}),
        ("/admin/news/newsitem/", {"title__regex": "("}),
        ("/admin/news/newsitem/", {"title__in": "\x00"}),
        ("/admin/agenda/event/", {"publish_at__year": "0"}),
        ("/admin/institutional/institutionalentry/", {"start__year": "0"}),
        ("/admin/institutional/institutionalentry/", {"holder__id__exact": HUGE}),
    ],
)
def test_absurd_dates_and_values_are_a_400(client, root, url, query):
    make_news()
    assert_bad_lookup(client.get(url, query))
    assert client.get(url).status_code == 200


def test_sensible_filters_still_work(client, root):
    item = make_news(title="Festa major")
    make_news(title="Ple municipal")
    html = client.get("/admin/news/newsitem/", {"id__in": f"{item.pk},{item.pk + 1000}"}).content.decode()
    assert "Festa major" in html and "Ple municipal" not in html
    assert client.get("/admin/news/newsitem/", {"publish_at__year": "2026"}).status_code == 200


def test_a_site_administrator_gets_the_same_400(client, siteadmin):
    client.force_login(siteadmin)
    assert_bad_lookup(client.get("/admin/news/newsitem/", {"id__in": HUGE}))


# --- tampered inline formsets --------------------------------------------------------


def attachment(item, title):
    return Attachment.objects.create(
        news=item, title=title, file=SimpleUploadedFile("bases.pdf", b"%PDF-1.4\n" + b"x" * 3000)
    )


@pytest.fixture
def news_with_attachments(db):
    item = make_news(title="Convocatòria de beques")
    other = make_news(title="Una altra notícia")
    return item, attachment(item, "Bases"), attachment(other, "Document aliè")


def attachments_data(item, row, **overrides):
    data = news_admin_form_data(item)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(row.pk),
            "attachments-0-news": str(item.pk),
            "attachments-0-title": "Bases modificades",
            "attachments-0-position": "0",
        }
    )
    data.update(overrides)
    return data


def test_an_untampered_attachments_inline_saves(client, root, news_with_attachments):
    item, mine, _ = news_with_attachments
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", attachments_data(item, mine))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.title == "Bases modificades"


@pytest.mark.parametrize(
    "tampering",
    [
        {"attachments-TOTAL_FORMS": HUGE},
        {"attachments-TOTAL_FORMS": "-5"},
        {"attachments-TOTAL_FORMS": "-2", "attachments-INITIAL_FORMS": "-2"},
        {"attachments-TOTAL_FORMS": "molts"},
        {"attachments-INITIAL_FORMS": HUGE},
        {"attachments-INITIAL_FORMS": "-1"},
        {"attachments-INITIAL_FORMS": "3", "attachments-TOTAL_FORMS": "3"},
        {"attachments-0-id": "other"},
        {"attachments-0-id": "999999"},
        {"attachments-0-id": HUGE},
        {"attachments-0-id": "abc"},
        {"attachments-INITIAL_FORMS": "0", "attachments-0-id": "other"},
    ],
    ids=lambda tampering: ",".join(f"{key.split('-', 1)[1]}={value[:8]}" for key, value in tampering.items()),
)
def test_a_tampered_attachments_inline_is_a_form_error(client, root, news_with_attachments, tampering):
    item, mine, foreign = news_with_attachments
    tampering = {key: str(foreign.pk) if value == "other" else value for key, value in tampering.items()}
    response = client.post(
        f"/admin/news/newsitem/{item.pk}/change/", attachments_data(item, mine, **tampering)
    )
    assert response.status_code == 200
    (attachments,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "attachments"
    ]
    assert attachments.non_form_errors()
    # Nothing was saved: not the item, not its row, not the other item's row.
    mine.refresh_from_db()
    foreign.refresh_from_db()
    assert (mine.title, mine.news_id) == ("Bases", item.pk)
    assert (foreign.title, foreign.news_id) == ("Document aliè", foreign.news_id)
    assert Attachment.objects.count() == 2
    assert NewsItem.objects.get(pk=item.pk).title == "Convocatòria de beques"


NOW = datetime(2026, 11, 18, 9, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "tampering",
    [
        {"sessions-TOTAL_FORMS": "-1"},
        {"sessions-TOTAL_FORMS": "u"},
        {"sessions-INITIAL_FORMS": "5"},
        {"sessions-0-id": "other"},
        {"sessions-0-id": HUGE},
        {"sessions-0-id": "abc"},
    ],
    ids=lambda tampering: ",".join(f"{key.split('-', 1)[1]}={value[:8]}" for key, value in tampering.items()),
)
def test_a_tampered_sessions_inline_of_an_event_is_a_form_error(client, root, tampering):
    assert client.post("/admin/agenda/event/add/", event_admin_form_data(title="Concert")).status_code == 302
    assert client.post("/admin/agenda/event/add/", event_admin_form_data(title="Teatre")).status_code == 302
    concert, theatre = Event.objects.get(title="Concert"), Event.objects.get(title="Teatre")
    session, foreign = concert.sessions.get(), theatre.sessions.get()
    data = event_admin_form_data(
        title="Concert",
        **{
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-event": str(concert.pk),
            "sessions-0-end_1": "21:00",
        },
    )
    data.update({key: str(foreign.pk) if value == "other" else value for key, value in tampering.items()})
    response = client.post(f"/admin/agenda/event/{concert.pk}/change/", data)
    assert response.status_code == 200
    (sessions,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "sessions"
    ]
    assert sessions.non_form_errors()
    foreign.refresh_from_db()
    assert foreign.event_id == theatre.pk
    assert EventSession.objects.count() == 2
    assert concert.sessions.get().end == session.end
