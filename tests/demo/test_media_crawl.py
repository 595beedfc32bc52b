"""The anonymous crawl for media of non-public content, over the demo: every
file of every item the public may not see (drafts, in review, scheduled,
embargoed, withdrawn, expired) and every library image only such items use,
with all its renditions, is unreachable anonymously; every file of visible
content is served, and every file the public pages link to loads."""

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from agenda.models import Event
from comunicacio.media import Image
from comunicacio.publishing.models import Status
from news.models import Attachment, NewsItem

pytestmark = pytest.mark.django_db

MEDIA_LINK = re.compile(r"""(/media/[^"'\s,<>]+)""")


def image_files(image) -> set[str]:
    return {image.file.name} | {name for sizes in image.renditions.values() for name in sizes.values()}


def partition_files() -> tuple[dict[str, str], set[str]]:
    """({hidden file: why it is hidden}, {files of visible content})."""
    visible_news = NewsItem.objects.visible()
    hidden_news = NewsItem.objects.exclude(pk__in=visible_news.values("pk"))
    hidden: dict[str, str] = {}
    visible: set[str] = set()
    for attachment in Attachment.objects.select_related("news"):
        if attachment.news.is_visible():
            visible.add(attachment.file.name)
        else:
            hidden[attachment.file.name] = f"attachment of {attachment.news.slug} ({attachment.news.status})"
    shown = set(visible_news.exclude(image=None).values_list("image_id", flat=True)) | set(
        Event.objects.visible().exclude(image=None).values_list("image_id", flat=True)
    )
    only_hidden = set(hidden_news.exclude(image=None).values_list("image_id", flat=True)) - shown
    for image in Image.objects.all():
        if image.pk in shown:
            visible |= image_files(image)
        elif image.pk in only_hidden:
            for name in image_files(image):
                hidden[name] = f"image {image.pk} used only by non-public news"
    return hidden, visible


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_demo_has_something_to_hide(demo):
    """Guards the crawl below against passing on an empty demo."""
    hidden_news = NewsItem.objects.exclude(pk__in=NewsItem.objects.visible().values("pk"))
    assert hidden_news.filter(status=Status.DRAFT).exists()
    assert hidden_news.filter(status=Status.REVIEW).exists()
    assert hidden_news.filter(status=Status.WITHDRAWN).exists()
    assert hidden_news.filter(status=Status.PUBLISHED, expire_at__isnull=False).exists()
    assert hidden_news.filter(status=Status.PUBLISHED, embargo_until__isnull=False).exists()
    scheduled = [item for item in hidden_news.filter(status=Status.PUBLISHED) if item.is_scheduled]
    assert scheduled
    embargoed = hidden_news.get(embargo_until__isnull=False)
    assert embargoed.attachments.exists(), "the embargoed press note carries its PDF"


def test_no_file_of_non_public_content_is_reachable_anonymously(demo, client):
    hidden, visible = partition_files()
    assert any(reason.startswith("attachment") for reason in hidden.values())
    assert any(reason.startswith("image") for reason in hidden.values())
    assert sum(name.startswith("renditions/") for name in hidden) >= 6
    leaks = []
    for name, reason in sorted(hidden.items()):
        response = client.get(default_storage.url(name))
        if response.status_code != 404 or (len(read(name)) > 200 and read(name)[:200] in content(response)):
            leaks.append(f"{name}: HTTP {response.status_code} ({reason})")
    assert leaks == []


def test_every_file_of_visible_content_is_served(demo, client):
    hidden, visible = partition_files()
    assert visible and not (visible & hidden.keys())
    assert any(name.startswith("attachments/") for name in visible)
    assert any(name.startswith("renditions/") for name in visible)
    assert any(name.startswith("images/") for name in visible)
    for name in sorted(visible):
        response = client.get(default_storage.url(name))
        assert response.status_code == 200, name
        assert content(response) == read(name), name


def test_public_pages_link_only_to_reachable_public_files(demo, client):
    hidden, _visible = partition_files()
    pages = [
        reverse("home"),
        reverse("news:list"),
        reverse("news:press_room"),
        reverse("agenda:list"),
        *(item.get_absolute_url() for item in NewsItem.objects.visible()),
        *(event.get_absolute_url() for event in Event.objects.visible()),
    ]
    linked: set[str] = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        linked |= set(MEDIA_LINK.findall(response.content.decode()))
    assert any(link.startswith("/media/attachments/") for link in linked)
    assert any(link.startswith("/media/renditions/") for link in linked)
    assert any(link.startswith("/media/images/") for link in linked)  # the press room's originals
    for link in sorted(linked):
        assert link.removeprefix("/media/") not in hidden, link
        assert client.get(link).status_code == 200, link
