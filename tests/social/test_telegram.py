import uuid

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.server import Response
from demo.fakes.telegram import FakeTelegram
from social.networks.base import (
    AccountConfig,
    AuthError,
    Outgoing,
    OutgoingImage,
    RateLimited,
    Rejected,
    Unavailable,
)
from social.networks.telegram import TelegramAdapter

LINK = "https://www.hostalric.cat/agenda/festa-major/?utm_source=telegram&utm_campaign=cs-p42"
TEXT = f"Festa Major d'Hostalric · àèéíòóúç l·l <b>no és HTML</b> & més\n{LINK}"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeTelegram())


def make_adapter(fake, client, chat_id="@ajuntament"):
    config = AccountConfig(credentials={"bot_token": fake.token, "chat_id": chat_id}, api_base=fake.base_url)
    return TelegramAdapter(config, client)


@pytest.fixture
def adapter(fake, http_client):
    return make_adapter(fake, http_client)


def outgoing(text=TEXT, image=None):
    return Outgoing(text=text, link=LINK, marker="cs-p42", idempotency_key=str(uuid.uuid4()), image=image)


class Progress:
    def __init__(self):
        self.saved = {}

    def __call__(self, progress):
        self.saved = dict(progress)


def test_send_message_as_plain_text_with_link_preview(fake, adapter):
    published = adapter.publish(outgoing(), Progress(), {})

    assert fake.violations == []
    message = fake.posts[published.remote_id]
    assert message["text"] == TEXT  # sent verbatim: no parse_mode, nothing to escape
    assert published.url == f"https://t.me/ajuntament/{published.remote_id}"
    request = fake.requests[-1]
    assert request.path == f"/bot{fake.token}/sendMessage"
    body = request.json()
    assert body["chat_id"] == "@ajuntament" and "parse_mode" not in body
    assert body["link_preview_options"] == {"url": LINK, "prefer_large_media": True}


def test_send_photo_with_caption_as_multipart(fake, adapter, png_bytes):
    image = OutgoingImage(png_bytes, "image/png", "Cartell", "https://x.test/a.png", 64, 48)
    published = adapter.publish(outgoing(image=image), Progress(), {})

    assert fake.violations == []
    parts = fake.requests[-1].multipart()
    assert fake.requests[-1].path.endswith("/sendPhoto")
    assert parts["chat_id"][2] == b"@ajuntament"
    assert parts["caption"][2].decode() == TEXT
    assert parts["photo"][1:] == ("image/png", png_bytes)
    assert fake.posts[published.remote_id]["caption"] == TEXT


def test_numeric_chat_id_of_a_public_channel_still_gets_its_url(fake, http_client):
    adapter = make_adapter(fake, http_client, chat_id=str(fake.chat_id))
    published = adapter.publish(outgoing(), Progress(), {})
    assert published.url == f"https://t.me/ajuntament/{published.remote_id}"


def test_private_channel_has_no_public_url(fake, http_client):
    fake.channel = ""
    published = make_adapter(fake, http_client, chat_id=str(fake.chat_id)).publish(outgoing(), Progress(), {})
    assert published.url == "" and published.remote_id in fake.posts


def test_caption_limit_is_the_max_length_and_counts_utf16(fake, adapter, png_bytes):
    assert TelegramAdapter.max_length == 1024
    assert adapter.measure("à🎉") == 3
    image = OutgoingImage(png_bytes, "image/png", "", "https://x.test/a.png", 64, 48)
    with pytest.raises(Rejected) as caught:
        adapter.publish(outgoing(text="🎉" * 513, image=image), Progress(), {})
    assert "caption is too long" in caught.value.message


def test_revoked_token_is_an_auth_error(fake, adapter):
    fake.revoke_token()
    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert caught.value.status == 401


def test_bot_removed_from_channel_is_an_auth_error(fake, adapter):
    fake.remove_bot()
    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert "bot is not a member of the channel chat" in caught.value.message


def test_flood_wait_uses_retry_after(fake, adapter):
    fake.flood_wait(seconds=17)
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert caught.value.retry_after == 17


def test_lost_answer_is_never_retried_blindly(fake, adapter):
    progress = Progress()
    fake.script("POST", r"/bot[^/]+/sendMessage", None, after_handling=True)
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), progress, {})
    assert caught.value.ambiguous
    assert len(fake.posts) == 1  # it did reach the channel

    assert TelegramAdapter.can_lookup is False
    with pytest.raises(Rejected) as manual:
        adapter.lookup(outgoing(), progress.saved)
    assert "by hand" in manual.value.message


def test_server_error_is_ambiguous(fake, adapter):
    fake.script("POST", r"/bot[^/]+/sendMessage", Response(502, "<html>Bad Gateway</html>"))
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert caught.value.ambiguous


def test_slow_answer_is_ambiguous(fake):
    with httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client:
        fake.script("POST", r"/bot[^/]+/sendMessage", Response(200, {"ok": True}), delay=0.6)
        with pytest.raises(Unavailable) as caught:
            make_adapter(fake, client).publish(outgoing(), Progress(), {})
    assert caught.value.ambiguous


def test_certain_failure_clears_the_in_flight_mark(fake, adapter):
    progress = Progress()
    fake.flood_wait()
    with pytest.raises(RateLimited):
        adapter.publish(outgoing(), progress, {})
    assert adapter.lookup(outgoing(), progress.saved) is None
    assert adapter.lookup(outgoing(), {}) is None


def test_delete_and_check(fake, adapter):
    published = adapter.publish(outgoing(), Progress(), {})
    adapter.delete(published.remote_id)
    adapter.delete(published.remote_id)  # already gone
    assert fake.posts == {} and fake.deleted == [published.remote_id]
    assert adapter.check() == "@ajuntament (@AjuntamentBot)"
    assert fake.violations == []


def test_check_notices_the_bot_is_no_longer_admin(fake, adapter):
    fake.bot_status = "member"
    with pytest.raises(AuthError):
        adapter.check()


@pytest.mark.parametrize(
    "credentials, field",
    [
        ({"bot_token": "", "chat_id": "@ajuntament"}, "bot_token"),
        ({"bot_token": "123456:curt", "chat_id": "@ajuntament"}, "bot_token"),
        ({"bot_token": "1234567890:" + "A" * 35, "chat_id": ""}, "chat_id"),
        ({"bot_token": "1234567890:" + "A" * 35, "chat_id": "Canal de l'Ajuntament"}, "chat_id"),
        ({"bot_token": "1234567890:" + "A" * 35, "chat_id": "-42"}, "chat_id"),
    ],
)
def test_malformed_credentials(credentials, field):
    with pytest.raises(ValidationError) as caught:
        TelegramAdapter.validate_credentials(credentials)
    assert list(caught.value.message_dict) == [field]


def test_credentials_are_normalised():
    token = "1234567890:" + "Ab_-" * 8 + "xyz"
    assert TelegramAdapter.validate_credentials(
        {"bot_token": f" {token} ", "chat_id": "https://t.me/ajuntament"}
    ) == {
        "bot_token": token,
        "chat_id": "@ajuntament",
    }
    assert TelegramAdapter.validate_credentials({"bot_token": token, "chat_id": "-1001234567890"})[
        "chat_id"
    ] == ("-1001234567890")
