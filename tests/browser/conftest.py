"""Real Chromium (Debian's package) driven by Playwright against pytest-django's
live server. Browsers are never downloaded: the tests fail with a clear
message when /usr/bin/chromium is missing, so CI cannot skip them silently."""

import os
from pathlib import Path

import pytest

from tests.support.browser import DESKTOP

# Playwright's sync API runs an asyncio event loop in this thread; Django
# refuses ORM calls from such a thread unless told it is fine (it is: the
# loop only drives the browser, the ORM calls are ordinary blocking calls).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package "
            "(`apt-get install -y chromium`) or set CHROMIUM_PATH; browser tests never download one.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class BrowserSession:
    """One browser context (one visitor: its own cookies) with a page, the
    CSP violations and page errors it saw, and media served from disk."""

    def __init__(self, browser, base_url: str, viewport: dict):
        self.base_url = base_url
        self.context = browser.new_context(viewport=viewport, base_url=base_url, locale="ca-ES")
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def goto(self, path: str, expected_status: int = 200):
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == expected_status, f"{path}: HTTP {response.status}"
        return response

    def csp_violations(self) -> list[str]:
        return [text for text in self.console_errors if "Content Security Policy" in text]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_session(browser, live_server):
    """Factory: ``open_session()`` starts a new visitor (fresh cookies)."""
    sessions: list[BrowserSession] = []

    def factory(viewport: dict | None = None) -> BrowserSession:
        session = BrowserSession(browser, live_server.url, viewport or DESKTOP)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


@pytest.fixture
def visitor(open_session) -> BrowserSession:
    return open_session()


@pytest.fixture
def roles_ready(transactional_db):
    """The role groups, with their permissions (a transactional test's flush
    may have emptied the tables the migration filled)."""
    from comunicacio import roles

    roles.sync_role_permissions()
