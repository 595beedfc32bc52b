"""An approved proposal's free-text place is matched to the known venues
(accents, case, articles, abbreviations and typos aside), the best offered
first, or a new venue is created from it."""

import html
import re

import pytest

from agenda.models import Event, Venue
from agenda.proposals import actions
from agenda.proposals.venues import best_matches, exact_match, normalise
from tests.factories import make_user, make_venue
from tests.factories.proposals import make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def venues():
    return {
        "vila": make_venue("Plaça de la Vila", address="Plaça de la Vila, 1"),
        "casal": make_venue("Casal de Cultura"),
        "joves": make_venue("Casal de Joves"),
        "pavello": make_venue("Pavelló Municipal d'Esports"),
        "teatre": make_venue("Teatre Municipal"),
    }


def names(text: str) -> list[str]:
    return [match.venue.name for match in best_matches(text)]


def test_names_are_compared_without_accents_case_articles_or_punctuation():
    assert normalise("Plaça de l'Església") == "placa esglesia"
    assert normalise("  CASAL  DE CULTURA. ") == "casal cultura"
    assert normalise("Pl. de la Vila") == "placa vila"
    assert normalise("Sala Pau Casals (1r pis)") == "sala pau casals 1r pis"


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Plaça de la Vila", "Plaça de la Vila"),
        ("placa de la vila", "Plaça de la Vila"),
        ("Pl. Vila", "Plaça de la Vila"),
        ("CASAL DE CULTURA", "Casal de Cultura"),
        ("Casal de Cultra", "Casal de Cultura"),  # a typo
        ("Casal de Cultura (sala gran)", "Casal de Cultura"),
        ("casal joves", "Casal de Joves"),
        ("Teatre", "Teatre Municipal"),
        ("Pavello municipal d'esports", "Pavelló Municipal d'Esports"),
    ],
)
def test_the_best_match_comes_first(venues, text, best):
    assert names(text)[0] == best


def test_an_unknown_place_matches_nothing_and_few_are_offered(venues):
    assert names("Parc del Molí") == []
    assert names("") == [] and names("  de la  ") == []
    assert len(best_matches("Casal")) <= 3
    assert set(names("Casal")) == {"Casal de Cultura", "Casal de Joves"}


def test_only_an_identical_normalised_name_is_taken_without_asking(venues):
    assert exact_match("PLAÇA DE LA VILA") == venues["vila"]
    assert exact_match("Casal de Cultra") is None
    assert exact_match("Casal") is None


@pytest.fixture
def editor():
    return make_user("editor")


def radio_choices(page: str) -> list[tuple[str, str, bool]]:
    """(value, label, checked) of the venue choices, in order."""
    found = re.findall(
        r'<input type="radio" name="venue" value="([^"]+)"[^>]*?( checked)?> '
        r'<label for="[^"]+">([^<]+)</label>',
        page,
    )
    return [(value, html.unescape(label).split(" (")[0], bool(checked)) for value, checked, label in found]


def approval_url(proposal) -> str:
    return f"/admin/agenda/eventproposal/{proposal.pk}/aprova/"


def test_the_approval_page_offers_the_matches_and_a_new_venue(client, venues, editor):
    proposal = make_proposal(venue_text="casal de cultura, sala gran")
    client.force_login(editor)
    page = client.get(approval_url(proposal)).content.decode()
    offered = radio_choices(page)
    # The likely one first and chosen (no other is close); then another known venue,
    # a new one (named from the text) or none.
    assert offered[0] == (str(venues["casal"].pk), "Casal de Cultura", True)
    assert [value for value, _label, _checked in offered[1:]] == ["other", "new", "none"]
    assert 'value="casal de cultura, sala gran"' in page

    response = client.post(approval_url(proposal), {"venue": str(venues["casal"].pk), "notify": ""})
    assert response.status_code == 302
    assert Event.objects.get().venue == venues["casal"]


def test_approving_with_a_new_venue_creates_it(client, venues, editor):
    proposal = make_proposal(venue_text="Parc del Molí")
    client.force_login(editor)
    page = client.get(approval_url(proposal)).content.decode()
    assert "Cap espai conegut no s'assembla al lloc indicat." in page
    assert radio_choices(page)[0] == ("other", "Un altre espai conegut", False)
    assert ("new", "Un espai nou", True) in radio_choices(page)
    refused = client.post(approval_url(proposal), {"venue": "new", "new_venue_name": "  "})
    assert refused.status_code == 200 and "Indiqueu el nom de l&#x27;espai nou." in refused.content.decode()
    assert not Event.objects.exists()

    client.post(approval_url(proposal), {"venue": "new", "new_venue_name": "Parc del Molí"})
    event = Event.objects.get()
    assert event.venue.name == "Parc del Molí"
    assert Venue.objects.filter(name="Parc del Molí").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Trieu l&#x27;espai de l&#x27;activitat."),
        ({"venue": "999999"}, "999999"),
        ({"venue": "other"}, "Trieu l&#x27;espai a la llista."),
        ({"venue": "other", "other_venue": "999999"}, "Esculliu una opció vàlida"),
    ],
)
def test_bad_venue_choices_are_refused_and_nothing_is_created(client, venues, editor, data, message):
    proposal = make_proposal()
    client.force_login(editor)
    response = client.post(approval_url(proposal), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_another_known_venue_or_none_at_all(client, venues, editor):
    first, second = make_proposal(title="Una"), make_proposal(title="Dues")
    client.force_login(editor)
    client.post(approval_url(first), {"venue": "other", "other_venue": str(venues["teatre"].pk)})
    client.post(approval_url(second), {"venue": "none"})
    assert Event.objects.get(title="Una").venue == venues["teatre"]
    assert Event.objects.get(title="Dues").venue is None


def test_the_approval_page_is_for_moderators_and_pending_proposals(client, venues, editor):
    proposal = make_proposal()
    assert client.get(approval_url(proposal)).status_code == 302  # to the login page
    client.force_login(make_user("siteadmin"))
    assert client.get(approval_url(proposal)).status_code == 403
    assert client.post(approval_url(proposal), {"venue": "none"}).status_code == 403
    assert not Event.objects.exists()
    client.force_login(editor)
    assert client.get("/admin/agenda/eventproposal/999999/aprova/").status_code == 404
    actions.reject_proposal(proposal, editor, "Duplicada")
    decided = client.get(approval_url(proposal), follow=True)
    assert "ja està rebutjada" in decided.content.decode()


def test_an_editor_without_the_venue_permission_cannot_create_one(venues):
    proposal = make_proposal()
    reviewer = make_user(None)
    reviewer.user_permissions.add(*_permissions("add_event", "change_event", "change_eventproposal"))
    with pytest.raises(actions.ProposalError):
        actions.approve_proposal(proposal, reviewer, new_venue_name="Nou espai")
    assert not Venue.objects.filter(name="Nou espai").exists()


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="agenda", codename__in=codenames)
