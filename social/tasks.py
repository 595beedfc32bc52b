"""Celery entry points of social publishing (see ``social.sending``)."""

import time

from celery import shared_task
from django.conf import settings

from . import sending

LEASE = settings.SOCIAL_SEND_LEASE_SECONDS


@shared_task(name="social.tasks.send_post", acks_late=True, soft_time_limit=LEASE, time_limit=LEASE + 30)
def send_post(post_id: int) -> str:
    return sending.send(post_id)


@shared_task(name="social.tasks.sweep_posts", soft_time_limit=LEASE, time_limit=LEASE + 30)
def sweep_posts() -> int:
    """The social outbox's drain, started by the shared sweeper
    (``comunicacio.outbox.sweep``): send every post that is due (scheduled at its own time, retried after
    backoff or a rate limit, or left ``sending`` by a worker that died), one
    after another over one HTTP client, until half the lease is used."""
    deadline = time.monotonic() + LEASE / 2
    sent = 0
    with sending.http_client() as client:
        for post_id in sending.due_post_ids():
            if time.monotonic() > deadline:
                break
            if sending.send(post_id, client) != "skipped":
                sent += 1
    return sent
