"""A working copy's steps tell people like the item's own transitions do:
sent to review → its publishers; returned, approved, published → the copy's
author (who may not be the item's), never the one who acted."""

import pytest
from django.utils import timezone

from comunicacio.dashboard import queries
from comunicacio.notifications import Notification
from comunicacio.publishing import working_copies
from tests.factories import make_live_news, make_user

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_each_step_of_a_copy_notifies_the_publishers_or_the_copys_author(unit):
    item_author = make_user("editor")
    live = make_live_news(unit, title="Festa major")
    live.created_by = item_author
    live.save(update_fields=["created_by"])
    copy_author = make_user("editor")
    publisher = make_user("publisher")

    def write(draft):
        draft.title = "Festa major 2027"
        draft.save()

    working_copies.edit(live, copy_author, write)
    working_copies.submit(live, copy_author, comment="Llest")
    assert kinds_for(publisher) == [Notification.Kind.SUBMITTED]
    assert kinds_for(copy_author) == []

    working_copies.return_to_draft(live, publisher, comment="Falta la data")
    working_copies.submit(live, copy_author)
    working_copies.approve(live, publisher)
    working_copies.publish(live, publisher)
    assert sorted(kinds_for(copy_author)) == sorted(
        [Notification.Kind.RETURNED, Notification.Kind.APPROVED, Notification.Kind.PUBLISHED]
    )
    # The item's own author wrote none of these changes.
    assert kinds_for(item_author) == []
    assert kinds_for(publisher).count(Notification.Kind.SUBMITTED) == 2


def test_a_copy_sent_to_review_is_in_the_publishers_review_queue(unit):
    live = make_live_news(unit, title="Festa major")
    editor, publisher = make_user("editor"), make_user("publisher")

    def write(draft):
        draft.title = "Festa major 2027"
        draft.save()

    working_copies.edit(live, editor, write)
    assert queries.awaiting_review(publisher, timezone.now()) == []
    working_copies.submit(live, editor, comment="Nou horari")
    [row] = queries.awaiting_review(publisher, timezone.now())
    assert "Festa major" in row.title and "còpia de treball" in row.title
    assert "Nou horari" in row.note and row.url.endswith(f"/{live.pk}/change/")
    assert queries.awaiting_review(editor, timezone.now()) == []
