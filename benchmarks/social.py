"""Social posting latency and backlog drain: ``python -m benchmarks.social``.

Recreates a dedicated PostgreSQL database (``comunicacio_social_bench``),
creates three accounts (Mastodon, Bluesky, X) pointing at the local fake
networks (in this process, over real HTTP), and runs a real Celery worker
(prefork, embedded beat) on Redis, as in production. Then:

1. **Latency**: ``--items`` news items are scheduled to publish at moments
   spread over ``--spread`` seconds from now; for each post, the time from the
   item's publish time to the post being recorded as sent. p50/p99/max.
2. **Backlog**: the worker is stopped (SIGKILL) for a simulated 10-minute
   outage: ``--backlog`` items whose publish times are spread over the last
   ten minutes are published meanwhile. The worker restarts; the figure is
   the time from its start until every post of the backlog is sent.

Sweep intervals (publishing effects and social posts) are ``--sweep``
seconds (production default: 15): a scheduled post leaves within one sweep.

Environment: BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432),
BENCH_SOCIAL_DB_NAME (comunicacio_social_bench), BENCH_REDIS_URL
(redis://127.0.0.1:6379/13: flushed).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--spread", type=float, default=60.0)
    parser.add_argument("--backlog", type=int, default=200)
    parser.add_argument("--sweep", type=float, default=1.0)
    args = parser.parse_args()

    postgres_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    db_name = os.environ.get("BENCH_SOCIAL_DB_NAME", "comunicacio_social_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    from .press import recreate_database

    recreate_database(postgres_url, db_name)
    workdir = Path(tempfile.mkdtemp(prefix="social-bench-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"{postgres_url}/{db_name}",
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        VAR_DIR=str(workdir),
        SITE_URL="https://www.vilanovadelriu.cat",
        DJANGO_DEBUG="0",
    )
    import django

    django.setup()
    import redis
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from comunicacio.publishing import workflow
    from comunicacio.publishing.models import Effect, Status
    from demo.fakes.bluesky import FakeBluesky
    from demo.fakes.mastodon import FakeMastodon
    from demo.fakes.server import FakeServer
    from demo.fakes.x import FakeX
    from social.models import PostState, SocialAccount, SocialPost
    from tests.support.worker_process import WorkerProcess, wait_for

    print(f"Migrating {db_name}...", file=sys.stderr)
    call_command("migrate", "--noinput", verbosity=0)
    redis.Redis.from_url(redis_url).flushdb()

    server = FakeServer().start()
    mastodon, bluesky, x = server.mount(FakeMastodon()), server.mount(FakeBluesky()), server.mount(FakeX())
    for network, fake, credentials in (
        ("mastodon", mastodon, {"access_token": mastodon.token}),
        ("bluesky", bluesky, {"handle": bluesky.account_handle, "app_password": bluesky.app_password}),
        ("x", x, {"access_token": x.access_token}),
    ):
        account = SocialAccount(
            network=network, name=network, api_base=fake.base_url, default_kinds=["news.press", "news.notice"]
        )
        account.set_credentials(credentials)
        account.save()

    from django.contrib.auth import get_user_model

    from comunicacio.organisation import Unit
    from news.models import Kind, NewsItem

    user = get_user_model().objects.create_superuser("bench", email="bench@example.org", password="x")
    unit = Unit.objects.create(name="Comunicació", slug="comunicacio")

    def new_item(number: int) -> NewsItem:
        return NewsItem.objects.create(
            title=f"Nota {number}: obres al carrer Major",
            summary="L'Ajuntament renova la xarxa d'aigua del carrer Major durant dues setmanes.",
            kind=Kind.NOTICE,
            unit=unit,
            status=Status.APPROVED,
            created_by=user,
        )

    def start_worker() -> WorkerProcess:
        worker = WorkerProcess(workdir, redis_url=redis_url, smtp_port=1, sweep_seconds=args.sweep)
        worker.env.update(SOCIAL_SWEEP_SECONDS=str(args.sweep), LOG_LEVEL="WARNING")
        return worker.start().wait_ready(60)

    # 1. Latency with the worker up.
    worker = start_worker()
    start = timezone.now() + timezone.timedelta(seconds=5)
    items = []
    for number in range(args.items):
        item = new_item(number)
        moment = start + timezone.timedelta(seconds=args.spread * number / max(1, args.items - 1))
        with transaction.atomic():
            workflow.perform(item, "schedule", user, publish_at=moment)
        items.append(item)
    expected = 3 * len(items)
    wait_for(
        lambda: SocialPost.objects.filter(state=PostState.SENT).count() >= expected,
        args.spread + 120,
        lambda: f"{expected} posts sent; {SocialPost.objects.filter(state=PostState.SENT).count()} so far",
        interval=0.5,
    )
    latencies = [
        (post.sent_at - post.target.publish_at).total_seconds()
        for post in SocialPost.objects.filter(state=PostState.SENT).prefetch_related("target")
    ]

    # 2. A 10-minute outage: items published meanwhile pile up.
    worker.kill()
    now = timezone.now()
    backlog = []
    for number in range(args.backlog):
        item = new_item(10_000 + number)
        with transaction.atomic():
            workflow.perform(item, "publish", user)
        backlog.append(item.pk)
    # Their publish times (and effects) spread over the ten minutes the worker was away.
    for index, pk in enumerate(backlog):
        moment = now - timezone.timedelta(seconds=600 * (1 - index / max(1, len(backlog))))
        NewsItem.objects.filter(pk=pk).update(publish_at=moment)
        Effect.objects.filter(object_id=pk, content_type__model="newsitem").update(due_at=moment)
    redis.Redis.from_url(redis_url).flushdb()  # the lost messages of the outage
    total = expected + 3 * len(backlog)
    started = time.monotonic()
    worker = start_worker()
    wait_for(
        lambda: SocialPost.objects.filter(state=PostState.SENT).count() >= total,
        900,
        lambda: f"backlog drained; {SocialPost.objects.filter(state=PostState.SENT).count()}/{total}",
        interval=0.5,
    )
    drain = time.monotonic() - started
    worker.kill()
    server.stop()
    duplicates = {
        name: len(fake.posts) - SocialPost.objects.filter(account__network=name, state=PostState.SENT).count()
        for name, fake in (("mastodon", mastodon), ("bluesky", bluesky), ("x", x))
    }

    print("| figure | value |")
    print("| --- | --- |")
    print(
        f"| scheduled items x accounts | {args.items} x 3 = {len(latencies)} posts over {args.spread:.0f} s |"
    )
    print(f"| sweep interval | {args.sweep:g} s |")
    p50, p99, mean = percentile(latencies, 0.5), percentile(latencies, 0.99), statistics.mean(latencies)
    print(
        f"| publish time -> post sent: p50 / p99 / max | {p50:.2f} s / {p99:.2f} s / "
        f"{max(latencies):.2f} s (mean {mean:.2f} s) |"
    )
    print(f"| backlog after a 10-minute outage | {args.backlog} items x 3 = {3 * len(backlog)} posts |")
    print(
        f"| backlog drained in (from worker start) | {drain:.1f} s ({3 * len(backlog) / drain:.1f} posts/s) |"
    )
    print(f"| posts on the networks minus posts recorded sent | {duplicates} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
