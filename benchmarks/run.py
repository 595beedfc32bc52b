"""`make bench`: how fast the public pages are, as ratios to floor views.

1. Recreates a dedicated PostgreSQL database (``comunicacio_bench``), migrates
   it and seeds it with ``manage.py generate_volume`` (20,000 news) and
   ``manage.py generate_agenda_volume`` (10,000 events, 500 of them weekly
   series), then times ``manage.py regenerate_occurrences`` on it twice: with
   the rows in place (the usual case: nothing to change) and from an empty
   occurrence table (the whole horizon written).
2. Collects static files and starts two gunicorns (2 sync workers each, DEBUG
   off, Redis cache), one with the public page cache on and one with it off.
3. Loads each page with ``wrk -t2 -c16 -d<BENCH_SECONDS>s`` and prints
   requests/s and p50/p99 latency next to the two floor views of the same
   stack: a view returning a few bytes and a view rendering 20 rows of one
   query. The floors are measured at the start and at the end and averaged,
   because these machines are shared and their speed drifts.
4. Writes the table as Markdown to ``bench-results/latest.md``.

Targets (docs/engineering.md): a cached page at least 0.5x the few-bytes
floor; an uncached news list (any page, any filter) and news page at least
0.5x the one-query floor. The agenda's list (default and filtered) and event
page are held to the same target as their news counterparts; the month view
and the whole-agenda .ics feed are shown without one.

Environment: BENCH_SECONDS (10), BENCH_NEWS (20000), BENCH_AGENDA_EVENTS
(10000; 0 leaves the agenda out), BENCH_AGENDA_SERIES (500), BENCH_DB_NAME
(comunicacio_bench), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432),
REDIS_URL (redis://127.0.0.1:6379/0), BENCH_REUSE_DB=1 to keep an already
seeded database, BENCH_ONLY=name,name to load only some pages (the
regeneration is timed only when BENCH_ONLY is unset or names "regenerate").
Everything runs on loopback.
"""

import datetime
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from . import wrk
from .server import Gunicorn, fetch

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "latest.md"
TARGET = 0.5


@dataclass
class Config:
    seconds: int
    news: int
    agenda_events: int
    agenda_series: int
    db_name: str
    postgres_url: str
    redis_url: str
    reuse_db: bool
    only: set[str]

    @classmethod
    def from_env(cls) -> "Config":
        return cls(
            seconds=int(os.environ.get("BENCH_SECONDS", "10")),
            news=int(os.environ.get("BENCH_NEWS", "20000")),
            agenda_events=int(os.environ.get("BENCH_AGENDA_EVENTS", "10000")),
            agenda_series=int(os.environ.get("BENCH_AGENDA_SERIES", "500")),
            db_name=os.environ.get("BENCH_DB_NAME", "comunicacio_bench"),
            postgres_url=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip(
                "/"
            ),
            redis_url=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
            reuse_db=os.environ.get("BENCH_REUSE_DB") == "1",
            only={name for name in os.environ.get("BENCH_ONLY", "").split(",") if name},
        )

    @property
    def database_url(self) -> str:
        return f"{self.postgres_url}/{self.db_name}"


@dataclass
class Page:
    name: str
    path: str
    # Which floor an uncached measurement is held to (None: shown, no target).
    uncached_target: bool


@dataclass
class Row:
    page: str
    mode: str
    load: wrk.Load
    floor: str | None = None
    ratio: float | None = None
    target: float | None = None


@dataclass
class Timing:
    """One run of a management command: its own figure and the process's."""

    name: str
    seconds: float  # as the command reports it (the work alone)
    wall_seconds: float  # the whole process, Django start-up included
    output: str


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(env: dict, *args: str) -> None:
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    log(f"manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s")


