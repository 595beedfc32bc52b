"""Items of every registered public content type, in states the public
cannot see, for the preview's tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing.models import Status


@pytest.fixture
def spanish_draft(db, editor, unit):
    """A draft news item written by ``editor``, translated into Spanish."""
    from tests.factories import make_news

    return make_news(
        unit=unit,
        created_by=editor,
        title="La piscina d'estiu obre dissabte",
        title_es="La piscina de verano abre el sábado",
        summary="La piscina municipal obre de 10 a 20 h cada dia.",
        summary_es="La piscina municipal abre de 10 a 20 h cada día.",
        body="<p>Entrada gratuïta el primer dia.</p>",
        body_es="<p>Entrada gratuita el primer día.</p>",
    )


@pytest.fixture
def event_in_review(db):
    from tests.factories import make_event

    start = timezone.now() + timedelta(days=5)
    return make_event(
        title="Concert a la plaça Major",
        title_es="Concierto en la plaza Mayor",
        status=Status.REVIEW,
        publish_at=None,
        sessions=[(start, start + timedelta(hours=2))],
    )


@pytest.fixture
def scheduled_entry(db):
    from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry

    holder = Holder.objects.create(name="Anna Puig i Serra", position="Alcaldessa", slug="anna-puig", order=1)
    return InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=2),
        subject="Reunió amb l'Associació de Veïns del Molí",
        category=InstitutionalCategory.MEETING,
        status=Status.APPROVED,  # approved with a future time: scheduled
        publish_at=timezone.now() + timedelta(days=1),
    )
