"""The press mailing with a real Celery worker process (prefork pool, embedded
beat) against Redis and PostgreSQL, through a real SMTP conversation with the
aiosmtpd sink: every journalist receives exactly one copy, before the embargo
lifts, even when the worker is killed in the middle of a batch.

The in-process tests of the same code (SQLite too) are in
``tests/news/test_media_relations.py``."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicacio.publishing import workflow
from news.models import Kind, NewsItem
from news.press.models import DistributionList, MediaContact, PressDelivery, PressDistribution
from tests.support.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL): "
        "the row lock recovery and the Redis broker are what is tested",
    ),
]

BATCH_RECEIVED = r"Task news\.tasks\.send_press_batch\[[^\]]+\] received"


@pytest.fixture
def fast_batches(monkeypatch):
    """Small batches at a high rate, so a few contacts take several batches
    (the worker reads its settings from the environment)."""
    monkeypatch.setenv("PRESS_BATCH_SIZE", "2")
    monkeypatch.setenv("PRESS_SEND_RATE_PER_MINUTE", "6000")


@pytest.fixture
def journalists():
    press = DistributionList.objects.create(name="Premsa local")
    culture = DistributionList.objects.create(name="Cultura")
    contacts = []
    for number in range(7):
        contact = MediaContact.objects.create(
            name=f"Periodista {number}", email=f"periodista{number}@diari.example", language="ca"
        )
        press.contacts.add(contact)
        if number % 2:
            culture.contacts.add(contact)  # on both lists: still one copy
        contacts.append(contact)
    return contacts, [press, culture]


def embargoed_note(make_notice, lists) -> NewsItem:
    item = make_notice(
        title="Pressupost municipal 2027",
        kind=Kind.PRESS_NOTE,
        embargo_until=timezone.now() + timedelta(hours=6),
    )
    distribution = PressDistribution.objects.create(news=item)
    distribution.lists.set(lists)
    return item


def pending_left(item) -> int:
    return PressDelivery.objects.filter(distribution__news=item, state=PressDelivery.State.PENDING).count()


def is_locked(delivery: PressDelivery) -> bool:
    with transaction.atomic():
        return not PressDelivery.objects.select_for_update(skip_locked=True).filter(pk=delivery.pk).exists()


def delivered_to(sink) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in sink.delivered:
        address = str(message["To"]).rsplit("<", 1)[-1].strip(">")
        counts[address] = counts.get(address, 0) + 1
    return counts


def test_every_journalist_gets_one_copy_before_the_embargo_and_refusals_are_recorded(
    celery_workers, smtp_sink, fast_batches, journalists, make_notice, superuser
):
    contacts, lists = journalists
    refused = contacts[3].email

    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        if address == refused:
            return "550 5.1.1 Mailbox unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_sink.handle_RCPT = handle_RCPT
    smtp_sink.start()
    # No sweeps: the batches chain themselves from the on-commit enqueue.
    worker = celery_workers(sweep_seconds=3600)
    item = embargoed_note(make_notice, lists)

    workflow.perform(item, "publish", superuser)

    wait_for(lambda: pending_left(item) == 0 and PressDelivery.objects.exists(), 30, "every delivery handled")
    assert not NewsItem.objects.visible().filter(pk=item.pk).exists()  # still embargoed
    expected = {contact.email: 1 for contact in contacts if contact.email != refused}
    assert delivered_to(smtp_sink) == expected
    for message in smtp_sink.delivered:
        assert str(message["Subject"]).strip().startswith("EMBARGAT FINS A ")
        assert message["X-Embargo-Until"] == timezone.localtime(item.embargo_until).isoformat()
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/ca/noticies/premsa/baixa/" in message["List-Unsubscribe"]
        assert len(message.get_all("To")) == 1 and "," not in str(message["To"])
        assert message["Message-ID"].startswith("<press-")
    rejected = PressDelivery.objects.get(email=refused)
    assert (rejected.state, rejected.last_error) == (PressDelivery.State.REFUSED, "550 5.1.1 Mailbox unknown")
    # Seven journalists in batches of two: a chain of four batches.
    assert worker.count(BATCH_RECEIVED) == 4
    wait_for(
        lambda: PressDistribution.objects.get(news=item).state == PressDistribution.State.DONE,
        10,
        "the distribution marked done",
    )


def test_a_worker_killed_mid_batch_neither_loses_nor_duplicates_a_copy(
    celery_workers, smtp_sink, fast_batches, journalists, make_notice, superuser
):
    contacts, lists = journalists
    accept_data = smtp_sink.handle_DATA

    async def hold_the_third(server, session, envelope):
        if len(smtp_sink.attempts) == 2:
            smtp_sink.hold()
        return await accept_data(server, session, envelope)

    smtp_sink.handle_DATA = hold_the_third
    smtp_sink.start()
    # The first worker never sweeps: what it sends comes from the on-commit chain.
    first = celery_workers(sweep_seconds=3600)
    item = embargoed_note(make_notice, lists)

    workflow.perform(item, "publish", superuser)

    wait_for(lambda: len(smtp_sink.attempts) == 3, 30, "the third message to reach DATA")
    assert smtp_sink.attempts[2].outcome == "waiting"
    in_flight = PressDelivery.objects.get(email=smtp_sink.attempts[2].recipients[0])
    assert is_locked(in_flight)
    assert PressDelivery.objects.filter(state=PressDelivery.State.SENT).count() == 2

    first.kill()

    wait_for(lambda: not is_locked(in_flight), 10, "the row lock to be released")
    in_flight.refresh_from_db()
    assert (in_flight.state, in_flight.attempts) == (PressDelivery.State.PENDING, 0)
    smtp_sink.release()
    wait_for(lambda: smtp_sink.attempts[2].outcome != "waiting", 5, "the sink to see the sender gone")
    assert smtp_sink.attempts[2].outcome == "abandoned"

    celery_workers()  # sweeps every 0.5 s: the beat entry resumes the chain

    wait_for(lambda: pending_left(item) == 0, 30, "the remaining deliveries sent")
    assert delivered_to(smtp_sink) == {contact.email: 1 for contact in contacts}
    assert PressDelivery.objects.filter(distribution__news=item).count() == len(contacts)
    in_flight.refresh_from_db()
    assert (in_flight.state, in_flight.attempts) == (PressDelivery.State.SENT, 1)
    resent = [a for a in smtp_sink.attempts if a.recipients == [in_flight.email]]
    assert [a.outcome for a in resent] == ["abandoned", "accepted"]
    assert (
        resent[0].message["Message-ID"]
        == resent[1].message["Message-ID"]
        == f"<press-{in_flight.pk}@ajuntament.example>"
    )
