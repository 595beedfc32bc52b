"""Draft over live in a real browser: an editor edits a live press note, the
edit waits in a working copy while the public page keeps the old text, the
publisher publishes the copy and the public page shows the new text at the
next request (through the page cache); the back-office pages of the journey
pass axe."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from news.models import NewsItem
from tests.factories import make_live_news, make_unit, make_user
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser

OLD = "La piscina municipal obre el 15 de juny"
NEW = "La piscina municipal obre el 8 de juny"


def assert_accessible(page, context="#content"):
    # On the change form, the working copy's own parts: the stock form's
    # widgets (the rich-text editor, the image chooser, the inlines' tables)
    # are checked where they are built.
    results = Axe().run(page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def screenshot(page, name):
    directory = os.environ.get("BROWSER_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=False)


def test_editor_edits_live_news_as_a_working_copy_the_publisher_publishes(
    open_session, roles_ready, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    item = make_live_news(make_unit(name="Servei d'Esports", slug="esports"), title=OLD)
    editor = make_user("editor", username="redactora")
    publisher = make_user("publisher", username="capcomunicacio")
    change = f"/admin/news/newsitem/{item.pk}/change/"

    citizen = open_session()
    citizen.goto(item.get_absolute_url())
    assert OLD in citizen.page.locator("h1").inner_text()

    # --- the editor edits the live note: a working copy -----------------------
    newsroom = open_session()
    log_in(newsroom, editor)
    newsroom.goto(change)
    page = newsroom.page
    assert page.locator(".working-copy").count() == 1
    assert_accessible(page, ".working-copy")
    page.locator("#id_title").fill(NEW)
    page.locator("input[name=_continue]").click()
    page.wait_for_url(f"**{change}")
    assert "còpia de treball" in page.locator(".messagelist").inner_text()
    assert page.locator("#id_title").input_value() == NEW
    banner = page.locator(".working-copy").inner_text()
    assert "redactora" in banner.lower() and "Esborrany" in banner
    assert_accessible(page, ".working-copy")
    assert_accessible(page, ".messagelist")
    screenshot(page, "working-copy-editor-form")
    assert NewsItem.objects.get(pk=item.pk).title == OLD

    # The public page still shows the live text, from the cache or not.
    citizen.goto(item.get_absolute_url())
    assert OLD in citizen.page.locator("h1").inner_text()

    # The editor submits the copy for review.
    page.locator(".working-copy-submit").click()
    page.wait_for_url("**/copia-de-treball/submit/")
    assert_accessible(page)
    page.locator("#id_comment").fill("Canvi de data d'obertura")
    page.locator("input[type=submit].default").click()
    page.wait_for_url(f"**{change}")
    assert "En revisió" in page.locator(".working-copy").inner_text()

    # --- the publisher publishes it ----------------------------------------------
    office = open_session()
    log_in(office, publisher)
    office.goto(change)
    assert_accessible(office.page, ".working-copy")
    office.page.locator(".working-copy-publish").click()
    office.page.wait_for_url("**/copia-de-treball/publish/")
    screenshot(office.page, "working-copy-publish")
    differences = office.page.locator(".revision-diff").inner_text()
    assert OLD in differences and NEW in differences
    assert_accessible(office.page)
    office.page.locator("input[type=submit].default").click()
    office.page.wait_for_url(f"**{change}")
    assert office.page.locator(".messagelist .success").count() == 1
    assert office.page.locator(".working-copy").count() == 1  # the offer to make a new copy
    assert NewsItem.objects.get(pk=item.pk).title == NEW

    citizen.goto(item.get_absolute_url())
    assert NEW in citizen.page.locator("h1").inner_text()
