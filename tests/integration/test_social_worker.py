"""Social posts with a real Celery worker (prefork, embedded beat) against
Redis and PostgreSQL, posting over real HTTP to the fake networks of all
seven networks: exactly one post per account, even when the worker is killed
between the network's acceptance and our database write, or when Redis
restarts mid-run.

In the kill test the fakes do not de-duplicate repeats themselves (Mastodon's
Idempotency-Key has expired, Facebook's, X's and LinkedIn's duplicate checks
let it through): a retry that skipped the lookup would publish a second post
and the test would fail. Bluesky's record key and Instagram's container are
checkpointed before the create request, so their retry finds the first post
by them; Telegram cannot be read back, so its interrupted post is not sent
again but left for a person to check."""

import shutil
import socket
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Status
from demo.fakes.bluesky import FakeBluesky
from demo.fakes.facebook import FakeFacebook
from demo.fakes.instagram import FakeInstagram
from demo.fakes.linkedin import FakeLinkedIn
from demo.fakes.mastodon import FakeMastodon
from demo.fakes.server import FakeServer
from demo.fakes.telegram import FakeTelegram
from demo.fakes.x import FakeX
from social.models import PostState, SocialPost
from tests.factories import make_account, make_news, mastodon_account
from tests.support.broker import use_broker
from tests.support.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
]

# The worker waits long enough for a held answer to be killed in the middle
# of it, and takes an interrupted post over quickly.
# The site's public address must be one X recognises as a link (not an IP
# address), as in production, for X's lookup by the link's marker.
WORKER_ENV = {
    "SOCIAL_SEND_LEASE_SECONDS": "3",
    "SOCIAL_SWEEP_SECONDS": "0.5",
    "SOCIAL_HTTP_TIMEOUT": "60",
    "SITE_URL": "https://www.hostalric.cat",
}
# The request that creates the post on each network: where the answer is held.
POST_PATHS = {
    "mastodon": r"/api/v1/statuses",
    "bluesky": r"/xrpc/com\.atproto\.repo\.createRecord",
    "x": r"/2/tweets",
    "facebook": r"/v21\.0/\d+/(feed|photos)",
    "instagram": r"/v21\.0/\d+/media_publish",
    "linkedin": r"/rest/posts",
    "telegram": r"/bot[^/]+/send(Message|Photo)",
}


@pytest.fixture
def networks(settings):
    server = FakeServer().start()
    instagram = FakeInstagram()
    # The post's image is read from the media folder the worker writes to.
    instagram.site_files = (WORKER_ENV["SITE_URL"] + settings.MEDIA_URL, settings.MEDIA_ROOT)
    fakes = {
        "mastodon": server.mount(FakeMastodon()),
        "bluesky": server.mount(FakeBluesky()),
        "x": server.mount(FakeX()),
        "facebook": server.mount(FakeFacebook()),
        "instagram": server.mount(instagram),
        "linkedin": server.mount(FakeLinkedIn()),
        "telegram": server.mount(FakeTelegram()),
    }
    yield fakes
    server.stop()


@pytest.fixture
def accounts(transactional_db, networks):
    fakes = networks
    bluesky, x, facebook = fakes["bluesky"], fakes["x"], fakes["facebook"]
    instagram, linkedin, telegram = fakes["instagram"], fakes["linkedin"], fakes["telegram"]
    every_kind = ["news.press", "news.communique", "news.notice", "agenda.event"]
    return [
        mastodon_account(fakes["mastodon"]),
        make_account(
            "bluesky", bluesky, {"handle": bluesky.account_handle, "app_password": bluesky.app_password}
        ),
        make_account("x", x, {"access_token": x.access_token}),
        make_account(
            "facebook",
            facebook,
            {"page_id": facebook.page_id, "page_access_token": facebook.token},
            # The Graph API's version is part of its address.
            api_base=facebook.base_url + "/v21.0",
        ),
        make_account(
            "instagram",
            instagram,
            {"ig_user_id": instagram.ig_user_id, "access_token": instagram.access_token},
            default_kinds=every_kind,
        ),
        make_account(
            "linkedin",
            linkedin,
            {"organization_id": linkedin.organization_id, "access_token": linkedin.access_token},
        ),
        make_account("telegram", telegram, {"bot_token": telegram.token, "chat_id": "@" + telegram.channel}),
    ]


def worker_env(settings) -> dict:
    # The worker writes the images it sends where the Instagram fake reads them.
    return {**WORKER_ENV, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}


