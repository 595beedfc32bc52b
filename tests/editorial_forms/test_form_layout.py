"""The edit form of every content type in sections (from its own fieldsets
and inlines), all shown without JavaScript, with one primary action per
role, and the composer's rules handed to the live social preview."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from comunicacio.publishing import actions
from comunicacio.publishing.form_layout import Primary, primary_action
from comunicacio.publishing.models import Status
from institutional.models import Holder
from social import composer
from social.models import SocialAccount
from tests.factories import make_event, make_news, make_user, news_admin_form_data

SECTION = re.compile(r'<div class="form-section" id="(form-section-[^"]+)" data-form-section-label="([^"]+)"')


def sections(page: str) -> list[tuple[str, str]]:
    return SECTION.findall(page)


@pytest.fixture
def mastodon(db):
    account = SocialAccount(
        network="mastodon",
        name="@ajuntament",
        api_base="https://mastodon.example",
        default_kinds=["news.press"],
    )
    account.set_credentials({"access_token": "a" * 43})
    account.save()
    return account


def test_the_news_form_is_in_sections_all_shown_without_javascript(client, editor, mastodon):
    client.force_login(editor)
    page = client.get("/admin/news/newsitem/add/").content.decode()
    assert sections(page) == [
        ("form-section-content", "Contingut"),
        ("form-section-translation", "Traducció"),
        ("form-section-image", "Imatge i etiquetes"),
        ("form-section-social", "Xarxes socials"),
        ("form-section-press", "Enviament als mitjans"),
        ("form-section-publishing", "Publicació"),
    ]
    # Nothing is hidden by the server: the script makes the tabs.
    assert 'class="form-section" hidden' not in page and 'role="tabpanel"' not in page
    assert "editorial/forms.js" in page
    # Every fieldset and inline is still rendered once.
    for name in ("title", "summary", "title_es", "body_es", "publish_at_0", "attachments-TOTAL_FORMS"):
        assert page.count(f'name="{name}"') == 1, name
    layout = re.search(r'id="form-sections"[^>]*data-translation-pairs="([^"]+)"', page)
    assert json.loads(layout.group(1).replace("&quot;", '"')) == {
        "title_es": "title",
        "summary_es": "summary",
        "body_es": "body",
    }
    # The summary's limit reaches the browser, for its counter.
    assert re.search(r'<textarea name="summary"[^>]*maxlength="300"', page)


def test_event_and_institutional_forms_get_their_sections_from_their_admins(client, publisher):
    client.force_login(publisher)
    event = make_event(title="Concert d'estiu", status=Status.DRAFT)
    keys = [
        key
        for key, _label in sections(client.get(f"/admin/agenda/event/{event.pk}/change/").content.decode())
    ]
    assert keys[:3] == ["form-section-content", "form-section-translation", "form-section-image"]
    assert "form-section-social" in keys and keys[-1] == "form-section-publishing"
    assert "form-section-inline-sessions" in keys
    Holder.objects.create(name="Alcaldessa", position="Alcaldessa", slug="alcaldessa")
    page = client.get("/admin/institutional/institutionalentry/add/").content.decode()
    assert sections(page) == [
        ("form-section-content", "Contingut"),
        ("form-section-inline-guests", "Llista de convidats (protocol, només intern)"),
        ("form-section-publishing", "Publicació"),
    ]


def body_class(page: str) -> str:
    return re.search(r'<body class="([^"]*)"', page).group(1)


def test_one_primary_action_per_role(client, editor, publisher, unit):
    draft = make_news(unit=unit, created_by=editor)
    client.force_login(editor)
    assert "primary-submit" in body_class(
        client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    )
    assert "primary-submit" in body_class(client.get("/admin/news/newsitem/add/").content.decode())

    client.force_login(publisher)
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert "primary-publish" in body_class(page)

    actions.apply(draft, "submit", editor)
    draft.publish_at = timezone.now() + timedelta(days=2)
    draft.save()
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert "primary-schedule" in body_class(page)
    # The form switches between the two as the date is typed.
    assert 'data-primary-now="publish" data-primary-future="schedule"' in page

    draft.publish_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    actions.apply(draft, "publish", publisher)
    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert "primary-save" in body_class(page)


def test_primary_action_rules():
    class Item:
        pk = 1
        status = Status.REVIEW

    future = timezone.now() + timedelta(hours=1)
    assert primary_action(Item(), ["return", "approve", "schedule", "publish"]) == Primary(
        "publish", now="publish", future="schedule"
    )
    assert primary_action(Item(), ["schedule", "publish"], future).action == "schedule"
    assert primary_action(None, ["submit"]).action == "submit"
    assert primary_action(None, []).action == "save"
    Item.status = Status.PUBLISHED
    assert primary_action(Item(), ["withdraw", "archive"]).action == "save"


def test_a_form_error_is_inside_its_section(client, editor, draft):
    client.force_login(editor)
    data = news_admin_form_data(
        draft, publish_at=timezone.now() + timedelta(days=2), expire_at=timezone.now() + timedelta(days=1)
    )
    response = client.post(f"/admin/news/newsitem/{draft.pk}/change/", data)
    assert response.status_code == 200
    page = response.content.decode()
    publishing = page[page.index('id="form-section-publishing"') :]
    assert "La caducitat ha de ser posterior a la publicació." in publishing
    content = page[page.index('id="form-section-content"') : page.index('id="form-section-translation"')]
    assert "errorlist" not in content


def test_the_live_preview_gets_the_composers_rules_and_each_accounts_link(client, editor, mastodon, draft):
    client.force_login(editor)
    page = client.get("/admin/news/newsitem/add/").content.decode()
    raw = re.search(r'data-social-live="([^"]+)"', page).group(1)
    live = json.loads(raw.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))
    assert live["rules"] == composer.live_rules()
    (account,) = live["accounts"]
    assert account["limit"] == 500 and account["counting"] == "mastodon"
    # An unsaved item: its address is filled in as the title is typed.
    assert f"/noticies/{live['slug']}/?utm_source=mastodon" in account["link"]

    page = client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    raw = re.search(r'data-social-live="([^"]+)"', page).group(1)
    live = json.loads(raw.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))
    assert f"/noticies/{draft.slug}/" in live["accounts"][0]["link"]
    assert f'data-social-account="{mastodon.pk}"' in page


def test_institutional_entries_have_no_social_preview(client, publisher, mastodon):
    client.force_login(publisher)
    Holder.objects.create(name="Alcaldessa", position="Alcaldessa", slug="alcaldessa")
    page = client.get("/admin/institutional/institutionalentry/add/").content.decode()
    assert "data-social-live" not in page


def test_a_person_who_may_only_view_gets_no_primary_action(client, unit, publisher):
    # Approved: only publishers change it (a published one an editor edits
    # as a working copy).
    item = make_news(unit=unit, status=Status.APPROVED)
    client.force_login(make_user("editor"))
    page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert "primary-none" in body_class(page)
