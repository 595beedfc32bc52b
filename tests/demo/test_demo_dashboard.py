"""The demo's back-office home is alive: every panel has rows for the demo
editor or publisher (the social one aside: a failed post needs a network
that fails), and they come from the workflow."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from comunicacio import dashboard
from comunicacio.notifications import Notification

# Posts fail only when a network refuses them; the local fakes accept all.
NOT_IN_THE_DEMO = {"social.to_check"}


def rows_by_panel(username):
    user = get_user_model().objects.get(username=username)
    now = timezone.now()
    return {panel.name: panel.rows(user, now) for panel in dashboard.panels_for(user)}


def test_every_panel_has_rows_for_the_demo_editor_and_publisher(demo):
    editor = rows_by_panel("redaccio")
    publisher = rows_by_panel("cap")
    assert "review" not in editor and "review" in publisher
    for name in {*editor, *publisher} - NOT_IN_THE_DEMO:
        assert editor.get(name) or publisher.get(name), f"the demo leaves the panel {name} empty"
    # Both have notifications: the publisher, the notes sent to review.
    assert editor["notifications"] and publisher["notifications"]
    assert "Retornat per Jordi Ferrer Vidal" in editor["returned"][0].meta
    assert editor["returned"][0].note.startswith("Hi falta l'adreça")
    activity = [row.title for row in publisher["activity"]]
    assert any(title.startswith("Laia Puig Serra ha enviat a revisió") for title in activity)
    assert any(title.startswith("Jordi Ferrer Vidal ha") for title in activity)


def test_the_demo_has_a_live_note_whose_working_copy_waits_for_review(demo):
    from comunicacio.publishing.working_copies import WorkingCopy

    copy = WorkingCopy.objects.get()
    item = copy.target
    assert copy.state == WorkingCopy.State.REVIEW and copy.author.username == "redaccio"
    assert item.is_visible() and "Actualització" not in item.summary
    assert "Actualització" in copy.data["summary"]
    titles = [row.title for row in rows_by_panel("cap")["review"]]
    assert any(item.title in title for title in titles)


def test_loading_again_adds_no_notification_proposal_or_delivery(demo):
    from agenda.models import EventProposal
    from news.models import PressDelivery

    def count():
        return Notification.objects.count(), EventProposal.objects.count(), PressDelivery.objects.count()

    before = count()
    call_command("load_demo", stdout=io.StringIO())
    assert count() == before
