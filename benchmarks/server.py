"""A gunicorn serving the project for the benchmark, stopped no matter what."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Gunicorn:
    """``gunicorn config.wsgi`` with 2 sync workers on a loopback port."""

    def __init__(self, name: str, env: dict, workdir: Path, log_dir: Path, workers: int = 2):
        self.name = name
        self.env = env
        self.workdir = workdir
        self.port = free_port()
        self.workers = workers
        self.log_path = log_dir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, ready_path: str = "/bench/floor-bytes/", timeout: float = 60.0) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ]
        log = self.log_path.open("w")
        # Own process group, so that stop() reaches the master and its workers.
        self.process = subprocess.Popen(
            command,
            cwd=self.workdir,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; see {self.log_path}")
            try:
                status, _headers, _body = fetch(self.base_url + ready_path, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer within {timeout:.0f} s; see {self.log_path}")

    def drain(self, path: str = "/bench/floor-bytes/") -> None:
        """Wait until requests that a finished wrk left queued are served:
        one probe per worker, sent together, queues behind them. Otherwise a
        slow page's backlog would be billed to the next page measured."""
        with ThreadPoolExecutor(self.workers) as pool:
            list(pool.map(lambda _n: fetch(self.base_url + path, timeout=120), range(self.workers)))

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        except ProcessLookupError:
            pass
