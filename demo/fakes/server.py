"""A threaded HTTP server hosting any number of fake networks, each under its
own path prefix (``http://127.0.0.1:PORT/mastodon/api/v1/statuses``)."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str  # without the network's prefix
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self):
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        """``application/x-www-form-urlencoded`` fields (last value wins)."""
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}

    def multipart(self) -> dict[str, tuple[str | None, str | None, bytes]]:
        """``multipart/form-data`` parts as name -> (filename, content type, data)."""
        content_type = self.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            raise Invalid(f"Expected multipart/form-data, got {content_type!r}")
        message = BytesParser(policy=policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + self.body
        )
        parts = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            parts[name] = (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
        return parts

    def param(self, name: str) -> str | None:
        """A field from the query string, a form or a JSON body."""
        if name in self.query:
            return self.query[name][-1]
        content_type = self.headers.get("content-type", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            return self.form().get(name)
        if content_type.startswith("application/json"):
            body = self.json()
            return body.get(name) if isinstance(body, dict) else None
        if content_type.startswith("multipart/form-data"):
            found = self.multipart().get(name)
            return found[2].decode() if found else None
        return None


@dataclass
class Response:
    status: int = 200
    body: object = None  # dict/list -> JSON, bytes/str -> as is
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("Content-Type", "application/octet-stream")
        if isinstance(self.body, str):
            return self.body.encode(), self.headers.get("Content-Type", "text/plain; charset=utf-8")
        return json.dumps(self.body).encode(), "application/json"


class Invalid(Exception):
    """The request does not follow the network's format: answered with a 400
    and recorded in ``violations`` so tests can assert there were none."""


@dataclass
class Scripted:
    """A canned behaviour for the next ``times`` matching requests."""

    method: str
    path: re.Pattern
    response: Response | None  # None: handle normally (after the delay)
    delay: float = 0.0
    times: int = 1
    # Handle the request normally, then wait ``delay`` seconds and answer with
    # ``response`` (or drop the connection if it is None): the "accepted but
    # the answer was lost" case, and the window a test kills a worker in.
    after_handling: bool = False


Route = Callable[[Request], Response]


class FakeNetwork:
    """Base of one network's fake. Subclasses declare routes in ``routes()``
    as (method, path regex, handler) and keep the posts they accept."""

    prefix: str = ""

    def __init__(self):
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self.scripts: list[Scripted] = []
        self.posts: dict[str, dict] = {}
        self.deleted: list[str] = []
        self.base_url = ""  # set when mounted
        # Real networks refuse some repeats: Mastodon honours an
        # Idempotency-Key for an hour; Facebook, X and LinkedIn refuse
        # identical content for a while. None of that can be relied on (the
        # key expires, the checks are heuristic and time-bound), so a test
        # can switch it off: the fake then accepts every repeat as a new
        # post, as the network does once its memory has passed, and only our
        # own lookup can prevent the duplicate.
        self.deduplicates = True

    def routes(self) -> list[tuple[str, str, Route]]:
        raise NotImplementedError

    # -- fault injection ----------------------------------------------------
    def script(
        self,
        method: str,
        path: str,
        response: Response | None = None,
        *,
        delay: float = 0.0,
        times: int = 1,
        after_handling: bool = False,
    ) -> None:
        with self.lock:
            self.scripts.append(Scripted(method, re.compile(path), response, delay, times, after_handling))

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.violations.clear()
            self.scripts.clear()
            self.posts.clear()
            self.deleted.clear()

    def _take_script(self, request: Request) -> Scripted | None:
        with self.lock:
            for scripted in self.scripts:
                if scripted.method == request.method and scripted.path.fullmatch(request.path):
                    scripted.times -= 1
                    if scripted.times <= 0:
                        self.scripts.remove(scripted)
                    return scripted
        return None

    # -- dispatch -------------------------------------------------------------
    def handle(self, request: Request) -> Response | None:
        """The response to send, or ``None`` to drop the connection."""
        with self.lock:
            self.requests.append(request)
        scripted = self._take_script(request)
        if scripted and scripted.after_handling:
            self._route(request)
            time.sleep(scripted.delay)
            return scripted.response
        if scripted and scripted.delay:
            time.sleep(scripted.delay)
        if scripted and scripted.response is not None:
            return scripted.response
        return self._route(request)

    def _route(self, request: Request) -> Response:
        allowed = False
        for method, pattern, route in self.routes():
            match = re.fullmatch(pattern, request.path)
            if not match:
                continue
            allowed = True
            if method != request.method:
                continue
            try:
                with self.lock:
                    return route(request, **match.groupdict())
            except Invalid as exc:
                with self.lock:
                    self.violations.append(f"{request.method} {request.path}: {exc}")
                return Response(400, {"error": str(exc)})
        if allowed:
            return Response(405, {"error": "Method not allowed"})
        with self.lock:
            self.violations.append(f"{request.method} {request.path}: unknown endpoint")
        return Response(404, {"error": "Not found"})


class FakeServer:
    """Serves mounted ``FakeNetwork`` instances on 127.0.0.1 in a thread."""

    def __init__(self, port: int = 0):
        self.networks: dict[str, FakeNetwork] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _serve(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                prefix, _, rest = parts.path.lstrip("/").partition("/")
                network = server.networks.get(prefix)
                if network is None:
                    self._send(Response(404, {"error": f"No fake network {prefix!r}"}))
                    return
                request = Request(
                    method=self.command,
                    path="/" + rest,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={key.lower(): value for key, value in self.headers.items()},
                    body=body,
                )
                response = network.handle(request)
                if response is None:
                    # The peer vanished after accepting: close without answering.
                    self.close_connection = True
                    return
                self._send(response)

            def _send(self, response: Response):
                data, content_type = response.encoded()
                self.send_response(response.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in response.headers.items():
                    if name.lower() != "content-type":
                        self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        # A short poll interval makes stop() (and each test's teardown) quick.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def mount(self, network: FakeNetwork) -> FakeNetwork:
        self.networks[network.prefix] = network
        network.base_url = f"{self.url}/{network.prefix}"
        return network

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
