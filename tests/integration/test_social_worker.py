"""Social posts with a real Celery worker (prefork, embedded beat) against
Redis and PostgreSQL, posting over real HTTP to the fake networks: exactly
one post per account, even when the worker is killed between the network's
acceptance and our database write, or when Redis restarts mid-run."""

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
from social.fakes.bluesky import FakeBluesky
from social.fakes.mastodon import FakeMastodon
from social.fakes.server import FakeServer
from social.fakes.x import FakeX
from social.models import PostState, SocialPost
from tests.factories import make_news
from tests.social.helpers import make_account, mastodon_account

from .conftest import _use_broker
from .worker_process import wait_for

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
POST_PATHS = {
    "mastodon": r"/api/v1/statuses",
    "bluesky": r"/xrpc/com\.atproto\.repo\.createRecord",
    "x": r"/2/tweets",
}


@pytest.fixture
def networks():
    server = FakeServer().start()
    fakes = {
        "mastodon": server.mount(FakeMastodon()),
        "bluesky": server.mount(FakeBluesky()),
        "x": server.mount(FakeX()),
    }
    yield fakes
    server.stop()


@pytest.fixture
def accounts(transactional_db, networks):
    bluesky, x = networks["bluesky"], networks["x"]
    return [
        mastodon_account(networks["mastodon"]),
        make_account(
            "bluesky", bluesky, {"handle": bluesky.account_handle, "app_password": bluesky.app_password}
        ),
        make_account("x", x, {"access_token": x.access_token}),
    ]


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.create_superuser("cap", email="cap@ajuntament.example", password="x")


def posts_of(item) -> dict[str, SocialPost]:
    return {post.account.network: post for post in SocialPost.for_item(item).select_related("account")}


def all_sent(item) -> bool:
    posts = posts_of(item)
    return len(posts) == 3 and all(post.state == PostState.SENT for post in posts.values())


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
        assert posts[name].remote_id, name


def test_scheduled_item_posts_once_per_account(celery_workers, accounts, networks, publisher):
    item = make_news(title="Festa Major: programa d'actes", tags=["festa major"], status=Status.APPROVED)
    with transaction.atomic():
        workflow.perform(item, "schedule", publisher, publish_at=timezone.now() + timedelta(seconds=2))
    celery_workers(**WORKER_ENV)
    wait_for(lambda: all_sent(item), 40, "three posts sent")
    assert_exactly_one_each(item, networks)


def test_killed_between_the_network_and_the_database_write(celery_workers, accounts, networks, publisher):
    # Each network creates the post and then holds its answer; the worker is
    # SIGKILLed while it waits, i.e. after the post exists and before the
    # database knows. Three rounds: one per network.
    for name, fake in networks.items():
        fake.script("POST", POST_PATHS[name], None, after_handling=True, delay=45)
    item = make_news(title="Tall de subministrament d'aigua")
    with transaction.atomic():
        workflow.perform(item, "publish", publisher)
    killed = set()
    worker = celery_workers(**WORKER_ENV)
    for _round in range(3):

        def held():
            posts = posts_of(item)
            for name, fake in networks.items():
                if name not in killed and fake.posts and posts[name].state == PostState.SENDING:
                    return name
            return None

        name = wait_for(held, 40, f"a post accepted and its answer held\n{worker.log()[-3000:]}")
        worker.kill()
        killed.add(name)
        worker = celery_workers(**WORKER_ENV)
    assert killed == set(networks)
    wait_for(lambda: all_sent(item), 40, lambda: f"three posts sent: {describe(item)}")
    assert_exactly_one_each(item, networks)
    for post in posts_of(item).values():
        assert post.attempts >= 2  # the interrupted attempt, then the lookup


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


def test_redis_restarted_mid_run(celery_workers, accounts, networks, publisher, private_redis):
    from comunicacio.celery import app

    _use_broker(app, private_redis.url)
    worker = celery_workers(broker_url=private_redis.url, **WORKER_ENV)
    # A first item goes out normally.
    first = make_news(title="Obertura de la piscina municipal")
    with transaction.atomic():
        workflow.perform(first, "publish", publisher)
    wait_for(lambda: all_sent(first), 40, f"first item's posts sent\n{worker.log()[-3000:]}")
    # Redis goes away (and comes back empty: it keeps nothing on disk) while a
    # second item is published and its messages are lost.
    private_redis.stop()
    second = make_news(title="Canvi d'horari de la deixalleria")
    with transaction.atomic():
        workflow.perform(second, "publish", publisher)
    private_redis.start()
    wait_for(
        lambda: all_sent(second), 60, f"second item's posts sent after the restart\n{worker.log()[-3000:]}"
    )
    for name, fake in networks.items():
        assert len(published_on(fake)) == 2, f"{name}: {fake.posts}"
        assert fake.violations == []
