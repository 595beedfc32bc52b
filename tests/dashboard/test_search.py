"""The global admin search: every model admin with search fields the user
may view, through its own queryset and search, grouped with counts; bad
input gets a clear message, never a server error."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from comunicacio import roles
from comunicacio.role_scopes import UnitScope
from news.press.models import MediaContact
from tests.factories import make_event, make_image, make_news, make_unit, make_user

pytestmark = pytest.mark.django_db

SEARCH = "/admin/cerca/"


def groups(response):
    return {group.label: group for group in response.context["groups"]}


@pytest.fixture
def riera(db, unit):
    for number in range(7):
        make_news(unit=unit, title=f"La Riera neta {number}")
    make_news(unit=unit, title="Res a veure")
    make_event(title="Concert a la Riera")
    MediaContact.objects.create(name="Pere Soler", outlet="Diari de la Riera", email="pere@diari.example")
    make_image("riera.jpg", alt="La Riera a l'hivern")
    make_user("siteadmin", username="riera.admin")


def test_one_search_finds_every_kind_of_thing_grouped_with_counts(client, publisher, riera):
    client.force_login(publisher)
    response = client.get(SEARCH, {"q": "Riera"})
    assert response.status_code == 200
    found = groups(response)
    assert found["Notícies"].count == 7
    assert len(found["Notícies"].rows) == 5
    assert found["Notícies"].see_all == reverse("admin:news_newsitem_changelist") + "?q=Riera"
    assert found["Activitats"].count == 1
    assert found["Activitats"].rows[0]["title"] == "Concert a la Riera"
    assert found["Contactes de premsa"].count == 1
    assert found["Imatges"].count == 1
    page = response.content.decode()
    assert "10 resultats per a «Riera»." in page  # publishers do not see users
    assert f'href="{reverse("admin:news_newsitem_changelist")}?q=Riera"' in page


def test_a_user_without_view_permission_sees_no_rows_of_that_model(client, editor, siteadmin, riera):
    client.force_login(siteadmin)
    assert groups(client.get(SEARCH, {"q": "riera"}))["Usuaris"].count == 1
    client.force_login(editor)
    found = groups(client.get(SEARCH, {"q": "riera"}))
    assert "Usuaris" not in found  # editors may not view users
    assert "Notícies" in found


def test_unit_scopes_hold_in_the_search(client, editor):
    culture, sports = make_unit("Cultura"), make_unit("Esports")
    make_news(unit=culture, title="Piscina de cultura")
    make_news(unit=sports, title="Piscina d'esports")
    UnitScope.objects.create(group=Group.objects.get(name=roles.EDITORS), user=editor, unit=culture)
    client.force_login(editor)
    found = groups(client.get(SEARCH, {"q": "Piscina"}))
    assert found["Notícies"].count == 1
    assert found["Notícies"].rows[0]["title"] == "Piscina de cultura"


@pytest.mark.parametrize(
    ("term", "status", "message"),
    [
        ("", 200, "Escriviu què voleu cercar."),
        ("   ", 400, "Escriviu què voleu cercar."),
        ("a" * 1000, 400, "La cerca és massa llarga: com a màxim 200 caràcters."),
        ("riera\x00", 400, "La cerca conté caràcters no vàlids."),
    ],
)
def test_bad_input_gets_a_clear_message(client, publisher, riera, term, status, message):
    client.force_login(publisher)
    response = client.get(SEARCH, {"q": term})
    assert response.status_code == status
    assert message in response.content.decode()
    assert response.context["groups"] == []


def test_nothing_found_says_so(client, publisher, riera):
    client.force_login(publisher)
    response = client.get(SEARCH, {"q": "zzzz inexistent"})
    assert response.status_code == 200
    assert "Cap resultat per a «zzzz inexistent»." in response.content.decode()


def test_only_staff_with_a_role_may_search(client, norole, riera):
    assert client.get(SEARCH, {"q": "Riera"}).status_code == 302
    client.force_login(norole)
    assert client.get(SEARCH, {"q": "Riera"}).status_code == 302


def test_the_search_runs_a_bounded_number_of_queries(client, publisher, unit, django_assert_max_num_queries):
    client.force_login(publisher)
    make_news(unit=unit, title="Riera 0")
    with django_assert_max_num_queries(80) as one:
        client.get(SEARCH, {"q": "Riera"})
    for number in range(1, 12):
        make_news(unit=unit, title=f"Riera {number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(SEARCH, {"q": "Riera"})
