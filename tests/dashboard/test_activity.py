"""Recent activity told as sentences, in the reader's language, with the
time relative to now; an unknown action code never shows."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from comunicacio.dashboard import queries
from comunicacio.dashboard.panels import relative_time
from comunicacio.publishing import actions, workflow
from comunicacio.publishing.models import Transition
from tests.factories import make_news, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def marta(db):
    return make_user("editor", first_name="Marta", last_name="")


@pytest.fixture
def joan(db):
    return make_user("publisher", first_name="Joan", last_name="Vila")


def sentences(user, now):
    return [(row.title, row.meta) for row in queries.activity(user, now)]


def test_every_workflow_action_reads_as_a_catalan_sentence(marta, joan, unit):
    item = make_news(unit=unit, created_by=marta, title="Piscina d'estiu")
    actions.submit(item, marta, comment="Primera versió")
    actions.return_to_draft(item, joan, comment="Falta l'horari")
    actions.submit(item, marta)
    actions.approve(item, joan)
    actions.schedule(item, joan, timezone.now() + timedelta(days=1))
    item.refresh_from_db()
    # Publish now, withdraw, archive and reopen on a second item.
    other = make_news(unit=unit, created_by=marta, title="Ple de desembre")
    actions.publish(other, joan)
    actions.withdraw(other, joan)
    actions.archive(other, joan)
    actions.reopen(other, marta)

    got = [title for title, _meta in sentences(joan, timezone.now())]
    assert got == [
        "Marta ha tornat a esborrany «Ple de desembre»",
        "Joan Vila ha arxivat «Ple de desembre»",
        "Joan Vila ha retirat «Ple de desembre»",
        "Joan Vila ha publicat «Ple de desembre»",
        "Joan Vila ha programat «Piscina d'estiu»",
        "Joan Vila ha aprovat «Piscina d'estiu»",
        "Marta ha enviat a revisió «Piscina d'estiu»",
        "Joan Vila ha retornat «Piscina d'estiu»",
        "Marta ha enviat a revisió «Piscina d'estiu»",
    ]
    notes = {row.title: row.note for row in queries.activity(joan, timezone.now())}
    assert notes["Joan Vila ha retornat «Piscina d'estiu»"] == "Falta l'horari"


def test_the_time_is_relative_to_now(marta, unit):
    item = make_news(unit=unit, created_by=marta, title="Obres")
    transition = actions.submit(item, marta)
    Transition.objects.filter(pk=transition.pk).update(at=timezone.now() - timedelta(minutes=5, seconds=10))
    title, meta = sentences(marta, timezone.now())[0]
    # Django's timesince keeps the number and its unit together (a no-break space).
    assert f"{title} {meta}" == "Marta ha enviat a revisió «Obres» fa 5\xa0minuts"
    now = timezone.now()
    assert relative_time(now - timedelta(seconds=20), now) == "ara mateix"
    assert relative_time(now - timedelta(days=2, hours=3), now) == "fa 2\xa0dies"
    assert relative_time(now + timedelta(hours=3, minutes=1), now) == "d'aquí a 3\xa0hores"


def test_the_same_activity_in_spanish(marta, joan, unit):
    item = make_news(unit=unit, created_by=marta, title="Obres")
    transition = actions.submit(item, marta)
    Transition.objects.filter(pk=transition.pk).update(at=timezone.now() - timedelta(minutes=5, seconds=10))
    actions.return_to_draft(item, joan, comment="No")
    with translation.override("es"):
        rows = sentences(marta, timezone.now())
    assert rows[0] == ("Joan Vila ha devuelto «Obres»", "ahora mismo")
    assert rows[1] == ("Marta ha enviado a revisión «Obres»", "hace 5\xa0minutos")


def test_an_unknown_action_reads_as_a_generic_sentence(marta, unit):
    item = make_news(unit=unit, created_by=marta, title="Festa major")
    workflow.note(item, marta, "press_sent_after_publication", "Enviada a 12 mitjans")
    Transition.objects.create(
        target=item, action="zzz_unknown", from_status="draft", to_status="draft", user=None
    )
    rows = sentences(marta, timezone.now())
    assert rows[0][0] == "Algú ha fet un canvi a «Festa major»"
    assert rows[1][0] == "Marta ha fet un canvi a «Festa major»"
    assert not any("zzz_unknown" in title or "press_sent" in title for title, _meta in rows)
    with translation.override("es"):
        assert sentences(marta, timezone.now())[0][0] == "Alguien ha hecho un cambio en «Festa major»"
