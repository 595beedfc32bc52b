"""The foundation's dashboard panels, per role: generic over the registered
content types and within the user's unit scopes."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comunicacio import dashboard, roles
from comunicacio.dashboard import queries
from comunicacio.publishing import actions
from comunicacio.publishing.models import Status, Transition
from comunicacio.role_scopes import UnitScope
from tests.factories import MADRID, make_event, make_news, make_unit, make_user

pytestmark = pytest.mark.django_db


def titles(rows):
    return [row.title for row in rows]


def panel_names(user):
    return [panel.name for panel in dashboard.panels_for(user)]


def test_an_editor_sees_their_own_drafts_and_no_review_queue(editor, unit):
    mine = make_news(unit=unit, created_by=editor, title="La meva nota")
    make_news(unit=unit, created_by=make_user("editor"), title="La nota d'un altre")
    other_review = make_news(unit=unit, created_by=make_user("editor"), title="En revisió d'un altre")
    actions.submit(other_review, other_review.created_by)

    assert titles(queries.my_drafts(editor, timezone.now())) == ["La meva nota"]
    assert "review" not in panel_names(editor)
    assert "drafts" in panel_names(editor)
    row = queries.my_drafts(editor, timezone.now())[0]
    assert row.url == reverse("admin:news_newsitem_change", args=[mine.pk])
    assert row.kind == "Notícia"


def test_a_draft_returned_to_its_author_shows_the_reviewers_comment(editor, publisher, unit):
    item = make_news(unit=unit, created_by=editor, title="Festa major")
    actions.submit(item, editor, comment="Ja la podeu mirar")
    actions.return_to_draft(item, publisher, comment="Falta l'horari del concert.")

    now = timezone.now()
    returned = queries.returned_to_me(editor, now)
    assert titles(returned) == ["Festa major"]
    assert returned[0].note == "Falta l'horari del concert."
    assert returned[0].meta.startswith(f"Retornat per {publisher.get_full_name() or publisher.username}")
    # Not twice: the plain drafts panel leaves it to the returned one.
    assert titles(queries.my_drafts(editor, now)) == []
    # Someone else's returned draft is not theirs.
    assert queries.returned_to_me(make_user("editor"), now) == []


def test_the_review_queue_is_oldest_first_across_content_types(editor, publisher, unit):
    news = make_news(unit=unit, created_by=editor, title="Nota recent")
    event = make_event(title="Concert antic", status=Status.DRAFT, publish_at=None, created_by=editor)
    older = make_news(unit=unit, created_by=editor, title="Nota més antiga")
    for item in (news, event, older):
        actions.submit(item, editor, comment=f"Revisa «{item.title}»")
    now = timezone.now()
    for item, hours in ((news, 1), (event, 2), (older, 3)):
        Transition.for_item(item).filter(action="submit").update(at=now - timedelta(hours=hours))

    rows = queries.awaiting_review(publisher, now)
    assert titles(rows) == ["Nota més antiga", "Concert antic", "Nota recent"]
    assert rows[0].note == "Revisa «Nota més antiga»"
    assert rows[1].kind == "Activitat"
    assert rows[1].url == reverse("admin:agenda_event_change", args=[event.pk])
    assert "review" in panel_names(publisher)


def test_a_unit_scoped_publisher_sees_only_their_units_items(editor):
    culture, sports = make_unit("Cultura"), make_unit("Esports")
    scoped = make_user("publisher")
    UnitScope.objects.create(group=Group.objects.get(name=roles.PUBLISHERS), user=scoped, unit=culture)
    ours = make_news(unit=culture, created_by=editor, title="Nota de cultura")
    theirs = make_news(unit=sports, created_by=editor, title="Nota d'esports")
    for item in (ours, theirs):
        actions.submit(item, editor)
    soon = timezone.now() + timedelta(days=2)
    for title, unit in (("Programada de cultura", culture), ("Programada d'esports", sports)):
        make_news(unit=unit, status=Status.PUBLISHED, publish_at=soon, title=title)

    now = timezone.now()
    assert titles(queries.awaiting_review(scoped, now)) == ["Nota de cultura"]
    assert titles(queries.scheduled_soon(scoped, now)) == ["Programada de cultura"]
    activity = titles(queries.activity(scoped, now))
    assert any("Nota de cultura" in sentence for sentence in activity)
    assert not any("Nota d'esports" in sentence for sentence in activity)
    # An unscoped publisher sees both.
    assert len(queries.awaiting_review(make_user("publisher"), now)) == 2


def test_scheduled_items_of_the_next_seven_days_with_their_go_live_time(publisher, unit):
    now = datetime(2026, 12, 1, 12, 0, tzinfo=MADRID)
    make_news(
        unit=unit,
        status=Status.PUBLISHED,
        publish_at=datetime(2026, 12, 3, 9, 0, tzinfo=MADRID),
        title="Dijous",
    )
    make_news(
        unit=unit,
        status=Status.PUBLISHED,
        publish_at=datetime(2026, 12, 9, 9, 0, tzinfo=MADRID),
        title="Massa tard",
    )
    make_news(unit=unit, status=Status.PUBLISHED, publish_at=now - timedelta(hours=1), title="Ja publicada")
    make_news(
        unit=unit,
        status=Status.APPROVED,
        publish_at=datetime(2026, 12, 2, 9, 0, tzinfo=MADRID),
        title="Aprovada",
    )

    rows = queries.scheduled_soon(publisher, now)
    assert titles(rows) == ["Dijous"]
    assert rows[0].when_text == "dijous, 3 de desembre, 9.00 h"
    assert rows[0].meta == "Es publicarà dijous, 3 de desembre, 9.00 h"


def test_nobody_without_a_view_permission_gets_rows(unit):
    outsider = make_user(None)  # staff, but no permission on any content type
    item = make_news(unit=unit, status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
    assert queries.scheduled_soon(outsider, timezone.now()) == []
    assert queries.activity(outsider, timezone.now()) == []
    assert "review" not in panel_names(outsider)
    assert item.pk


def test_each_panel_runs_the_same_queries_for_one_item_and_for_many(editor, publisher, unit):
    def build(count):
        for number in range(count):
            draft = make_news(unit=unit, created_by=editor, title=f"Esborrany {number}")
            review = make_news(unit=unit, created_by=editor, title=f"Revisió {number}")
            actions.submit(review, editor, comment="Mireu-la")
            returned = make_news(unit=unit, created_by=editor, title=f"Retornada {number}")
            actions.submit(returned, editor)
            actions.return_to_draft(returned, publisher, comment="No")
            make_news(unit=unit, status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
            assert draft.pk

    def counts():
        now = timezone.now()
        found = {}
        for panel in dashboard.panels_for(publisher) + dashboard.panels_for(editor):
            for user in (editor, publisher):
                if not panel.visible(user):
                    continue
                # Fresh users: the role cache must not hide queries.
                fresh = type(user).objects.get(pk=user.pk)
                roles.grants(fresh)
                with CaptureQueriesContext(connection) as captured:
                    panel.rows(fresh, now)
                found[(panel.name, user.pk)] = len(captured)
        return found

    build(1)
    one = counts()
    build(6)
    many = counts()
    assert one == many
    assert max(many.values()) <= 8
