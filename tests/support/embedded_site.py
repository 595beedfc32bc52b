"""The site as `make run` runs it, on the embedded defaults (a SQLite file, the
filesystem broker and the file-based cache, all under one ``VAR_DIR``): two
web server processes and a Celery worker with beat, started as subprocesses
in their own process groups and killed together at the end."""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import httpx

from .worker_process import _group_alive, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]
PUBLISHER = ("cap", "Cap-Comunicacio-prova-2026")

SEED = f"""
from datetime import timedelta

from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)

from django.contrib.auth.models import Group, User
from django.utils import timezone

from comunicacio import roles
from comunicacio.organisation import Unit
from news.models import Kind, NewsItem, Status

unit = Unit.objects.create(name="Àrea de Comunicació", slug="comunicacio")
user = User.objects.create_user("{PUBLISHER[0]}", "cap@ajuntament.example", "{PUBLISHER[1]}", is_staff=True)
user.groups.add(Group.objects.get(name=roles.PUBLISHERS))
for title in ("Nova biblioteca municipal", "Obres al carrer Major"):
    item = NewsItem.objects.create(
        title=title,
        summary=f"{{title}}: el resum que llegeixen els veïns.",
        body="<p>Cos de la nota.</p>",
        kind=Kind.PRESS_NOTE,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
        unit=unit,
    )
    print(item.pk, item.get_absolute_url())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def embedded_env(var_dir: Path) -> dict[str, str]:
    """The environment of `make run` on a fresh machine: no DATABASE_URL, no
    REDIS_URL, no DJANGO_DEBUG; everything under ``var_dir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "CELERY_", "SECURE_", "EMAIL_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "SQLITE_PATH", "MEDIA_ROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        VAR_DIR=str(var_dir),
        PAGE_CACHE_SECONDS="600",
        # Keep beat's sweeps frequent, as the backstop they are.
        PUBLISHING_SWEEP_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    return env


class EmbeddedSite:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.env = embedded_env(workdir / "var")
        self.processes: dict[str, subprocess.Popen] = {}
        self.urls: dict[str, str] = {}

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def spawn(self, name: str, command: list[str]) -> None:
        with open(self.log_path(name), "wb") as log:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log_path(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def log(self, name: str) -> str:
        path = self.log_path(name)
        return path.read_text(errors="replace") if path.exists() else ""

    def start_web(self, name: str) -> str:
        """``make run``'s server (runserver without the reloader) on a free port."""
        port = free_port()
        self.spawn(name, [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"])
        self.urls[name] = f"http://127.0.0.1:{port}"
        return self.urls[name]

    def start_worker(self) -> None:
        self.spawn(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--beat",
                "--schedule",
                str(self.workdir / "beat-schedule"),
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
        )

    def wait_ready(self, timeout: float = 60) -> None:
        def alive(name):
            if self.processes[name].poll() is not None:
                raise AssertionError(f"{name} exited early:\n{self.log(name)[-4000:]}")

        def answers(url):
            try:
                return httpx.get(url + "/robots.txt", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        def ready():
            for name in self.processes:
                alive(name)
            return " ready." in self.log("worker") and all(answers(url) for url in self.urls.values())

        wait_for(ready, timeout, lambda: "site ready\n" + self.logs(), interval=0.1)

    def logs(self) -> str:
        return "\n".join(f"----- {name} -----\n{self.log(name)[-3000:]}" for name in self.processes)

    @contextlib.contextmanager
    def paused(self, name: str):
        """``name`` frozen (SIGSTOP), as a worker busy with a long mailing is
        for whatever it is sent meanwhile; it resumes afterwards."""
        os.killpg(self.processes[name].pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.killpg(self.processes[name].pid, signal.SIGCONT)

    def wait_effects_done(self, timeout: float = 60) -> None:
        """Wait until the worker has run every recorded side effect (its
        backstop purge included), read straight from the SQLite file."""

        def pending() -> int:
            with contextlib.closing(sqlite3.connect(self.env["VAR_DIR"] + "/comunicacio.sqlite3")) as db:
                query = "SELECT COUNT(*) FROM comunicacio_effect WHERE state = 'pending'"
                return db.execute(query).fetchone()[0]

        wait_for(lambda: pending() == 0, timeout, "the worker runs the recorded effects")

    def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        for process in self.processes.values():
            process.wait(timeout=10)
            wait_for(lambda pid=process.pid: not _group_alive(pid), 10, "process group gone")


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with ``form_id``, as
    the page rendered them (inputs, checked boxes, selected options, text)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_chosen = False
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_chosen, self._first_option = name, False, None
            # A multiple select with nothing chosen sends nothing.
            self._select_chosen = "multiple" in attrs
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # Browsers drop the one newline that follows <textarea>.
            self.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields
