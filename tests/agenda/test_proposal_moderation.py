"""Moderating one proposal from its own admin page, and the rate limit's
notion of "one visitor" behind a reverse proxy."""

import pytest
from django.core import mail
from django.test import RequestFactory

from agenda.models import Event, EventProposal, ProposalState
from comunicacio import roles
from comunicacio.client_address import client_address
from comunicacio.publishing.models import Status
from tests.factories.proposals import (
    FORM_URL,
    fresh_token,
    make_proposal,
    make_staff,
    post,
    valid_data,
)

pytestmark = pytest.mark.django_db


def change_url(proposal) -> str:
    return f"/admin/agenda/eventproposal/{proposal.pk}/change/"


def test_pending_proposal_page_has_approve_and_reject_buttons(client, clock, django_user_model):
    proposal = make_proposal()
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    page = client.get(change_url(proposal)).content.decode()
    assert f'href="/admin/agenda/eventproposal/{proposal.pk}/aprova/"' in page
    assert f'href="/admin/agenda/eventproposal/{proposal.pk}/rebutja/"' in page

    decided = make_proposal(title="Ja decidida", state=ProposalState.REJECTED)
    page = client.get(change_url(decided)).content.decode()
    assert "/aprova/" not in page and "/rebutja/" not in page


def test_approve_button_creates_a_draft_in_review_and_opens_it(client, clock, django_user_model):
    proposal = make_proposal()
    editor = make_staff(django_user_model, roles.EDITORS)
    client.force_login(editor)
    approve_url = f"/admin/agenda/eventproposal/{proposal.pk}/aprova/"

    # The button opens the approval page (venue, email): nothing is created yet.
    page = client.get(approve_url)
    assert page.status_code == 200 and 'name="venue"' in page.content.decode()
    assert not Event.objects.exists()

    response = client.post(approve_url, {"venue": "none"})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.APPROVED and proposal.decided_by == editor
    assert response.status_code == 302
    assert response["Location"] == f"/admin/agenda/event/{proposal.event_id}/change/"
    assert proposal.event.status == Status.REVIEW
    assert not Event.objects.visible().exists()

    # A second click does nothing but say so.
    again = client.post(approve_url, {"venue": "none"}, follow=True)
    assert Event.objects.count() == 1
    assert "ja està aprovada" in again.content.decode()


def test_reject_button_asks_for_a_reason(
    client,
    clock,
    django_user_model,
    django_capture_on_commit_callbacks,
    _eager_celery,
):
    proposal = make_proposal()
    client.force_login(make_staff(django_user_model, roles.EDITORS))
    reject_url = f"/admin/agenda/eventproposal/{proposal.pk}/rebutja/"

    form = client.get(reject_url)
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    empty = client.post(reject_url, {"reason": "  "})
    assert empty.status_code == 200 and "Indiqueu el motiu del rebuig." in empty.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reject_url, {"reason": "Ja hi ha una activitat aquell dia.", "notify": "on"})
    assert done.status_code == 302 and done["Location"] == "/admin/agenda/eventproposal/"
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED
    assert proposal.rejection_reason == "Ja hi ha una activitat aquell dia."
    (message,) = mail.outbox
    assert "Ja hi ha una activitat aquell dia." in message.body
    assert not Event.objects.exists()


def test_staff_without_a_role_cannot_use_the_buttons(client, clock, django_user_model):
    proposal = make_proposal()
    client.force_login(django_user_model.objects.create_user("sense-rol", password="x", is_staff=True))
    assert client.post(f"/admin/agenda/eventproposal/{proposal.pk}/aprova/").status_code in (302, 403)
    assert client.post(
        f"/admin/agenda/eventproposal/{proposal.pk}/rebutja/", {"reason": "x"}
    ).status_code in (
        302,
        403,
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and not Event.objects.exists()


def test_unknown_proposal_is_404(client, superuser):
    client.force_login(superuser)
    assert client.post("/admin/agenda/eventproposal/999999/aprova/").status_code == 404


# --- the client address behind a proxy --------------------------------------------------


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(FORM_URL, **extra)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # No trusted proxy: the header is the client's word, ignored.
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # One proxy: the entry it appended, not what the client put before it.
        (1, "10.0.0.1", "1.2.3.4, 198.51.100.20", "198.51.100.20"),
        (1, "10.0.0.1", "198.51.100.20", "198.51.100.20"),
        (1, "10.0.0.1", "2001:db8::1", "2001:db8::1"),
        # Two proxies (CDN + nginx): the entry the outer one appended.
        (2, "10.0.0.1", "1.2.3.4, 198.51.100.20, 10.0.0.2", "198.51.100.20"),
        # Not through the chain, or garbage: the connection's address.
        (1, "10.0.0.1", None, "10.0.0.1"),
        (2, "10.0.0.1", "198.51.100.20", "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(remote, forwarded)) == expected


def test_rate_limit_is_per_visitor_behind_the_proxy(client, clock, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(5):
        token = fresh_token(client, clock)
        data = valid_data(token, title=f"Activitat {number}")
        assert post(client, data, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy).status_code == 302
    token = fresh_token(client, clock)
    # The same visitor is stopped even if it forges the header's left part...
    forged = post(client, valid_data(token), HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20", **proxy)
    assert forged.status_code == 429
    # ...while another visitor behind the same proxy is not.
    token = fresh_token(client, clock)
    other = post(
        client, valid_data(token, title="Una altra entitat"), HTTP_X_FORWARDED_FOR="198.51.100.30", **proxy
    )
    assert other.status_code == 302
    assert EventProposal.objects.count() == 6
