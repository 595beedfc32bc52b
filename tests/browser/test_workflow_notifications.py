"""The workflow that tells people, in a real browser: an editor drafts a
news item and submits it with a comment; the publisher receives the email
through a real SMTP conversation, schedules the item, is told when it will
go live and confirms; the pages visited pass axe."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from comunicacio import formatting
from news.models import NewsItem, Status
from tests.factories import make_unit, make_user
from tests.support.browser import AXE_OPTIONS, log_in

pytestmark = pytest.mark.browser

TITLE = "La biblioteca amplia l'horari a l'estiu"


# The workflow's own parts of the pages: its fieldset, the confirmation, the
# transition log, the list's badges. (The rest of the edit form, such as the
# rich-text editor and the image chooser, is the forms' own concern.)
WORKFLOW_PARTS = [".workflow", ".workflow-confirmation", ".workflow-log", "#result_list", ".messagelist"]


def assert_accessible(session) -> None:
    present = [selector for selector in WORKFLOW_PARTS if session.page.locator(selector).count()]
    assert present, session.page.url
    context = {"include": [[selector] for selector in present]}
    results = Axe().run(session.page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{session.page.url}\n{results.generate_report()}"


def test_submit_notify_schedule_with_confirmation(
    open_session, roles_ready, smtp_sink, settings, _eager_celery
):
    smtp_sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    unit = make_unit(name="Biblioteca Municipal", slug="biblioteca")
    editor = make_user("editor", username="redactora", first_name="Marta")
    publisher = make_user("publisher", username="capcomunicacio", first_name="Jordi")

    # --- the editor drafts and submits with a comment --------------------------
    newsroom = open_session()
    log_in(newsroom, editor)
    newsroom.goto("/admin/news/newsitem/add/")
    page = newsroom.page
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("De dilluns a dissabte, de 9 a 21 h, del juliol a l'agost.")
    page.locator("#id_unit").select_option(label=unit.name)
    assert_accessible(newsroom)
    page.locator("#id__workflow_comment").fill("Cal sortir abans de divendres")
    page.locator("button[name=_workflow][value=submit]").click()
    page.wait_for_url("**/change/")
    item = NewsItem.objects.get(title=TITLE)
    assert item.status == Status.REVIEW
    assert_accessible(newsroom)

    # --- the publisher is told, by email -----------------------------------
    [message] = smtp_sink.delivered
    assert message["To"] == publisher.email
    assert message["Subject"].strip() == f"Per revisar: {TITLE}"
    body = message.get_body(("plain",)).get_content()
    assert "Marta ha enviat a revisió" in body and "Comentari: Cal sortir abans de divendres" in body
    change_path = f"/admin/news/newsitem/{item.pk}/change/"
    assert change_path in body

    # --- the publisher schedules it, reads what will happen, confirms --------
    publish_at = (timezone.localtime() + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    office = open_session()
    log_in(office, publisher)
    office.goto(change_path)
    office.page.get_by_role("tab", name="Publicació").click()
    office.page.locator("#id_publish_at_0").fill(publish_at.strftime("%d/%m/%Y"))
    office.page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    office.page.locator("button[name=_workflow][value=schedule]").click()
    box = office.page.locator(".workflow-confirmation")
    box.wait_for()
    assert f"Es publicarà {formatting.moment(publish_at)}." in box.inner_text()
    item.refresh_from_db()
    assert item.status == Status.REVIEW  # nothing saved before confirming
    assert office.page.locator("#id_publish_at_1").input_value() == publish_at.strftime("%H:%M:%S")
    assert_accessible(office)
    box.get_by_role("button", name="Confirma").click()
    office.page.wait_for_url("**/change/")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.publish_at == publish_at
    assert_accessible(office)

    # The author hears that it is scheduled, and when.
    scheduled = [m for m in smtp_sink.delivered if m["To"] == editor.email]
    assert len(scheduled) == 1 and scheduled[0]["Subject"].strip() == f"Programat: {TITLE}"

    office.goto("/admin/news/newsitem/")
    assert (
        f"Programat · {formatting.short_date_time(publish_at)}"
        in office.page.locator("#result_list").inner_text()
    )
    assert_accessible(office)
