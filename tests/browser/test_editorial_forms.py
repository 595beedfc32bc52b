"""The edit forms shaped for the work, in a real browser: sections as an
accessible tablist, the Catalan beside its Spanish translation, live
counters, the social previews composed as the editor types before the first
save, one primary action per role, and errors that reveal their tab; axe
finds no violation on the news, event and institutional entry forms."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from institutional.models import Holder
from social.models import SocialAccount
from tests.factories import make_event, make_news, make_user
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser


def assert_accessible(page):
    results = Axe().run(page, context="#content-main", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def accounts(roles_ready):
    def account(network, name, credentials, api_base):
        made = SocialAccount(network=network, name=name, api_base=api_base, default_kinds=["news.press"])
        made.set_credentials(credentials)
        made.save()
        return made

    return [
        account("mastodon", "@ajuntament", {"access_token": "a" * 43}, "https://mastodon.example"),
        account("instagram", "@ajuntament.ig", {"ig_user_id": "1784", "access_token": "t" * 40}, ""),
    ]


def tabs(page):
    return page.locator("[role=tablist] [role=tab]")


def selected_tab(page) -> str:
    return page.locator("[role=tab][aria-selected=true]").inner_text().strip()


def test_an_editor_writes_a_new_note_with_tabs_counters_translation_and_live_posts(open_session, accounts):
    session = open_session()
    log_in(session, make_user("editor", username="redactora"))
    session.goto("/admin/news/newsitem/add/")
    page = session.page

    # The sections are a tablist; only the selected panel is shown.
    labels = [label.strip() for label in tabs(page).all_inner_texts()]
    assert labels[0] == "Contingut"
    assert {"Traducció", "Imatge i etiquetes", "Xarxes socials", "Publicació"} <= set(labels)
    assert selected_tab(page) == "Contingut"
    assert page.locator("#form-section-translation").is_hidden()
    # Keyboard: arrows move between tabs and show their panel.
    tabs(page).first.focus()
    page.keyboard.press("ArrowRight")
    assert selected_tab(page) == labels[1]
    assert page.locator("[role=tab][aria-selected=true]").evaluate("el => el === document.activeElement")
    page.keyboard.press("End")
    assert selected_tab(page) == labels[-1]
    page.keyboard.press("Home")
    assert selected_tab(page) == "Contingut"

    # The summary's live counter, announced politely once typing pauses.
    page.locator("#id_title").fill("L'Ajuntament obre la piscina d'estiu")
    summary = page.locator("#id_summary")
    summary.fill("La piscina municipal obre dissabte amb horari d'estiu.")
    counter = page.locator("#id_summary_counter")
    assert counter.inner_text() == "54 de 300 caràcters"
    assert "id_summary_counter" in summary.get_attribute("aria-describedby")
    announcer = page.locator("#form-counter-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    expect(announcer).to_have_text("54 de 300 caràcters")
    assert page.locator("#id_title_counter").inner_text() == "36 de 200 caràcters"

    # The Spanish fields show their Catalan original, read-only and live.
    page.get_by_role("tab", name="Traducció").click()
    original = page.locator("#id_title_es_original")
    assert "L'Ajuntament obre la piscina d'estiu" in original.inner_text()
    assert original.locator("input, textarea, [contenteditable]").count() == 0
    assert "La piscina municipal obre dissabte" in page.locator("#id_summary_es_original").inner_text()

    # The social posts, composed before the first save, follow the typing.
    page.get_by_role("tab", name="Xarxes socials").click()
    live = page.locator("#social-live")
    mastodon = live.locator(".social-live-item", has_text="Mastodon")
    assert "L'Ajuntament obre la piscina d'estiu" in mastodon.locator(".social-preview").inner_text()
    assert (
        "/noticies/l-ajuntament-obre-la-piscina-d-estiu/" in mastodon.locator(".social-preview").inner_text()
    )
    assert mastodon.locator(".social-count").inner_text().endswith("/ 500")
    instagram = live.locator(".social-live-item", has_text="Instagram")
    assert "Instagram només publica amb imatge" in instagram.locator(".social-note").inner_text()
    page.get_by_role("tab", name="Contingut").click()
    page.locator("#id_title").fill("Obre la piscina")
    page.get_by_role("tab", name="Xarxes socials").click()
    assert (
        mastodon.locator(".social-preview").inner_text().startswith("Obre la piscina\n\nLa piscina municipal")
    )

    # One primary action: for an editor, sending for review.
    submit = page.locator("button.workflow-submit")
    save = page.locator("input[name=_save]")
    assert "primary-submit" in page.locator("body").get_attribute("class")
    assert submit.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"
    assert save.evaluate("el => getComputedStyle(el).color") != "rgb(255, 255, 255)"
    assert_accessible(page)
    assert session.csp_violations() == []


def test_an_error_reveals_its_tab(open_session, accounts):
    item = make_news(title="Tall de trànsit al carrer Major")
    session = open_session()
    log_in(session, make_user("editor", username="redactor"))
    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    page = session.page
    page.get_by_role("tab", name="Publicació").click()
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.locator("#id_publish_at_0").fill(tomorrow.strftime("%d/%m/%Y"))
    page.locator("#id_publish_at_1").fill("10:00")
    page.locator("#id_expire_at_0").fill(timezone.localtime().strftime("%d/%m/%Y"))
    page.locator("#id_expire_at_1").fill("09:00")
    page.get_by_role("tab", name="Contingut").click()
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    # Back with the error: the tab holding it says so and is the one shown.
    assert "La caducitat ha de ser posterior a la publicació." in page.content()
    error_tab = page.locator("[role=tab][aria-selected=true]")
    assert error_tab.inner_text().strip() == "Publicació (conté errors)"
    assert page.locator("#form-section-publishing").is_visible()
    assert page.locator("#form-section-content").is_hidden()
    assert_accessible(page)


def test_a_publisher_s_primary_action_is_publish_now(open_session, accounts):
    item = make_news(title="Festa major", status="review")
    session = open_session()
    log_in(session, make_user("publisher", username="capcomunicacio"))
    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    page = session.page
    body = page.locator("body")
    assert "primary-publish" in body.get_attribute("class")
    assert (
        page.locator("button.workflow-publish").evaluate("el => getComputedStyle(el).color")
        == "rgb(255, 255, 255)"
    )
    # A future publication date makes scheduling the primary action.
    page.get_by_role("tab", name="Publicació").click()
    later = timezone.localtime() + timedelta(days=3)
    page.locator("#id_publish_at_0").fill(later.strftime("%d/%m/%Y"))
    page.locator("#id_publish_at_1").fill("09:00")
    assert "primary-schedule" in body.get_attribute("class")
    assert "primary-publish" not in body.get_attribute("class")
    assert (
        page.locator("button.workflow-schedule").evaluate("el => getComputedStyle(el).color")
        == "rgb(255, 255, 255)"
    )
    assert_accessible(page)


def test_event_and_institutional_forms_have_tabs_and_no_axe_violation(open_session, roles_ready):
    event = make_event(title="Concert d'estiu", status="draft")
    Holder.objects.create(name="Alcaldessa", position="Alcaldessa", slug="alcaldessa")
    session = open_session()
    log_in(session, make_user("publisher", username="capcomunicacio"))
    page = session.page
    for path in (f"/admin/agenda/event/{event.pk}/change/", "/admin/institutional/institutionalentry/add/"):
        session.goto(path)
        assert tabs(page).count() >= 3
        assert selected_tab(page) == "Contingut"
        assert_accessible(page)
        # Every panel passes too, not only the first.
        for index in range(1, tabs(page).count()):
            tabs(page).nth(index).click()
            assert_accessible(page)
    assert session.csp_violations() == []
