"""Files follow the visibility of the content that uses them: the original
image, every rendition and every attachment of an item that the public may
not see are unreachable by URL, and become reachable at the exact second the
item does; staff with a role still preview them."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from comunicacio import roles
from comunicacio.publishing.models import Status
from news.models import Attachment
from tests.factories import make_event, make_image, make_live_news

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(item, name="bases.pdf", content=PDF):
    attachment = Attachment(news=item, title="Bases", file=SimpleUploadedFile(name, content))
    attachment.save()
    return attachment


def image_urls(image) -> list[str]:
    """The original and every rendition of a library image."""
    names = [image.file.name] + [n for sizes in image.renditions.values() for n in sizes.values()]
    return [default_storage.url(name) for name in names]


def files_of(item) -> list[str]:
    urls = [attachment.file.url for attachment in item.attachments.all()]
    return urls + (image_urls(item.image) if item.image else [])


def stored_bytes(url: str) -> bytes:
    with default_storage.open(url.removeprefix("/media/"), "rb") as handle:
        return handle.read()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_public(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert body(response) == stored_bytes(url)
    assert response["Cache-Control"] == "public, no-cache"


def assert_unreachable(client, url):
    response = client.get(url)
    assert response.status_code == 404, url
    assert response["Cache-Control"] == "private, no-store"
    assert stored_bytes(url) not in response.content


def staff(django_user_model, role=roles.EDITORS, username="redaccio"):
    roles.sync_role_permissions()
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def hidden_states():
    now = timezone.now()
    return {
        "draft": {"status": Status.DRAFT, "publish_at": None},
        "in review": {"status": Status.REVIEW, "publish_at": None},
        "approved": {"status": Status.APPROVED, "publish_at": None},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": now + timedelta(hours=3)},
        "embargoed": {"embargo_until": now + timedelta(hours=3)},
        "withdrawn": {"status": Status.WITHDRAWN},
        "expired": {"expire_at": now - timedelta(minutes=1)},
        "archived": {"status": Status.ARCHIVED},
    }


@pytest.mark.parametrize(
    "state", ["draft", "in review", "approved", "scheduled", "embargoed", "withdrawn", "expired", "archived"]
)
def test_files_of_content_the_public_cannot_see_are_unreachable(client, unit, hidden_states, state):
    item = make_live_news(unit, image=make_image(size=(1200, 800)), **hidden_states[state])
    attach(item)
    urls = files_of(item)
    # The PDF, the original, WebP and JPEG at three widths, the 16:9 crop in both formats at two
    # widths, the 1:1 and 1.91:1 crops in JPEG at one.
    assert len(urls) == 1 + 1 + 2 * 3 + 2 * 2 + 1 + 1
    for url in urls:
        assert_unreachable(client, url)


def test_files_of_visible_content_are_served(client, unit):
    item = make_live_news(unit, image=make_image(size=(1200, 800)))
    attachment = attach(item)
    for url in files_of(item):
        assert_public(client, url)
    response = client.get(attachment.file.url)
    assert response["Content-Type"] == "application/pdf"
    assert "Last-Modified" in response


def test_the_embargoed_pdf_becomes_reachable_at_the_second_the_embargo_lifts(client, unit):
    lifted = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    item = make_live_news(unit, image=make_image(), embargo_until=lifted)
    attach(item, "nota-embargada.pdf", PDF + b"% text embargat\n")
    urls = files_of(item)
    with time_machine.travel(lifted - timedelta(seconds=1), tick=False):
        for url in urls:
            assert_unreachable(client, url)
    with time_machine.travel(lifted, tick=False):
        for url in urls:
            assert_public(client, url)


def test_a_scheduled_item_files_go_live_with_it_and_disappear_when_it_expires(client, unit):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    end = start + timedelta(days=1)
    item = make_live_news(unit, image=make_image(), publish_at=start, expire_at=end)
    attach(item)
    url = item.attachments.get().file.url
    for moment, reachable in ((start - timedelta(seconds=1), False), (start, True), (end, False)):
        with time_machine.travel(moment, tick=False):
            assert (client.get(url).status_code == 200) is reachable, moment


def test_a_library_image_is_public_while_any_visible_content_uses_it(client, unit):
    image = make_image()
    make_live_news(unit, image=image, status=Status.DRAFT, publish_at=None)
    for url in image_urls(image):
        assert_unreachable(client, url)
    make_live_news(unit, image=image)  # now also used by a visible item
    for url in image_urls(image):
        assert_public(client, url)


def test_an_image_no_content_uses_is_not_public(client):
    image = make_image()
    for url in image_urls(image):
        assert_unreachable(client, url)


def test_event_images_follow_the_event(client):
    image = make_image()
    event = make_event(image=image, status=Status.DRAFT, publish_at=None)
    for url in image_urls(image):
        assert_unreachable(client, url)
    type(event).objects.filter(pk=event.pk).update(
        status=Status.PUBLISHED, publish_at=timezone.now() - timedelta(minutes=1)
    )
    for url in image_urls(image):
        assert_public(client, url)


def test_rendition_names_cannot_be_enumerated(client, unit):
    first, second = make_image(), make_image()
    make_live_news(unit, image=first)
    make_live_news(unit, image=second)
    for image in (first, second):
        for name in image.renditions["jpeg"].values():
            # renditions/<pk>/<random folder>/<width>.jpg
            assert re.fullmatch(rf"renditions/{image.pk}/[0-9a-f]{{24}}/\d+\.jpg", name), name
    assert first.renditions["jpeg"]["480"].split("/")[2] != second.renditions["jpeg"]["480"].split("/")[2]
    # The predictable name of the old scheme does not lead to a public image.
    assert client.get(f"/media/renditions/{first.pk}/480.jpg").status_code == 404
    # Nor does a real file of one image under another image's number.
    stolen = first.renditions["jpeg"]["480"].replace(f"renditions/{first.pk}/", f"renditions/{second.pk}/")
    assert client.get("/media/" + stolen).status_code == 404
    # A file in a public image's folder that is not one of its current
    # renditions (say, left over from an earlier set) is not served either.
    stray = default_storage.save(f"renditions/{first.pk}/antiga/480.jpg", SimpleUploadedFile("x.jpg", b"old"))
    assert client.get("/media/" + stray).status_code == 404


def test_staff_with_a_role_preview_the_files_of_a_draft(client, unit, django_user_model, superuser):
    item = make_live_news(unit, image=make_image(), status=Status.DRAFT, publish_at=None)
    attach(item)
    urls = files_of(item)
    for user in (staff(django_user_model, roles.EDITORS), superuser):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert body(response) == stored_bytes(url)
            assert response["Cache-Control"] == "private, no-store"
    # Staff without a role, and a logged-in non-staff user, get nothing.
    for user in (
        staff(django_user_model, role=None, username="sense-rol"),
        django_user_model.objects.create_user("veina", password="x"),
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)


def test_the_preview_page_links_files_staff_can_load_and_the_public_cannot(client, unit, django_user_model):
    item = make_live_news(unit, image=make_image(), status=Status.REVIEW, publish_at=None)
    attach(item)
    client.force_login(staff(django_user_model, roles.EDITORS))
    html = client.get(f"/preview/news/{item.pk}/").content.decode()
    linked = set(re.findall(r'(/media/[^"\s,]+)', html))
    assert item.attachments.get().file.url in linked and item.image.fallback_url() in linked
    for url in linked:
        assert client.get(url).status_code == 200, url
    client.logout()
    for url in linked:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("accel", ["", "/protected-media/"])
def test_no_cache_keeps_a_file_after_its_item_is_withdrawn(client, unit, settings, django_user_model, accel):
    settings.PAGE_CACHE_SECONDS = 600
    settings.MEDIA_X_ACCEL_REDIRECT = accel  # the nginx answer is not streamed: cacheable if allowed
    visible = make_live_news(unit, image=make_image())
    attach(visible)
    url = visible.attachments.get().file.url
    assert client.get(url).status_code == 200
    type(visible).objects.filter(pk=visible.pk).update(status=Status.WITHDRAWN)
    assert client.get(url).status_code == 404

    draft = make_live_news(unit, status=Status.DRAFT, publish_at=None)
    attach(draft)
    draft_url = draft.attachments.get().file.url
    client.force_login(staff(django_user_model))
    assert client.get(draft_url).status_code == 200
    client.logout()
    assert client.get(draft_url).status_code == 404


def test_production_hands_the_file_to_nginx(client, unit, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/protected-media/"
    item = make_live_news(unit)
    attachment = attach(item, "pla-d'obres 2026.pdf")
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + attachment.file.name
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, no-cache"

    hidden = attach(make_live_news(unit, status=Status.DRAFT, publish_at=None))
    refused = client.get(hidden.file.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_cache_lifetime_is_configurable(client, unit, settings):
    settings.MEDIA_CACHE_SECONDS = 300
    attachment = attach(make_live_news(unit))
    assert client.get(attachment.file.url)["Cache-Control"] == "public, max-age=300"


def test_an_unchanged_file_answers_not_modified(client, unit):
    attachment = attach(make_live_news(unit))
    first = client.get(attachment.file.url)
    again = client.get(attachment.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/media/../config/settings.py",
        "/media/attachments/../../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/attachments/%00.pdf",
        "/media/images/",
        "/media/proposals/2026/11/cartell.png",
    ],
)
def test_names_outside_the_content_are_not_found(client, unit, path):
    default_storage.save("proposals/2026/11/cartell.png", SimpleUploadedFile("x.png", b"unclaimed"))
    response = client.get(path)
    assert response.status_code == 404


def test_only_safe_methods(client, unit):
    attachment = attach(make_live_news(unit))
    assert client.head(attachment.file.url).status_code == 200
    assert client.post(attachment.file.url).status_code == 405


def test_media_is_served_with_debug_off(client, unit, settings):
    settings.DEBUG = False
    attachment = attach(make_live_news(unit))
    assert client.get(attachment.file.url).status_code == 200
