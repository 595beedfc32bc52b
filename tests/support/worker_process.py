"""A real Celery worker (prefork pool, embedded beat) as a subprocess, in its
own process group so a test can SIGKILL all of it at once, as a crashed or
OOM-killed host would."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection


def wait_for(
    condition: Callable[[], object], timeout: float, message: str | Callable[[], str], interval: float = 0.05
):
    """Poll ``condition`` until it returns something truthy, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            if callable(message):
                message = message()
            raise AssertionError(f"Timed out after {timeout} s: {message}")
        time.sleep(interval)


def test_database_url() -> str:
    """The URL of the database this test runs on (``test_<name>``)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'])}"


class WorkerProcess:
    def __init__(self, workdir: Path, *, redis_url: str, smtp_port: int, sweep_seconds: float):
        self.workdir = workdir
        self.name = f"itest-{uuid.uuid4().hex[:8]}"
        self.log_path = workdir / f"{self.name}.log"
        env = os.environ.copy()
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=test_database_url(),
            REDIS_URL=redis_url,
            CELERY_BROKER_URL=redis_url,
            CELERY_TASK_ALWAYS_EAGER="0",
            PUBLISHING_SWEEP_SECONDS=str(sweep_seconds),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            VAR_DIR=str(workdir / "var"),
            # One installation, one key (the social credentials are encrypted
            # under it): the worker's own var/ would generate another one.
            DJANGO_SECRET_KEY=settings.SECRET_KEY,
            PYTHONUNBUFFERED="1",
        )
        env.pop("EMAIL_USE_TLS", None)
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--schedule",
            str(self.workdir / f"{self.name}-beat"),
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--hostname",
            f"{self.name}@%h",
            # Cluster chatter only slows the start down.
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.log()))

    def wait_ready(self, timeout: float = 20) -> "WorkerProcess":
        def ready():
            if self.process.poll() is not None:
                raise AssertionError(f"The worker exited early:\n{self.log()[-4000:]}")
            return " ready." in self.log()

        wait_for(ready, timeout, f"worker ready\n{self.log()[-4000:]}")
        return self

    def kill(self) -> None:
        """SIGKILL the main process, its pool child and the beat process."""
        if self.process is None:
            return
        # Even if the main process already exited, its children may not have.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        # The pool child and beat are reparented when the main process dies;
        # wait until no member of the group survives.
        wait_for(lambda: not _group_alive(self.process.pid), 10, "worker process group gone")


def _group_alive(pgid: int) -> bool:
    """Whether a live (not zombie) process remains in the group; zombies are
    ignored because nothing guarantees the container's init reaps them."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            return True
    return False
