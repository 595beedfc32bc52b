"""What the README promises for each network, as behaviour: the answer to
the request that creates the post is lost after the network accepted it
(the worker died, the connection dropped), the network would take a repeat
as a new post (Mastodon's Idempotency-Key expired, no duplicate check), and
still exactly one post exists after the retry: found by the lookup (by the
marker in its link, the checkpointed Bluesky record key or Instagram
container), or, on Telegram, which cannot be read back, not sent again and
left for a person to check. Then withdrawing the item deletes the post where
the README says so and lists it for removal by hand on Instagram.

The real-worker version of the first part, with SIGKILL, is
``tests/integration/test_social_worker.py``; the lookup windows are in
``test_lookup_windows.py``, the limits in ``test_rules_at_the_edge.py``."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from comunicacio.media import Image
from comunicacio.publishing import workflow
from demo.fakes.bluesky import FakeBluesky
from demo.fakes.facebook import FakeFacebook
from demo.fakes.instagram import FakeInstagram
from demo.fakes.linkedin import FakeLinkedIn
from demo.fakes.mastodon import FakeMastodon
from demo.fakes.telegram import FakeTelegram
from demo.fakes.x import FakeX
from social.models import PostState, Removal, SocialPost
from social.networks import base
from social.tasks import sweep_posts
from tests.factories import make_account, make_news, make_user

pytestmark = pytest.mark.django_db

# The request that creates the post on each network.
POST_PATHS = {
    "mastodon": r"/api/v1/statuses",
    "bluesky": r"/xrpc/com\.atproto\.repo\.createRecord",
    "x": r"/2/tweets",
    "facebook": r"/v21\.0/\d+/(feed|photos)",
    "instagram": r"/v21\.0/\d+/media_publish",
    "linkedin": r"/rest/posts",
    "telegram": r"/bot[^/]+/send(Message|Photo)",
}
FAKES = {
    "mastodon": FakeMastodon,
    "bluesky": FakeBluesky,
    "x": FakeX,
    "facebook": FakeFacebook,
    "instagram": FakeInstagram,
    "linkedin": FakeLinkedIn,
    "telegram": FakeTelegram,
}


def credentials(name, fake) -> dict:
    return {
        "mastodon": lambda: {"access_token": fake.token},
        "bluesky": lambda: {"handle": fake.account_handle, "app_password": fake.app_password},
        "x": lambda: {"access_token": fake.access_token},
        "facebook": lambda: {"page_id": fake.page_id, "page_access_token": fake.token},
        "instagram": lambda: {"ig_user_id": fake.ig_user_id, "access_token": fake.access_token},
        "linkedin": lambda: {"organization_id": fake.organization_id, "access_token": fake.access_token},
        "telegram": lambda: {"bot_token": fake.token, "chat_id": "@" + fake.channel},
    }[name]()


@pytest.fixture(autouse=True)
def _public_site(settings, _eager_celery):
    # A public address X recognises as a link, as in production.
    settings.SITE_URL = "https://www.hostalric.cat"


def photo() -> Image:
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 900), (30, 120, 200)).save(buffer, "JPEG", quality=90)
    upload = SimpleUploadedFile("piscina.jpg", buffer.getvalue(), content_type="image/jpeg")
    return Image.objects.create(
        file=upload, alt_text="La piscina municipal plena d'aigua", credit="Ajuntament"
    )


@pytest.fixture(params=sorted(FAKES))
def network(request, fake_server, settings):
    name = request.param
    fake = fake_server.mount(FAKES[name]())
    if name == "instagram":
        fake.site_files = (settings.SITE_URL + settings.MEDIA_URL, settings.MEDIA_ROOT)
    # The Graph API's version is part of Facebook's address (and the
    # credentials are bound to the address they were entered for).
    api_base = fake.base_url + ("/v21.0" if name == "facebook" else "")
    account = make_account(name, fake, credentials(name, fake), api_base=api_base)
    return name, fake, account


def test_a_lost_answer_leaves_exactly_one_post(network, django_capture_on_commit_callbacks):
    name, fake, account = network
    fake.deduplicates = False
    fake.script("POST", POST_PATHS[name], None, after_handling=True)
    publisher = make_user("publisher")
    item = make_news(title="Obertura de la piscina municipal", image=photo())
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", publisher)
    post = SocialPost.objects.get(account=account)
    assert len(fake.posts) == 1, post.last_error  # it reached the network
    assert post.state in (PostState.PENDING, PostState.FAILED) and not post.remote_id, post.last_error
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        sweep_posts()
    post.refresh_from_db()
    assert len(fake.posts) == 1 and fake.violations == []
    if name == "telegram":
        # At most once: not sent again, a person checks the channel.
        assert post.state == PostState.FAILED and "check the channel" in post.last_error
    else:
        assert post.state == PostState.SENT, post.last_error
        assert post.attempts == 2

    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "withdraw", publisher)
    post.refresh_from_db()
    if base.get(name).supports_delete and post.remote_id:
        assert post.removal == Removal.DELETED and fake.deleted
    else:
        assert post.removal == Removal.MANUAL
