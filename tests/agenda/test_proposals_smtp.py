"""The proposer's confirmation goes through a real SMTP conversation; a mail
server that refuses it does not lose the proposal nor show an error."""

import pytest
from django.core import mail

from agenda.models import EventProposal
from tests.factories.proposals import fresh_token, post, valid_data
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


def test_confirmation_reaches_the_smtp_server(client, clock, sink, django_capture_on_commit_callbacks):
    token = fresh_token(client, clock)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, valid_data(token)).status_code == 302
    (message,) = sink.delivered
    assert message["To"] == "nuria@entitat.example"
    assert message["Subject"].strip() == "Hem rebut la vostra proposta: «Festa de l'escudella al carrer»"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Plaça de la Vila" in text and "Plaça de la Vila" in html
    assert not mail.outbox  # it really went over SMTP


def test_refused_confirmation_keeps_the_proposal(client, clock, sink, django_capture_on_commit_callbacks):
    sink.refusal = "554 5.7.1 Rejected"
    token = fresh_token(client, clock)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data(token))
    assert response.status_code == 302
    assert EventProposal.objects.count() == 1
    assert [attempt.outcome for attempt in sink.attempts] == ["rejected"]
