"""The social dashboard with a post flagged after its event was cancelled,
and the page where a publisher reviews the offered correction: both usable
with the keyboard and free of axe violations in the parts this app renders."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from social.models import Outdated, PostState, SocialAccount, SocialPost
from tests.factories import make_event, make_user
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def flagged_post(roles_ready):
    account = SocialAccount(
        network="mastodon",
        name="@ajuntament",
        api_base="https://mastodon.example",
        default_kinds=["agenda.event"],
    )
    account.set_credentials({"access_token": "a" * 43})
    account.save()
    start = timezone.now() + timedelta(days=5)
    event = make_event(title="Cinema a la fresca", sessions=[(start, start + timedelta(hours=2))])
    event.event_status = "cancelled"
    event.save()
    SocialPost.for_item(event).update(
        state=PostState.SENT,
        sent_at=timezone.now(),
        remote_id="110000000000000001",
        remote_url="https://mastodon.example/@ajuntament/110000000000000001",
        outdated=Outdated.FLAGGED,
        outdated_note="Cancel·lat",
    )
    return SocialPost.for_item(event).get()


def assert_accessible(page):
    results = Axe().run(page, context="#content-main", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_dashboard_and_correction_page(open_session, flagged_post):
    session = open_session()
    log_in(session, make_user("publisher", username="capcomunicacio"))
    session.goto("/admin/social/socialpost/tauler/")
    page = session.page
    assert "Desactualitzada" in page.locator("#outdated-title + table").inner_text()
    assert_accessible(page)
    page.locator("#outdated-title + table").get_by_role("button", name="Rectifica-la").click()
    page.wait_for_load_state()
    area = page.get_by_label("Text de la rectificació")
    assert area.input_value() == "Cancel·lat: Cinema a la fresca"
    assert_accessible(page)
    assert session.csp_violations() == []
