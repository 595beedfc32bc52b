"""Press mailing throughput: ``python -m benchmarks.press --contacts 5000``.

Recreates a dedicated PostgreSQL database (``comunicacio_press_bench``),
seeds ``--contacts`` journalists on one distribution list and an embargoed
press note, then runs what the worker runs: the ``press.distribute`` handler
(creating the deliveries) and ``send_batch`` until nothing is due, each
message composed in the journalist's language, sent over a real SMTP
conversation to a local aiosmtpd sink (``tests/support/smtp_sink.py``, in
its own process) and committed in its own transaction. The rate limit is
lifted so the figure is what one worker process can push; Celery's hop
between batches (one broker round trip per batch) is not included.

Environment: BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432),
BENCH_PRESS_DB_NAME (comunicacio_press_bench), BENCH_PROFILE=1 to print a
cProfile of the sending loop.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time


def run_sink(port_queue, stop_event, result_queue) -> None:
    from tests.support.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    port_queue.put(sink.port)
    stop_event.wait()
    delivered = sink.delivered
    result_queue.put((len(delivered), len({str(message["To"]) for message in delivered})))
    sink.stop()


def recreate_database(postgres_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{postgres_url}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()

    postgres_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    db_name = os.environ.get("BENCH_PRESS_DB_NAME", "comunicacio_press_bench")
    recreate_database(postgres_url, db_name)

    context = multiprocessing.get_context("spawn")
    port_queue, result_queue, stop_event = context.Queue(), context.Queue(), context.Event()
    sink = context.Process(target=run_sink, args=(port_queue, stop_event, result_queue), daemon=True)
    sink.start()
    port = port_queue.get(timeout=30)

    workdir = tempfile.mkdtemp(prefix="press-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"{postgres_url}/{db_name}",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        PRESS_BATCH_SIZE=str(args.batch_size),
        PRESS_SEND_RATE_PER_MINUTE=str(10**9),
        VAR_DIR=workdir,
        LOG_LEVEL="WARNING",
        DJANGO_DEBUG="0",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("EMAIL_USE_TLS", None)
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from comunicacio.organisation import Unit
    from news.models import Kind, NewsItem, Status
    from news.press import sending as press_sending
    from news.press.models import DistributionList, MediaContact, PressDelivery, PressDistribution

    print(f"Migrating {db_name}...", file=sys.stderr)
    call_command("migrate", "--noinput", verbosity=0)
    now = timezone.now()
    contacts = MediaContact.objects.bulk_create(
        MediaContact(
            name=f"Periodista {number}",
            outlet=f"Mitjà {number % 40}",
            email=f"periodista{number}@mitja{number % 40}.example",
            language="es" if number % 4 == 0 else "ca",
        )
        for number in range(args.contacts)
    )
    press_list = DistributionList.objects.create(name="Tots els mitjans")
    press_list.contacts.add(*contacts)
    unit = Unit.objects.create(name="Àrea de Comunicació", slug="comunicacio")
    item = NewsItem.objects.create(
        title="L'Ajuntament aprova el pressupost de 2027",
        title_es="El Ayuntamiento aprueba el presupuesto de 2027",
        summary="El ple aprova un pressupost de 48 milions d'euros amb més inversió als barris.",
        body="<p>El ple municipal ha aprovat el pressupost.</p>" * 12,
        kind=Kind.PRESS_NOTE,
        status=Status.PUBLISHED,
        publish_at=now,
        publication=1,
        embargo_until=now + timedelta(hours=12),
        unit=unit,
    )
    distribution = PressDistribution.objects.create(news=item)
    distribution.lists.add(press_list)

    started = time.perf_counter()
    created = press_sending.create_deliveries(distribution)
    handler_seconds = time.perf_counter() - started
    profiler = None
    if os.environ.get("BENCH_PROFILE") == "1":
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    batches = 0
    while True:
        result = press_sending.send_batch()
        if result.attempted == 0 and result.skipped == 0:
            break
        batches += 1
    send_seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.print_stats("cumulative")

    stop_event.set()
    delivered, distinct = result_queue.get(timeout=60)
    sink.join(timeout=10)
    sent = PressDelivery.objects.filter(state=PressDelivery.State.SENT).count()

    print()
    print(f"| press mailing, {args.contacts} contacts, batches of {args.batch_size} | value |")
    print("| --- | ---: |")
    print(f"| deliveries created (handler) | {created} in {handler_seconds:.2f} s |")
    print(f"| batches | {batches} |")
    print(f"| messages sent / accepted by the sink (distinct To) | {sent} / {delivered} ({distinct}) |")
    print(f"| sending time | {send_seconds:.2f} s |")
    print(f"| throughput | {sent / send_seconds:.1f} messages/s |")
    print(f"| total (handler + sending) | {handler_seconds + send_seconds:.2f} s |")
    return 0 if sent == delivered == distinct == args.contacts else 1


if __name__ == "__main__":
    sys.exit(main())
