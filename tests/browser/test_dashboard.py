"""The back-office home in a real browser: an editor and a publisher each
see their work in every panel, the page passes axe with no violations, and
the publisher opens an item from a notification and marks the rest read."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from comunicacio.notifications import Notification
from comunicacio.publishing import actions
from comunicacio.publishing.models import Status
from news.press.models import MediaContact, PressDelivery, PressDistribution
from social.models import PostState, SocialAccount, SocialPost
from tests.factories import make_event, make_news, make_unit, make_user
from tests.factories.proposals import make_proposal
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser


def notify(recipient, kind, transition):
    Notification.objects.get_or_create(
        recipient=recipient,
        kind=kind,
        transition=transition,
        defaults={"content_type": transition.content_type, "object_id": transition.object_id},
    )


@pytest.fixture
def newsroom(roles_ready):
    """Content in every panel for an editor (Marta) and a publisher (Joan)."""
    unit = make_unit("Àrea de Comunicació", slug="comunicacio")
    marta = make_user("editor", username="redactora", first_name="Marta", last_name="Puig")
    joan = make_user("publisher", username="capcomunicacio", first_name="Joan", last_name="Vila")
    now = timezone.now()
    account = SocialAccount(
        network="mastodon",
        name="@ajuntament",
        api_base="https://mastodon.example",
        default_kinds=["news.press"],
    )
    account.set_credentials({"access_token": "a" * 43})
    account.save()

    make_news(unit=unit, created_by=marta, title="Nou horari de la biblioteca")
    returned = make_news(unit=unit, created_by=marta, title="Festa major: el programa")
    actions.submit(returned, marta)
    actions.return_to_draft(returned, joan, comment="Falta l'horari del concert.")
    review = make_news(unit=unit, created_by=marta, title="Obres al carrer Major")
    submitted = actions.submit(review, marta, comment="Ha de sortir demà.")
    # The workflow notifies them itself (publishing.notify); these make sure.
    notify(joan, "submitted", submitted)
    event = make_event(title="Concert de Nadal", status=Status.DRAFT, publish_at=None, created_by=marta)
    notify(joan, "submitted", actions.submit(event, marta))
    scheduled = make_news(unit=unit, created_by=marta, title="Pressupostos 2027")
    actions.submit(scheduled, marta)
    actions.schedule(scheduled, joan, now + timedelta(days=2))
    notify(marta, "scheduled", scheduled_transition(scheduled))
    make_news(
        unit=unit,
        kind="notice",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=2),
        is_alert=True,
        alert_start=now - timedelta(hours=1),
        title="Tall d'aigua al Raval",
    )
    embargoed = make_news(
        unit=unit,
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=1),
        embargo_until=now + timedelta(days=1),
        title="Conveni amb la Generalitat",
    )
    contact = MediaContact.objects.create(
        name="Pere Soler", outlet="Diari del Riu", email="pere@diari.example"
    )
    PressDelivery.objects.create(
        distribution=PressDistribution.objects.create(news=embargoed),
        contact=contact,
        email=contact.email,
        state=PressDelivery.State.BOUNCED,
    )
    SocialPost.for_item(embargoed).update(state=PostState.FAILED, last_error="HTTP 503")
    make_proposal(title="Festa de l'escudella")
    return {"marta": marta, "joan": joan, "review": review}


def scheduled_transition(item):
    from comunicacio.publishing.models import Transition

    return Transition.for_item(item).filter(action="schedule").first()


def assert_accessible(page, screenshot_name=""):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    directory = os.environ.get("BROWSER_SCREENSHOTS")
    if directory and screenshot_name:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{screenshot_name}.png"), full_page=True)


def panel_text(page, name):
    return page.locator(f"#panel-{name}").inner_text()


def test_the_editor_and_the_publisher_see_their_work_and_open_an_item_from_a_notification(
    open_session, newsroom
):
    editor = open_session()
    log_in(editor, newsroom["marta"])
    page = editor.page
    assert "Nou horari de la biblioteca" in panel_text(page, "drafts")
    assert "Falta l'horari del concert." in panel_text(page, "returned")
    assert "Es publicarà" in panel_text(page, "scheduled")
    assert "Joan Vila ha programat «Pressupostos 2027»" in panel_text(page, "notifications")
    assert page.locator("#panel-review").count() == 0
    assert "Marta Puig ha enviat a revisió «Obres al carrer Major»" in panel_text(page, "activity")
    assert_accessible(page, "dashboard-editor")
    assert editor.csp_violations() == []

    publisher = open_session()
    log_in(publisher, newsroom["joan"])
    page = publisher.page
    review = panel_text(page, "review")
    assert review.index("Obres al carrer Major") < review.index("Concert de Nadal")
    assert "Tall d'aigua al Raval" in panel_text(page, "news-alerts")
    assert "L'embargament s'aixeca" in panel_text(page, "news-embargoed")
    assert "1 retornat" in panel_text(page, "news-deliveries")
    assert "HTTP 503" in panel_text(page, "social-to-check")
    assert "Festa de l'escudella" in panel_text(page, "agenda-proposals")
    assert page.get_by_role("link", name="Tauler de les xarxes socials").count() == 1
    assert_accessible(page, "dashboard-publisher")

    # The header's search reaches every type from any page.
    page.get_by_role("searchbox", name="Cerca a tot el back-office").first.fill("carrer Major")
    page.get_by_role("searchbox", name="Cerca a tot el back-office").first.press("Enter")
    page.wait_for_url("**/admin/cerca/?q=*")
    assert "Obres al carrer Major" in page.locator("#content-main").inner_text()
    assert_accessible(page, "admin-search")

    # A notification opens its item; the other is marked read from the home.
    page.goto("/admin/")
    page.get_by_role("link", name="Marta Puig ha enviat a revisió «Obres al carrer Major»").first.click()
    page.wait_for_url(f"**/admin/news/newsitem/{newsroom['review'].pk}/change/")
    assert page.locator("#id_title").input_value() == "Obres al carrer Major"
    page.goto("/admin/")
    page.locator("#panel-notifications").get_by_role("button", name="Marca'ls tots com a llegits").click()
    page.wait_for_url("**/admin/")
    assert "No teniu cap avís per llegir." in panel_text(page, "notifications")
    assert not Notification.objects.filter(recipient=newsroom["joan"], read_at__isnull=True).exists()
    assert publisher.csp_violations() == []
