"""Entities propose events without an account; editors moderate them.
Spam-like submissions are refused with a clear message and nothing is stored;
nothing is ever published without an editor and the publishing workflow."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from agenda.models import Audience, Event, EventProposal, ProposalState
from comunicacio import roles
from comunicacio.publishing.models import Status, Transition
from tests.factories.proposals import (
    FORM_URL,
    MADRID,
    fresh_token,
    make_proposal,
    make_staff,
    post,
    valid_data,
)

pytestmark = pytest.mark.django_db


def png_upload(name="cartell.png", size=(800, 600)) -> SimpleUploadedFile:
    out = io.BytesIO()
    PILImage.new("RGB", size, (200, 40, 40)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def errors_text(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(1)


# --- the form --------------------------------------------------------------------------


def test_form_page_is_accessible_html(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert html.count("<h1>") == 1
    main = html.split("<main", 1)[1]
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\sid="(id_[a-z_]+)"', main):
        if field != "id_token" and not re.match(r"id_(audiences|price)_\d", field):
            assert f'<label for="{field}">' in main, f"{field} has no label"
    assert "<legend>Quan</legend>" in html
    assert 'style="' not in main
    # The honeypot: hidden by a class, out of the tab order and of assistive tech.
    assert re.search(
        r'<div class="visually-hidden" aria-hidden="true"><label for="id_website">[^<]+</label>'
        r'<input type="text" name="website" tabindex="-1" autocomplete="off"',
        html,
    )


def test_valid_proposal_is_stored_confirmed_by_email_and_nothing_is_published(
    client, clock, django_capture_on_commit_callbacks
):
    token = fresh_token(client, clock)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data(token, end_date="2026-12-13"))
    assert response.status_code == 302
    assert response["Location"] == "/ca/agenda/proposa/gracies/"
    assert "Hem rebut la vostra proposta" in client.get(response["Location"]).content.decode()

    proposal = EventProposal.objects.get()
    assert proposal.state == ProposalState.PENDING
    assert proposal.start == datetime(2026, 12, 13, 13, 0, tzinfo=MADRID)
    assert proposal.end == datetime(2026, 12, 13, 17, 0, tzinfo=MADRID)
    assert proposal.consent_at is not None
    assert not Event.objects.exists()

    (message,) = mail.outbox
    assert message.to == ["nuria@entitat.example"]
    assert message.subject == "Hem rebut la vostra proposta: «Festa de l'escudella al carrer»"
    assert "diumenge, 13 de desembre de 2026, 13.00 h" in message.body
    assert "Festa de l'escudella al carrer" in message.body  # no HTML escaping in plain text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Festa de l&#x27;escudella" in html


def test_all_day_proposal_over_several_days(client, clock):
    token = fresh_token(client, clock)
    data = valid_data(
        token, all_day="on", start_time="", end_time="", start_date="2026-12-24", end_date="2026-12-26"
    )
    assert post(client, data).status_code == 302
    proposal = EventProposal.objects.get()
    assert proposal.all_day
    assert proposal.start.astimezone(MADRID).date().isoformat() == "2026-12-24"
    assert proposal.end.astimezone(MADRID).date().isoformat() == "2026-12-26"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"end_time": "12:00"}, "La fi ha de ser posterior a l&#x27;inici."),
        ({"end_date": "2026-12-12"}, "La fi ha de ser posterior a l&#x27;inici."),
        ({"start_date": "2026-02-30"}, "Aquesta data no existeix"),
        ({"start_date": "2026-12-13", "end_date": "2026-13-01"}, "Aquesta data no existeix"),
        ({"start_time": "25:61"}, "Aquesta hora no és vàlida"),
        ({"start_date": "9999-12-31", "end_date": "9999-12-31"}, "Només s&#x27;accepten propostes"),
        ({"start_date": "0001-01-01", "end_date": "0001-01-01"}, "La data d&#x27;inici ja ha passat."),
        ({"start_date": "10000-01-01"}, "Aquesta data no existeix"),
        ({"start_date": "2026-12-13", "end_date": "9999-12-31", "all_day": "on"}, "dels propers dos anys"),
        ({"start_date": "2026-11-01"}, "La data d&#x27;inici ja ha passat."),
        ({"consent": None}, "Cal que accepteu el tractament de les dades"),
        ({"email": "no-es-un-correu"}, "Aquest correu electrònic no és vàlid."),
        ({"start_time": ""}, "Indiqueu l&#x27;hora d&#x27;inici"),
        ({"price": "paid"}, "Indiqueu el preu si l&#x27;activitat és de pagament."),
        ({"title": ""}, "Indiqueu el títol."),
        ({"category": ""}, "Trieu una categoria."),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_stored(client, clock, overrides, message):
    token = fresh_token(client, clock)
    response = post(client, valid_data(token, **overrides))
    assert response.status_code == 400
    assert message in errors_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not EventProposal.objects.exists()
    assert not mail.outbox


def test_input_is_kept_when_the_form_is_returned(client, clock):
    token = fresh_token(client, clock)
    html = post(client, valid_data(token, consent=None)).content.decode()
    assert 'value="Festa de l&#x27;escudella al carrer"' in html
    assert 'value="2026-12-13"' in html


# --- images ----------------------------------------------------------------------------


def test_proposal_with_an_image(client, clock):
    token = fresh_token(client, clock)
    data = valid_data(token, image=png_upload(), image_description="Cartell de la festa")
    assert post(client, data).status_code == 302
    proposal = EventProposal.objects.get()
    assert proposal.image.name.startswith("proposals/2026/11/")
    assert proposal.image_description == "Cartell de la festa"


@pytest.mark.parametrize(
    "upload, description, message",
    [
        (SimpleUploadedFile("cartell.png", b"no soc cap imatge" * 20), "Cartell", "no és una imatge vàlida"),
        (png_upload(), "", "Descriviu breument què mostra la imatge."),
    ],
)
def test_bad_images_are_refused_with_a_clear_message(client, clock, upload, description, message):
    token = fresh_token(client, clock)
    response = post(client, valid_data(token, image=upload, image_description=description))
    assert response.status_code == 400
    assert message in errors_text(response)
    assert not EventProposal.objects.exists()


def test_oversize_image_is_refused(client, clock, settings):
    settings.IMAGE_MAX_BYTES = 2_000
    token = fresh_token(client, clock)
    response = post(client, valid_data(token, image=png_upload(size=(900, 900)), image_description="Cartell"))
    assert response.status_code == 400
    assert "el màxim és 1,9" in errors_text(response) or "el màxim és 2,0" in errors_text(response)
    assert not EventProposal.objects.exists()


def test_image_with_too_many_pixels_is_refused(client, clock, settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    token = fresh_token(client, clock)
    response = post(
        client, valid_data(token, image=png_upload(size=(1000, 1000)), image_description="Cartell")
    )
    assert response.status_code == 400
    assert "massa gran en píxels" in errors_text(response)


# --- anti-spam -------------------------------------------------------------------------


def test_filled_honeypot_is_refused_and_not_stored(client, clock, django_capture_on_commit_callbacks):
    token = fresh_token(client, clock)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data(token, website="http://spam.example"))
    assert response.status_code == 400
    assert "hi ha un camp que s&#x27;havia de deixar en blanc" in errors_text(response)
    assert not EventProposal.objects.exists()
    assert not mail.outbox


def test_too_fast_submission_is_refused_and_not_stored(client, clock):
    token = fresh_token(client, clock, wait=1)
    response = post(client, valid_data(token))
    assert response.status_code == 400
    assert "massa de pressa" in errors_text(response)
    assert not EventProposal.objects.exists()
    # The returned form carries a new token: waiting a little and resending works.
    html = response.content.decode()
    new_token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert new_token != token
    clock.shift(timedelta(seconds=20))
    assert post(client, valid_data(new_token)).status_code == 302


@pytest.mark.parametrize("token", ["", "inventat", "eyJ0IjoxfQ:1abc:forged"])
def test_missing_or_forged_token_is_refused(client, clock, token):
    fresh_token(client, clock)
    response = post(client, valid_data(token))
    assert response.status_code == 400
    assert "No hem pogut validar el formulari" in errors_text(response)
    assert not EventProposal.objects.exists()


def test_stale_form_is_refused(client, clock):
    token = fresh_token(client, clock, wait=2 * 24 * 3600)
    response = post(client, valid_data(token, start_date="2026-12-13"))
    assert response.status_code == 400
    assert "El formulari ha caducat" in errors_text(response)


def test_rate_limit_per_address(client, clock):
    for number in range(5):
        token = fresh_token(client, clock)
        assert post(client, valid_data(token, title=f"Activitat {number}")).status_code == 302
    token = fresh_token(client, clock)
    response = post(client, valid_data(token, title="Una de massa"))
    assert response.status_code == 429
    assert "Heu enviat massa propostes en poca estona" in errors_text(response)
    assert EventProposal.objects.count() == 5
    # Another address is not affected...
    token = fresh_token(client, clock)
    assert (
        post(client, valid_data(token, title="Des d'un altre lloc"), REMOTE_ADDR="10.0.0.9").status_code
        == 302
    )
    # ...and the first one may send again an hour later.
    clock.shift(timedelta(hours=1))
    token = fresh_token(client, clock)
    assert post(client, valid_data(token, title="Una hora després")).status_code == 302


def test_spam_attempts_count_against_the_rate_limit(client, clock):
    for _ in range(5):
        token = fresh_token(client, clock)
        assert post(client, valid_data(token, website="spam")).status_code == 400
    token = fresh_token(client, clock)
    assert post(client, valid_data(token)).status_code == 429
    assert not EventProposal.objects.exists()


# --- moderation ------------------------------------------------------------------------


ACTION_URL = "/admin/agenda/eventproposal/"


def test_moderation_queue_lists_pending_proposals(client, django_user_model):
    make_proposal(title="Pendent de revisar")
    make_proposal(title="Ja rebutjada", state=ProposalState.REJECTED)
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    html = client.get(ACTION_URL).content.decode()
    assert "Pendent de revisar" in html and "Ja rebutjada" not in html
    assert "Ja rebutjada" in client.get(ACTION_URL, {"state": "all"}).content.decode()


def test_approve_creates_a_draft_event_in_review_and_nothing_public(client, clock, django_user_model):
    proposal = make_proposal()
    proposal.audiences.set(Audience.objects.filter(slug="families"))
    editor = make_staff(django_user_model, roles.EDITORS)
    client.force_login(editor)

    response = client.post(
        ACTION_URL, {"action": "approve_selected", "_selected_action": [proposal.pk]}, follow=True
    )

    assert response.status_code == 200
    proposal.refresh_from_db()
    event = proposal.event
    assert proposal.state == ProposalState.APPROVED and proposal.decided_by == editor
    assert event.status == Status.REVIEW
    assert event.title == "Festa de l'escudella al carrer"
    assert event.organiser_name == "Associació de Veïns del Raval"
    assert event.organiser_email == "nuria@entitat.example"
    assert not event.is_free and event.price_text == "5 euros"
    assert "<script>" not in event.description and "&lt;script&gt;" in event.description
    assert list(event.audiences.values_list("slug", flat=True)) == ["families"]
    (session,) = event.sessions.all()
    assert session.start == proposal.start and session.end == proposal.end
    transition = Transition.for_item(event).get()
    assert transition.action == "submit" and "Plaça de la Vila" in transition.comment
    assert "aprovada" in response.content.decode()

    # Nothing is visible to the public until the publishing workflow says so.
    assert not Event.objects.visible().exists()
    client.logout()
    assert client.get(f"/ca/agenda/activitat/{event.slug}/").status_code == 404
    assert "Festa de l" not in client.get("/ca/agenda/").content.decode()


def test_approve_copies_the_image_into_the_media_library(client, clock, django_user_model):
    proposal = make_proposal(image=png_upload(), image_description="Cartell de la festa")
    user = make_staff(django_user_model, roles.EDITORS)
    from agenda.proposals import actions as proposals

    event = proposals.approve_proposal(proposal, user)
    assert event.image.alt_text == "Cartell de la festa"
    assert event.image.renditions["jpeg"]


def test_a_proposal_is_approved_only_once(client, clock, django_user_model):
    proposal = make_proposal()
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    for _ in range(2):
        response = client.post(
            ACTION_URL + "?state=all",
            {"action": "approve_selected", "_selected_action": [proposal.pk]},
            follow=True,
        )
    assert Event.objects.count() == 1
    assert "ja està aprovada" in response.content.decode()


def test_staff_without_a_role_cannot_moderate(client, clock, django_user_model):
    proposal = make_proposal()
    norole = django_user_model.objects.create_user("sense-rol", password="x", is_staff=True)
    client.force_login(norole)
    client.post(ACTION_URL, {"action": "approve_selected", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and not Event.objects.exists()


def test_reject_asks_for_a_reason_and_can_email_it(
    client, clock, django_user_model, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    selection = {"action": "reject_selected", "_selected_action": [proposal.pk]}

    page = client.post(ACTION_URL, selection)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()

    empty = client.post(ACTION_URL, {**selection, "reason": " "})
    assert "Indiqueu el motiu del rebuig." in empty.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            ACTION_URL, {**selection, "reason": "Coincideix amb la Festa Major.", "notify": "on"}
        )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED
    assert proposal.rejection_reason == "Coincideix amb la Festa Major."
    (message,) = mail.outbox
    assert message.to == ["nuria@entitat.example"]
    assert "Coincideix amb la Festa Major." in message.body
    assert not Event.objects.exists()


def test_reject_without_notification_sends_nothing(
    client, clock, django_user_model, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            ACTION_URL,
            {"action": "reject_selected", "_selected_action": [proposal.pk], "reason": "Duplicada."},
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED and not mail.outbox


def test_proposals_cannot_be_added_from_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/agenda/eventproposal/add/").status_code == 403


def test_a_form_token_is_single_use(client, clock):
    token = fresh_token(client, clock)
    assert post(client, valid_data(token)).status_code == 302
    # The same signed token, replayed within its 24 hours (from another
    # address, so that the rate limit is not what stops it), stores nothing.
    for wait in (60, 12 * 3600):
        clock.shift(timedelta(seconds=wait))
        response = post(client, valid_data(token, title="Una altra"), REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 400
        assert "Aquest formulari ja s'ha enviat" in errors_text(response).replace("&#x27;", "'")
    assert EventProposal.objects.count() == 1
    # The refusal carries a fresh token: sending it again works.
    new_token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    clock.shift(timedelta(seconds=20))
    assert post(client, valid_data(new_token, title="Una altra")).status_code == 302
    assert EventProposal.objects.count() == 2


def test_a_token_spent_on_an_invalid_form_is_replaced(client, clock):
    token = fresh_token(client, clock)
    response = post(client, valid_data(token, title=""))
    assert response.status_code == 400
    # The corrected form goes with the new token of the page that came back;
    # the old one is spent.
    assert post(client, valid_data(token)).status_code == 400
    new_token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    clock.shift(timedelta(seconds=20))
    assert post(client, valid_data(new_token)).status_code == 302
    assert EventProposal.objects.count() == 1


def test_forms_shown_at_the_same_instant_get_different_tokens(client, clock):
    first = fresh_token(client, clock, wait=0)
    second = fresh_token(client, clock, wait=30)
    assert first != second
    assert post(client, valid_data(first)).status_code == 302
    assert post(client, valid_data(second, title="Una altra")).status_code == 302
