"""The proposer is told the decision: on approval, and on rejection with the
reason, when the moderator leaves the box ticked (it is by default). The
email is recorded with the decision and goes out exactly once, over a real
SMTP conversation, retried when the server is away."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agenda.models import EventProposal, NoticeKind, ProposalNotice, ProposalState
from agenda.proposals import actions, notices
from comunicacio.mail.deliveries import DeliveryState
from tests.factories import make_user
from tests.factories.proposals import make_proposal
from tests.support.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink(settings):
    server = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


@pytest.fixture
def editor():
    return make_user("editor")


def approval_url(proposal) -> str:
    return f"/admin/agenda/eventproposal/{proposal.pk}/aprova/"


def rejection_url(proposal) -> str:
    return f"/admin/agenda/eventproposal/{proposal.pk}/rebutja/"


def test_both_forms_tick_the_email_box_by_default(client, editor):
    proposal = make_proposal()
    client.force_login(editor)
    for page_url in (approval_url(proposal), rejection_url(proposal)):
        page = client.get(page_url).content.decode()
        assert 'type="checkbox" name="notify"' in page
        assert 'name="notify" id="id_notify" checked' in page


def test_approval_emails_the_proposer_once_over_smtp(
    client, clock, editor, sink, _eager_celery, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approval_url(proposal), {"venue": "none", "notify": "on"})
    assert response.status_code == 302
    (message,) = sink.delivered
    assert message["To"] == "nuria@entitat.example"
    assert message["Subject"].strip() == "Hem acceptat la vostra proposta «Festa de l'escudella al carrer»"
    assert message["Auto-Submitted"] == "auto-generated"
    notice = ProposalNotice.objects.get()
    assert message["Message-ID"] == notice.stable_message_id
    assert (notice.kind, notice.state, notice.attempts) == (NoticeKind.APPROVED, DeliveryState.SENT, 1)
    text = message.get_body(("plain",)).get_content()
    assert "L'hem acceptada" in text and "Festa de l'escudella al carrer" in text

    # A second click, a redelivered task, the sweeper: nothing more goes out.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approval_url(proposal), {"venue": "none", "notify": "on"})
    assert notices.send(notice.pk) == "skipped"
    assert notices.send_due() == 0
    assert len(sink.delivered) == 1 and ProposalNotice.objects.count() == 1
    assert not mail.outbox  # it really went over SMTP
    # The proposal's page says it went out.
    page = client.get(f"/admin/agenda/eventproposal/{proposal.pk}/change/").content.decode()
    assert "Aprovació: enviat (dijous, 26 de novembre de 2026, 12.00 h)" in page


def test_rejection_emails_the_reason(
    client, clock, editor, _eager_celery, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            rejection_url(proposal), {"reason": "Aquell dia ja hi ha la Festa Major.", "notify": "on"}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["nuria@entitat.example"]
    assert "Aquell dia ja hi ha la Festa Major." in message.body
    assert ProposalNotice.objects.get().kind == NoticeKind.REJECTED


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_no_email_when_the_box_is_unticked(
    client, clock, editor, decision, _eager_celery, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        if decision == "approve":
            response = client.post(approval_url(proposal), {"venue": "none"})
        else:
            response = client.post(rejection_url(proposal), {"reason": "Duplicada."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state in (ProposalState.APPROVED, ProposalState.REJECTED)
    assert not mail.outbox and not ProposalNotice.objects.exists()


def test_a_server_that_is_away_gets_the_same_message_later_exactly_once(
    clock, editor, sink, _eager_celery, django_capture_on_commit_callbacks
):
    proposal = make_proposal()
    sink.refusal = "451 4.3.0 Try again later"
    with django_capture_on_commit_callbacks(execute=True):
        actions.reject_proposal(proposal, editor, "Fora de termini.", notify=True)
    notice = ProposalNotice.objects.get()
    assert (notice.state, notice.attempts) == (DeliveryState.PENDING, 1)
    assert notice.due_at > timezone.now()
    assert notices.send_due() == 0  # not due yet

    sink.refusal = None
    clock.shift(timedelta(hours=2))
    assert notices.send_due() == 1
    assert notices.send_due() == 0
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (DeliveryState.SENT, 2)
    refused, accepted = sink.attempts
    # The same message both times: mail systems can tell a repeat.
    assert refused.message["Message-ID"] == accepted.message["Message-ID"] == notice.stable_message_id
    assert len(sink.delivered) == 1


def test_a_permanent_refusal_is_recorded_and_not_retried(
    clock, editor, sink, _eager_celery, django_capture_on_commit_callbacks
):
    sink.refusal = "550 5.1.1 No such user"
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_proposal(make_proposal(), editor, venue=None)
    notice = ProposalNotice.objects.get()
    assert notice.state == DeliveryState.REFUSED and "550" in notice.last_error
    clock.shift(timedelta(days=1))
    assert notices.send_due() == 0 and len(sink.attempts) == 1


def test_the_sweeper_sends_what_a_lost_task_left(clock, editor, django_capture_on_commit_callbacks):
    # The broker lost the message (no eager Celery, nothing run on commit):
    # the row is due, and the outbox's drain sends it.
    from comunicacio import outbox

    with django_capture_on_commit_callbacks(execute=False):
        actions.reject_proposal(make_proposal(), editor, "Duplicada.", notify=True)
    assert outbox.get("proposal notices").has_work(timezone.now())
    assert notices.send_due() == 1
    (message,) = mail.outbox
    assert "Duplicada." in message.body
    assert not outbox.get("proposal notices").has_work(timezone.now())
    assert EventProposal.objects.get().state == ProposalState.REJECTED
