"""The local stand-ins the demo's social accounts publish to.

``make run`` starts them (``manage.py run_fake_networks``) on
``FAKE_NETWORKS_PORT`` (8025) and ``load_demo`` creates one account per
network pointing at them, labelled as such. Their page at
http://127.0.0.1:8025/ lists what each "network" received.
"""

import html
import os

from .bluesky import FakeBluesky
from .facebook import FakeFacebook
from .instagram import FakeInstagram
from .linkedin import FakeLinkedIn
from .mastodon import FakeMastodon
from .server import FakeNetwork, FakeServer, Request, Response
from .telegram import FakeTelegram
from .x import FakeX

PORT = int(os.environ.get("FAKE_NETWORKS_PORT", "8025"))
BASE_URL = f"http://127.0.0.1:{PORT}"

# Fixed, obviously fake credentials, so the demo's accounts match the fakes
# across restarts.
MASTODON_TOKEN = "demo-mastodon-token-not-a-secret-0000000000"
TELEGRAM_TOKEN = "7012345678:DEMO-telegram-bot-token-not-secret00"
FACEBOOK_TOKEN = "EAADEMOfacebookpagetokennotasecret000000000000000000000000000"


def api_base(network: str) -> str:
    # The Graph API's version is part of its base address, as in production.
    return f"{BASE_URL}/{network}" + ("/v21.0" if network == "facebook" else "")


def build() -> dict[str, FakeNetwork]:
    mastodon = FakeMastodon()
    mastodon.token = MASTODON_TOKEN
    telegram = FakeTelegram()
    telegram.token = TELEGRAM_TOKEN
    facebook = FakeFacebook()
    facebook.token = FACEBOOK_TOKEN
    return {
        "mastodon": mastodon,
        "bluesky": FakeBluesky(),
        "telegram": telegram,
        "facebook": facebook,
        "instagram": FakeInstagram(),
        "x": FakeX(),
        "linkedin": FakeLinkedIn(),
    }


def credentials(fakes: dict[str, FakeNetwork]) -> dict[str, dict[str, str]]:
    bluesky, instagram, x, linkedin = fakes["bluesky"], fakes["instagram"], fakes["x"], fakes["linkedin"]
    return {
        "mastodon": {"access_token": fakes["mastodon"].token},
        "bluesky": {"handle": bluesky.account_handle, "app_password": bluesky.app_password},
        "telegram": {"bot_token": fakes["telegram"].token, "chat_id": "@" + fakes["telegram"].channel},
        "facebook": {"page_id": fakes["facebook"].page_id, "page_access_token": fakes["facebook"].token},
        "instagram": {"ig_user_id": instagram.ig_user_id, "access_token": instagram.access_token},
        "x": {"access_token": x.access_token},
        "linkedin": {"organization_id": linkedin.organization_id, "access_token": linkedin.access_token},
    }


class Inbox(FakeNetwork):
    """The fakes' own home page: what every network received."""

    prefix = ""

    def __init__(self, fakes: dict[str, FakeNetwork]):
        super().__init__()
        self.fakes = fakes

    def routes(self):
        return [("GET", r"/", self.index)]

    def index(self, request: Request) -> Response:
        sections = []
        for name, fake in self.fakes.items():
            with fake.lock:
                posts = list(fake.posts.values())
            items = "".join(f"<li><pre>{html.escape(_text(post))}</pre></li>" for post in reversed(posts))
            sections.append(
                f"<section><h2>{html.escape(name)} ({len(posts)})</h2>"
                f"<ul>{items or '<li>—</li>'}</ul></section>"
            )
        page = (
            "<!DOCTYPE html><html lang='ca'><head><meta charset='utf-8'>"
            "<title>Xarxes de proves</title></head>"
            "<body><h1>Xarxes socials de proves (locals, no publiquen enlloc)</h1>"
            + "".join(sections)
            + "</body></html>"
        )
        return Response(200, page, {"Content-Type": "text/html; charset=utf-8"})


def _text(post: dict) -> str:
    """The text of a post as each fake keeps it."""
    for holder in (post, post.get("record") or {}):
        for key in ("text", "status", "content", "message", "caption", "commentary"):
            if isinstance(holder.get(key), str):
                return holder[key][:1200]
    return str(post)[:1200]


def serve(port: int = PORT) -> tuple[FakeServer, dict[str, FakeNetwork]]:
    fakes = build()
    server = FakeServer(port)
    for fake in fakes.values():
        server.mount(fake)
    server.mount(Inbox(fakes))
    return server.start(), fakes