def timed(env: dict, name: str, *args: str) -> Timing:
    """Run a command that prints "... in <seconds> s." and time it."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    wall = time.monotonic() - started
    output = result.stdout.strip()
    found = re.search(r"in ([\d.]+) s\.", output)
    log(f"{name}: {output} (process {wall:.1f} s)")
    return Timing(name, float(found.group(1)) if found else wall, wall, output)


def time_regeneration(config: Config, env: dict) -> list[Timing]:
    """``regenerate_occurrences`` on the seeded database: rows in place (the
    usual run: everything compared, nothing to write), then from an empty
    table (every occurrence up to the horizon computed and inserted)."""
    timings = [timed(env, "regenerate, rows in place", "regenerate_occurrences")]
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        connection.execute("TRUNCATE agenda_occurrence")
    timings.append(timed(env, "regenerate, from empty", "regenerate_occurrences"))
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        connection.execute("ANALYZE agenda_occurrence")
    return timings


def recreate_database(config: Config) -> None:
    with psycopg.connect(f"{config.postgres_url}/postgres", autocommit=True) as connection:
        name = sql.Identifier(config.db_name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def discover_pages(config: Config) -> list[Page]:
    """URLs built from the seeded data: a real slug, a busy unit, a deep page."""
    with psycopg.connect(config.database_url) as connection:
        total = connection.execute(
            "SELECT count(*) FROM news_newsitem WHERE status = 'published'"
        ).fetchone()[0]
        slug = connection.execute(
            "SELECT slug FROM news_newsitem WHERE status = 'published' AND embargo_until IS NULL "
            "ORDER BY publish_at DESC OFFSET 100 LIMIT 1"
        ).fetchone()[0]
        unit = connection.execute(
            "SELECT u.slug FROM comunicacio_unit u JOIN news_newsitem n ON n.unit_id = u.id "
            "GROUP BY u.slug ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    deep = max(2, min(500, total // 20 // 2))
    today = datetime.date.today()
    date_from = today.replace(year=today.year - 3).isoformat()
    date_to = today.replace(year=today.year - 1).isoformat()
    return news_pages(slug, unit, deep, date_from, date_to) + agenda_pages(config, today)


def agenda_pages(config: Config, today: datetime.date) -> list[Page]:
    """The default list, a filtered one, this month, the page of the longest
    running series and the whole-agenda .ics (its first 500 events)."""
    if not config.agenda_events:
        return []
    with psycopg.connect(config.database_url) as connection:
        series = connection.execute(
            "SELECT slug FROM agenda_event WHERE status = 'published' AND recurrence_frequency <> '' "
            "ORDER BY recurrence_until DESC, id LIMIT 1"
        ).fetchone()
    if series is None:
        raise RuntimeError("No recurring event in the database: seed it with generate_agenda_volume.")
    return [
        Page("agenda list", "/ca/agenda/", True),
        Page("agenda filtered list", "/ca/agenda/?categoria=cultura&public=families&gratuit=on", True),
        Page("agenda month", f"/ca/agenda/calendari/{today.year}/{today.month}/", False),
        Page("agenda series event", f"/ca/agenda/activitat/{series[0]}/", True),
        Page("agenda ics feed", "/ca/agenda/agenda.ics", False),
    ]


def news_pages(slug: str, unit: str, deep: int, date_from: str, date_to: str) -> list[Page]:
    return [
        Page("home", "/ca/", False),
        Page("news list p1", "/ca/noticies/", True),
        Page(f"news list p{deep}", f"/ca/noticies/?page={deep}", True),
        Page(
            "filtered list",
            f"/ca/noticies/?kind=press&unit={unit}&date_from={date_from}&date_to={date_to}",
            True,
        ),
        Page("news detail", f"/ca/noticies/{slug}/", True),
        Page("rss feed", "/ca/noticies/rss/", False),
        Page("search", "/ca/cerca/?q=festa+major", False),
    ]


def server_env(config: Config, workdir: Path, page_cache_seconds: int, prefix: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "BENCH_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        BENCHMARK_VIEWS="1",
        DATABASE_URL=config.database_url,
        REDIS_URL=config.redis_url,
        CACHE_KEY_PREFIX=prefix,
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        VAR_DIR=str(workdir / "var"),
        EMAIL_HOST="",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def check_pages(server: Gunicorn, pages: list[Page], expect_cache: bool) -> None:
    for page in pages:
        url = server.base_url + page.path
        status, headers, body = fetch(url)
        if status != 200:
            raise RuntimeError(f"{page.name}: {url} answered {status}")
        if expect_cache:
            status, headers, body = fetch(url)
            if headers.get("X-Cache") != "HIT":
                raise RuntimeError(f"{page.name}: {url} is not served from the page cache")
        elif "X-Cache" in headers:
            raise RuntimeError(f"{page.name}: {url} went through the page cache with the cache off")


def measure(server: Gunicorn, path: str, seconds: int) -> wrk.Load:
    server.drain()
    result = wrk.load(server.base_url + path, seconds)
    server.drain()
    if result.non_2xx or result.errors:
        log(f"  warning: {result.non_2xx} non-2xx responses, {result.errors} socket errors")
    return result


def averaged(first: wrk.Load, second: wrk.Load) -> wrk.Load:
    return wrk.Load(
        requests_per_second=(first.requests_per_second + second.requests_per_second) / 2,
        p50_ms=(first.p50_ms + second.p50_ms) / 2,
        p99_ms=(first.p99_ms + second.p99_ms) / 2,
        requests=first.requests + second.requests,
        errors=first.errors + second.errors,
        non_2xx=first.non_2xx + second.non_2xx,
    )


def run(config: Config) -> tuple[list[Row], list[Timing]]:
    wrk.require_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="comunicacio-bench-"))
    run_id = f"bench{os.getpid()}x{int(time.time())}"
    env = server_env(config, workdir, 600, f"{run_id}-setup")

    if config.reuse_db:
        log(f"reusing database {config.db_name}")
    else:
        log(f"recreating database {config.db_name}")
        recreate_database(config)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "generate_volume", "--news", str(config.news))
        if config.agenda_events:
            manage(
                env,
                "generate_agenda_volume",
                "--events",
                str(config.agenda_events),
                "--series",
                str(config.agenda_series),
            )
    timings = []
    if config.agenda_events and (not config.only or "regenerate" in config.only):
        timings = time_regeneration(config, env)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    pages = discover_pages(config)
    if config.only:
        pages = [page for page in pages if page.name in config.only]

    cached = Gunicorn("cached", server_env(config, workdir, 600, f"{run_id}-cached"), ROOT, workdir)
    uncached = Gunicorn("uncached", server_env(config, workdir, 0, f"{run_id}-uncached"), ROOT, workdir)
    rows: list[Row] = []
    try:
        cached.start()
        uncached.start()
        log(f"gunicorn cached on {cached.base_url}, uncached on {uncached.base_url}; logs in {workdir}")
        check_pages(uncached, pages, expect_cache=False)
        check_pages(cached, pages, expect_cache=True)

        floors_before = {}
        for name in ("floor-bytes", "floor-query"):
            log(f"{name} (start)")
            floors_before[name] = measure(uncached, f"/bench/{name}/", config.seconds)
        measured: list[tuple[Page, str, wrk.Load]] = []
        for mode, server in (("cached", cached), ("uncached", uncached)):
            for page in pages:
                log(f"{page.name} ({mode})")
                measured.append((page, mode, measure(server, page.path, config.seconds)))
        floors = {}
        for name in ("floor-bytes", "floor-query"):
            log(f"{name} (end)")
            floors[name] = averaged(floors_before[name], measure(uncached, f"/bench/{name}/", config.seconds))
    finally:
        cached.stop()
        uncached.stop()
        # Keep only the gunicorn logs.
        for folder in ("static", "media", "var"):
            shutil.rmtree(workdir / folder, ignore_errors=True)

    for name, result in floors.items():
        rows.append(Row(name, "floor", result))
    for page, mode, result in measured:
        floor = "floor-bytes" if mode == "cached" else "floor-query"
        target = TARGET if mode == "cached" or page.uncached_target else None
        ratio = result.requests_per_second / floors[floor].requests_per_second
        rows.append(Row(page.name, mode, result, floor, ratio, target))
    return rows, timings


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| page | mode | req/s | p50 ms | p99 ms | ratio | vs floor | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        if row.ratio is None:
            ratio = floor = target = ""
        else:
            ratio = f"{row.ratio:.2f}"
            floor = row.floor
            if row.target is None:
                target = "—"
            else:
                target = f"≥ {row.target} {'ok' if row.ratio >= row.target else 'BELOW'}"
        errors = row.load.errors + row.load.non_2xx
        note = f" ({errors} errors)" if errors else ""
        lines.append(
            f"| {row.page}{note} | {row.mode} | {row.load.requests_per_second:,.0f} | "
            f"{row.load.p50_ms:.1f} | {row.load.p99_ms:.1f} | {ratio} | {floor} | {target} |"
        )
    return lines


def report(config: Config, rows: list[Row], timings: list[Timing]) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load_average = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    header = [
        "# Benchmark",
        "",
        f"{datetime.datetime.now().isoformat(timespec='seconds')} · commit {commit or '?'} · "
        f"{config.news:,} news · {config.agenda_events:,} events ({config.agenda_series:,} series) · "
        "PostgreSQL + Redis · gunicorn 2 sync workers, DEBUG off · "
        f"`wrk -t2 -c16 -d{config.seconds}s` · {os.cpu_count()} CPUs ({platform.machine()}), "
        f"load average after the run {load_average}",
        "",
        "Ratios are to floor views of the same stack measured in the same run (mean of a "
        "measurement at the start and one at the end): cached pages to the few-bytes view, "
        "uncached pages to the view rendering 20 rows of one query.",
        "",
    ]
    lines = header + table(rows)
    if timings:
        lines += [
            "",
            "`manage.py regenerate_occurrences` on the seeded database (the whole horizon):",
            "",
            "| run | seconds (command) | seconds (process) |",
            "| --- | ---: | ---: |",
        ]
        lines += [f"| {t.name} | {t.seconds:.1f} | {t.wall_seconds:.1f} |" for t in timings]
        lines += ["", *[f"- {t.name}: {t.output}" for t in timings]]
    return "\n".join(lines) + "\n"


def main() -> int:
    config = Config.from_env()
    # SIGTERM (e.g. a CI timeout) must still reach the finally that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    rows, timings = run(config)
    text = report(config, rows, timings)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {RESULTS.relative_to(ROOT)}")
    below = [row for row in rows if row.target is not None and row.ratio < row.target]
    if below:
        print("Below target: " + ", ".join(f"{row.page} ({row.mode}) {row.ratio:.2f}" for row in below))
    return 0


if __name__ == "__main__":
    sys.exit(main())
