"""What makes the back-office home look alive for the demo logins (besides
the stories in every workflow state, a returned one included): the
notifications the workflow's events leave the editor and the publisher, two
proposals from the public waiting for moderation, a press delivery that
bounced, and a live note whose working copy (the editor's correction) waits
for the publisher's review while the public page keeps the published text.

Idempotent and fast: everything is looked up first (by slug, title, address
or its unique key) and nothing existing is touched again."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from agenda.models import Category, EventProposal, ProposalState
from comunicacio.notifications import Notification
from comunicacio.publishing import working_copies
from comunicacio.publishing.models import Status, Transition
from news.models import MediaContact, NewsItem, PressDelivery, PressDistribution

PROPOSALS = [
    {
        "proposer_name": "Núria Ferrer Casas",
        "entity": "Associació de Veïns del Raval",
        "email": "nuria.ferrer@veinsraval.example",
        "title": "Festa de l'escudella al carrer",
        "summary": "Dinar popular al carrer amb escudella per a tothom i música de cobla.",
        "category": Category.FESTIVITIES,
        "venue_text": "Plaça de la Vila",
        "days_ahead": 18,
        "received_hours_ago": 30,
    },
    {
        "proposer_name": "Jaume Prat Roig",
        "entity": "Club d'Escacs Vilanova",
        "email": "jaume.prat@escacsvilanova.example",
        "title": "Torneig obert d'escacs de Nadal",
        "summary": "Torneig per a totes les edats, amb categories infantils i sènior.",
        "category": Category.SPORTS,
        "venue_text": "Casal de Cultura, sala gran",
        "days_ahead": 25,
        "received_hours_ago": 5,
    },
]

BOUNCED_CONTACT = ("Redacció antiga", "Setmanari Desaparegut", "redaccio@setmanari-desaparegut.example")


def _notify(recipient, transition, kind) -> None:
    if transition is None:
        return
    Notification.objects.get_or_create(
        recipient=recipient,
        transition=transition,
        kind=kind,
        defaults={"target": transition.target, "created_at": transition.at},
    )


def _notifications(editor, publisher) -> None:
    """What the workflow tells each of them: the publisher, the notes sent to
    review; the editor, their note returned and the ones scheduled."""
    for model in (NewsItem,):
        for item in model.objects.filter(status=Status.REVIEW, created_by=editor):
            _notify(publisher, Transition.for_item(item).filter(action="submit").first(), "submitted")
        for item in model.objects.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now()):
            _notify(editor, Transition.for_item(item).filter(action="schedule").first(), "scheduled")
        for item in model.objects.filter(status=Status.DRAFT, created_by=editor):
            _notify(editor, Transition.for_item(item).filter(action="return").first(), "returned")


def _proposals(now: datetime) -> None:
    for data in PROPOSALS:
        values = dict(data)
        days_ahead, hours_ago = values.pop("days_ahead"), values.pop("received_hours_ago")
        if EventProposal.objects.filter(title=values["title"]).exists():
            continue
        day = timezone.localtime(now + timedelta(days=days_ahead)).replace(minute=0, second=0, microsecond=0)
        proposal = EventProposal.objects.create(
            **values,
            start=day.replace(hour=13),
            end=day.replace(hour=17),
            consent_at=now - timedelta(hours=hours_ago),
            state=ProposalState.PENDING,
        )
        # The moment it was received, for a queue that reads "oldest first".
        EventProposal.objects.filter(pk=proposal.pk).update(created_at=now - timedelta(hours=hours_ago))


def _bounced_delivery() -> None:
    """One delivery of the demo's press mailing came back: an outlet that
    closed. Recorded as the bounce handling records a DSN."""
    distribution = PressDistribution.objects.filter(news__embargo_until__isnull=False).first()
    if distribution is None:
        return
    name, outlet, email = BOUNCED_CONTACT
    contact, _ = MediaContact.objects.get_or_create(email=email, defaults={"name": name, "outlet": outlet})
    if PressDelivery.objects.filter(distribution=distribution, contact=contact).exists():
        return
    delivery = PressDelivery.initial(subscribed=True, distribution=distribution, contact=contact, email=email)
    delivery.save()
    delivery.record_bounce(True, "550 5.1.1 <redaccio@setmanari-desaparegut.example>: User unknown")


def _working_copy(editor) -> None:
    """The editor corrects a live note: the change waits, as a working copy
    sent to review, for the publisher."""
    if working_copies.WorkingCopy.objects.exists():
        return
    item = (
        NewsItem.objects.visible()
        .filter(is_alert=False, embargo_until__isnull=True)
        .order_by("-publish_at")
        .first()
    )
    if item is None:
        return

    def correct(draft):
        added = "Actualització: s'hi han afegit els horaris i el telèfon d'informació."
        kept = draft.summary.rstrip(".")[: 300 - len(added) - 2]  # the summary's limit
        draft.summary = f"{kept}. {added}"
        draft.save()

    working_copies.edit(item, editor, correct)
    working_copies.submit(item, editor, comment="He afegit els horaris que ens ha passat el servei.")


@transaction.atomic
def load(people: dict) -> None:
    _notifications(people["redaccio"], people["cap"])
    _proposals(timezone.now())
    _working_copy(people["redaccio"])


@transaction.atomic
def load_press() -> None:
    """After the press demo (its distributions exist then)."""
    _bounced_delivery()
