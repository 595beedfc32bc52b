"""The panels apps declare from their hooks.py: news (alerts, embargoed
notes, press deliveries to check), social (posts to check) and the agenda
(proposals to moderate)."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comunicacio import dashboard
from comunicacio.publishing.models import Status
from news.press.models import MediaContact, PressDelivery, PressDistribution
from social.models import Outdated, PostState, Removal, SocialAccount, SocialPost
from tests.factories import MADRID, make_news, make_user
from tests.factories.proposals import make_proposal

pytestmark = pytest.mark.django_db


def panel(name):
    return next(p for p in dashboard.panels_for(make_user("superuser")) if p.name == name)


def titles(rows):
    return [row.title for row in rows]


def test_live_alerts_are_the_alerts_the_public_sees_now(publisher, unit):
    now = timezone.now()
    live = make_news(
        unit=unit,
        kind="notice",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=2),
        is_alert=True,
        alert_start=now - timedelta(hours=1),
        alert_end=now + timedelta(days=1),
        title="Tall d'aigua",
    )
    make_news(
        unit=unit,
        kind="notice",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=3),
        is_alert=True,
        alert_start=now - timedelta(days=2),
        alert_end=now - timedelta(days=1),
        title="Passada",
    )
    make_news(unit=unit, kind="notice", is_alert=True, alert_start=now, title="Esborrany d'alerta")
    rows = panel("news.alerts").rows(publisher, now)
    assert titles(rows) == ["Tall d'aigua"]
    assert rows[0].url == reverse("admin:news_newsitem_change", args=[live.pk])
    assert rows[0].kind == "Important"
    assert "fins" in rows[0].meta


def test_embargoed_press_notes_and_when_the_embargo_lifts(publisher, unit):
    now = datetime(2026, 12, 1, 12, 0, tzinfo=MADRID)
    make_news(
        unit=unit,
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
        embargo_until=datetime(2026, 12, 3, 9, 0, tzinfo=MADRID),
        title="Pressupostos 2027",
    )
    make_news(
        unit=unit,
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=2),
        embargo_until=now - timedelta(days=1),
        title="Ja aixecat",
    )
    rows = panel("news.embargoed").rows(publisher, now)
    assert titles(rows) == ["Pressupostos 2027"]
    assert rows[0].meta == "L'embargament s'aixeca dijous, 3 de desembre, 9.00 h"


def test_press_deliveries_that_failed_or_bounced(publisher, unit):
    item = make_news(unit=unit, status=Status.PUBLISHED, title="Nota enviada")
    distribution = PressDistribution.objects.create(news=item)
    states = [
        PressDelivery.State.FAILED,
        PressDelivery.State.BOUNCED,
        PressDelivery.State.BOUNCED,
        PressDelivery.State.SENT,
    ]
    for number, state in enumerate(states):
        contact = MediaContact.objects.create(name=f"Periodista {number}", email=f"p{number}@diari.example")
        PressDelivery.objects.create(
            distribution=distribution, contact=contact, email=contact.email, state=state
        )
    fine = make_news(unit=unit, status=Status.PUBLISHED, title="Tot bé")
    contact = MediaContact.objects.create(name="Una altra", email="altra@diari.example")
    PressDelivery.objects.create(
        distribution=PressDistribution.objects.create(news=fine),
        contact=contact,
        email=contact.email,
        state=PressDelivery.State.SENT,
    )
    rows = panel("news.deliveries").rows(publisher, timezone.now())
    assert titles(rows) == ["Nota enviada"]
    assert rows[0].meta == "Enviaments als mitjans: 1 fallit, 2 retornats"


@pytest.fixture
def account(db):
    account = SocialAccount(
        network="mastodon",
        name="@ajuntament",
        api_base="https://mastodon.example",
        default_kinds=["news.press"],
    )
    account.set_credentials({"access_token": "a" * 43})
    account.save()
    return account


def test_social_posts_that_failed_or_need_checking(publisher, unit, account):
    failed, manual, flagged, fine = (
        make_news(unit=unit, title=title) for title in ("Fallida", "A mà", "Desfasada", "Bé")
    )
    SocialPost.for_item(failed).update(state=PostState.FAILED, last_error="HTTP 500")
    SocialPost.for_item(manual).update(state=PostState.SENT, removal=Removal.MANUAL)
    SocialPost.for_item(flagged).update(
        state=PostState.SENT, outdated=Outdated.FLAGGED, outdated_note="Nova hora"
    )
    SocialPost.for_item(fine).update(state=PostState.SENT)
    rows = panel("social.to_check").rows(publisher, timezone.now())
    assert sorted(titles(rows)) == ["A mà", "Desfasada", "Fallida"]
    by_title = {row.title: row for row in rows}
    assert by_title["Fallida"].meta == "Ha fallat: HTTP 500"
    assert by_title["Fallida"].url == reverse("admin:news_newsitem_change", args=[failed.pk])
    assert by_title["Desfasada"].meta.endswith("(Nova hora)")
    # A member of staff who may not see the social posts has no such panel.
    assert "social.to_check" not in [p.name for p in dashboard.panels_for(make_user(None))]


def test_proposals_waiting_for_moderation_oldest_first(editor, siteadmin):
    newer = make_proposal(title="Concert de Nadal")
    older = make_proposal(title="Festa de l'escudella")
    make_proposal(title="Ja decidida", state="rejected")
    type(older).objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=2))
    rows = panel("agenda.proposals").rows(editor, timezone.now())
    assert titles(rows) == ["Festa de l'escudella", "Concert de Nadal"]
    assert rows[0].url == reverse("admin:agenda_eventproposal_change", args=[older.pk])
    assert "Associació de Veïns del Raval" in rows[0].meta
    assert newer.pk
    # Site administrators do not moderate proposals.
    assert "agenda.proposals" not in [p.name for p in dashboard.panels_for(siteadmin)]


def test_app_panels_run_the_same_queries_for_one_row_and_for_many(
    publisher, unit, account, django_assert_max_num_queries
):
    def build():
        now = timezone.now()
        item = make_news(
            unit=unit,
            kind="notice",
            status=Status.PUBLISHED,
            publish_at=now - timedelta(hours=2),
            is_alert=True,
            alert_start=now - timedelta(hours=1),
        )
        SocialPost.for_item(item).update(state=PostState.FAILED)
        make_news(unit=unit, status=Status.PUBLISHED, embargo_until=now + timedelta(days=1))
        make_proposal()

    names = ["news.alerts", "news.embargoed", "news.deliveries", "social.to_check", "agenda.proposals"]
    build()
    fresh = type(publisher).objects.get(pk=publisher.pk)
    counts = {}
    for name in names:
        with django_assert_max_num_queries(10) as captured:
            assert panel(name).rows(fresh, timezone.now()) or name == "news.deliveries"
        counts[name] = len(captured.captured_queries)
    for _ in range(5):
        build()
    for name in names:
        with django_assert_max_num_queries(counts[name]):
            panel(name).rows(fresh, timezone.now())
