"""The Celery worker's log (a real worker, prefork, at INFO as deployed) never
shows a Telegram bot token, although httpx logs every request URL and
Telegram's carries the token."""

import pytest
from django.conf import settings
from django.db import transaction

from comunicacio import logredaction
from comunicacio.publishing import workflow
from demo.fakes.server import FakeServer
from demo.fakes.telegram import FakeTelegram
from social.models import PostState, SocialPost
from tests.factories import make_account, make_news
from tests.support.worker_process import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
    ),
]


@pytest.fixture
def telegram():
    server = FakeServer().start()
    yield server.mount(FakeTelegram())
    server.stop()


def test_the_worker_log_redacts_the_bot_token(celery_workers, telegram, superuser):
    make_account("telegram", telegram, {"bot_token": telegram.token, "chat_id": "@ajuntament"})
    item = make_news(title="Festa Major: programa d'actes")
    worker = celery_workers(SOCIAL_SWEEP_SECONDS="0.5")
    with transaction.atomic():
        workflow.perform(item, "publish", superuser)

    def sent():
        post = SocialPost.for_item(item).get()
        return post.state == PostState.SENT

    wait_for(sent, 40, lambda: f"the Telegram post sent\n{worker.log()[-3000:]}")
    # The line is written after the request returns; give the log a moment.
    wait_for(lambda: "/sendMessage" in worker.log(), 10, "the request logged")
    log = worker.log()
    assert f"/bot{logredaction.MARKER}/sendMessage" in log
    assert telegram.token not in log and telegram.token.split(":", 1)[1] not in log
    assert len(telegram.posts) == 1