def photo():
    """A press photo for the item: Instagram posts only with one."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from comunicacio.media import Image

    buffer = BytesIO()
    PILImage.new("RGB", (1200, 900), (30, 120, 200)).save(buffer, "JPEG", quality=90)
    upload = SimpleUploadedFile("piscina.jpg", buffer.getvalue(), content_type="image/jpeg")
    return Image.objects.create(
        file=upload, alt_text="La piscina municipal plena d'aigua", credit="Ajuntament"
    )


def posts_of(item) -> dict[str, SocialPost]:
    return {post.account.network: post for post in SocialPost.for_item(item).select_related("account")}


def all_sent(item) -> bool:
    posts = posts_of(item)
    return len(posts) == len(POST_PATHS) and all(post.state == PostState.SENT for post in posts.values())


def all_settled_after_kills(item) -> bool:
    """Every post sent, but Telegram's: it cannot be read back, so the
    interrupted one waits for a person instead of being sent again."""
    posts = posts_of(item)
    if len(posts) != len(POST_PATHS) or posts["telegram"].state != PostState.FAILED:
        return False
    return all(post.state == PostState.SENT for name, post in posts.items() if name != "telegram")


def describe(item) -> str:
    return "; ".join(
        f"{name}: {post.state} attempts={post.attempts} error={post.last_error!r}"
        for name, post in posts_of(item).items()
    )


def published_on(fake) -> list[dict]:
    return list(fake.posts.values())


def assert_exactly_one_each(item, networks):
    posts = posts_of(item)
    for name, fake in networks.items():
        assert len(published_on(fake)) == 1, f"{name}: {fake.posts}"
        assert fake.violations == []
        assert posts[name].remote_id or name == "telegram", name


def test_scheduled_item_posts_once_per_account(celery_workers, accounts, networks, superuser, settings):
    item = make_news(
        title="Festa Major: programa d'actes", tags=["festa major"], status=Status.APPROVED, image=photo()
    )
    with transaction.atomic():
        workflow.perform(item, "schedule", superuser, publish_at=timezone.now() + timedelta(seconds=2))
    worker = celery_workers(**worker_env(settings))
    wait_for(
        lambda: all_sent(item), 60, lambda: f"seven posts sent: {describe(item)}\n{worker.log()[-3000:]}"
    )
    assert_exactly_one_each(item, networks)


def test_killed_between_the_network_and_the_database_write(
    celery_workers, accounts, networks, superuser, settings
):
    # Each network creates the post and then holds its answer; the worker is
    # SIGKILLed while it waits, i.e. after the post exists and before the
    # database knows. Seven rounds: one per network. No fake refuses the
    # repeat by itself: only the lookup before the retry prevents a second post.
    for name, fake in networks.items():
        fake.deduplicates = False
        fake.script("POST", POST_PATHS[name], None, after_handling=True, delay=60)
    item = make_news(title="Tall de subministrament d'aigua", image=photo())
    with transaction.atomic():
        workflow.perform(item, "publish", superuser)
    killed = set()
    worker = celery_workers(**worker_env(settings))
    for _round in range(len(networks)):

        def held():
            posts = posts_of(item)
            for name, fake in networks.items():
                if name not in killed and fake.posts and posts[name].state == PostState.SENDING:
                    return name
            return None

        name = wait_for(
            held,
            60,
            lambda current=worker: (
                f"a post accepted and its answer held: {describe(item)}\n{current.log()[-3000:]}"
            ),
        )
        worker.kill()
        killed.add(name)
        worker = celery_workers(**worker_env(settings))
    assert killed == set(networks)
    wait_for(lambda: all_settled_after_kills(item), 60, lambda: f"posts settled: {describe(item)}")
    assert_exactly_one_each(item, networks)
    posts = posts_of(item)
    for post in posts.values():
        assert post.attempts >= 2  # the interrupted attempt, then the lookup
    assert "check the channel" in posts["telegram"].last_error


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, so restarting it disturbs no other test."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(tmp_path)]
    state = {}

    def start():
        state["process"] = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis(port=port)
        wait_for(lambda: _pings(client), 10, "private Redis up")

    def stop():
        state["process"].kill()
        state["process"].wait(10)

    start()
    yield type("PrivateRedis", (), {"url": f"redis://127.0.0.1:{port}/0", "start": start, "stop": stop})
    stop()


def _pings(client) -> bool:
    import redis

    try:
        return client.ping()
    except redis.ConnectionError:
        return False


def test_redis_restarted_mid_run(celery_workers, accounts, networks, superuser, private_redis, settings):
    from config.celery import app

    use_broker(app, private_redis.url)
    worker = celery_workers(broker_url=private_redis.url, **worker_env(settings))
    # A first item goes out normally.
    first = make_news(title="Obertura de la piscina municipal", image=photo())
    with transaction.atomic():
        workflow.perform(first, "publish", superuser)
    wait_for(lambda: all_sent(first), 40, f"first item's posts sent\n{worker.log()[-3000:]}")
    # Redis goes away (and comes back empty: it keeps nothing on disk) while a
    # second item is published and its messages are lost.
    private_redis.stop()
    second = make_news(title="Canvi d'horari de la deixalleria", image=photo())
    with transaction.atomic():
        workflow.perform(second, "publish", superuser)
    private_redis.start()
    wait_for(
        lambda: all_sent(second), 60, f"second item's posts sent after the restart\n{worker.log()[-3000:]}"
    )
    for name, fake in networks.items():
        assert len(published_on(fake)) == 2, f"{name}: {fake.posts}"
        assert fake.violations == []
