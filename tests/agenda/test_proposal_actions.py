"""The proposal actions, called as the admin calls them: approval saves the
new event through the agenda's own action (occurrences materialised, its
first revision recorded) and submits it to review, never further; rejection
needs a reason and decides a proposal once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from agenda.models import Category, Event, EventProposal, Occurrence, ProposalState
from agenda.proposals import actions
from comunicacio.publishing.models import Effect, Revision, Status, Transition
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture(autouse=True)
def _november():
    with time_machine.travel(datetime(2026, 11, 26, 12, 0, tzinfo=MADRID), tick=False):
        yield


@pytest.fixture
def editor():
    return make_user("editor")


def pending(**fields) -> EventProposal:
    values = {
        "proposer_name": "Núria Ferrer",
        "entity": "Associació de Veïns del Raval",
        "email": "nuria@entitat.example",
        "title": "Festa de l'escudella al carrer",
        "summary": "Dinar popular al carrer.",
        "category": Category.FESTIVITIES,
        "start": datetime(2026, 12, 13, 13, 0, tzinfo=MADRID),
        "end": datetime(2026, 12, 13, 17, 0, tzinfo=MADRID),
        "venue_text": "Plaça de la Vila",
        "consent_at": datetime(2026, 11, 25, 9, 0, tzinfo=MADRID),
    }
    values.update(fields)
    return EventProposal.objects.create(**values)


def test_approval_saves_the_event_through_the_agenda_action_and_submits_it(editor):
    proposal = pending()
    event = actions.approve_proposal(proposal, editor)

    assert event.status == Status.REVIEW
    # Saved by agenda.actions.save_event: its one date is materialised.
    (occurrence,) = Occurrence.objects.filter(event=event)
    assert occurrence.start == proposal.start
    created, submitted = Revision.for_item(event).order_by("created_at", "pk")
    assert created.comment == "Creada a partir d'una proposta"
    assert created.user == editor
    assert submitted.comment == "Enviat a revisió"
    transition = Transition.for_item(event).get()
    assert transition.action == "submit"
    assert transition.comment.startswith(f"Proposta núm. {proposal.pk} de Associació de Veïns del Raval")
    # Nothing public: a draft in review has no side effects.
    assert not Effect.for_item(event).exists()
    assert not Event.objects.visible().exists()

    proposal.refresh_from_db()
    assert (proposal.state, proposal.event, proposal.decided_by) == (ProposalState.APPROVED, event, editor)


def test_approval_needs_someone_who_may_create_events():
    proposal = pending()
    with pytest.raises(actions.ProposalError):
        actions.approve_proposal(proposal, make_user(None))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING
    assert not Event.objects.exists()


def test_a_decided_proposal_is_not_decided_again(editor):
    proposal = pending()
    actions.reject_proposal(proposal, editor, "Duplicada.")
    with pytest.raises(actions.ProposalError, match="ja està rebutjada"):
        actions.approve_proposal(proposal, editor)
    with pytest.raises(actions.ProposalError):
        actions.reject_proposal(proposal, editor, "Un altre motiu.")
    proposal.refresh_from_db()
    assert proposal.rejection_reason == "Duplicada."
    assert not Event.objects.exists()


def test_rejection_needs_a_reason_and_emails_it_once_committed_if_asked(
    editor, django_capture_on_commit_callbacks, _eager_celery
):
    proposal = pending()
    with pytest.raises(actions.ProposalError, match="Indiqueu el motiu"):
        actions.reject_proposal(proposal, editor, "  ", notify=True)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.reject_proposal(proposal, editor, "Coincideix amb la Festa Major.", notify=True)
        assert not mail.outbox  # not before the decision is committed
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["nuria@entitat.example"]
    assert "Coincideix amb la Festa Major." in message.body
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == (ProposalState.REJECTED, editor)


def test_submitting_stores_the_proposal_and_confirms_it_once_committed(django_capture_on_commit_callbacks):
    values = {
        field: getattr(pending(), field)
        for field in ("proposer_name", "entity", "email", "title", "summary", "category", "start", "end")
    }
    EventProposal.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = actions.submit_proposal({**values, "venue_text": "Plaça de la Vila", "image": None})
    assert proposal.state == ProposalState.PENDING
    assert proposal.consent_at is not None
    (message,) = mail.outbox
    assert message.to == ["nuria@entitat.example"]
