import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.mastodon import FakeMastodon
from demo.fakes.server import Response
from social.networks import base
from social.networks.base import AccountConfig, AuthError, Outgoing, OutgoingImage, RateLimited, Unavailable
from social.networks.mastodon import MastodonAdapter

LINK = "https://www.hostalric.cat/agenda/festa-major/?utm_source=mastodon&utm_campaign=cs-p42"
TEXT = f"Festa Major d'Hostalric · àèéíòóúç l·l\n\n{LINK}\n\n#FestaMajor"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeMastodon())


def make_adapter(fake, client):
    config = AccountConfig(credentials={"access_token": fake.token}, api_base=fake.base_url)
    adapter = MastodonAdapter(config, client)
    adapter.media_poll_interval = 0  # the fake needs no time to "process"
    return adapter


@pytest.fixture
def adapter(fake, http_client):
    return make_adapter(fake, http_client)


def outgoing(text=TEXT, image=None, key=None):
    return Outgoing(
        text=text,
        link=LINK,
        marker="cs-p42",
        idempotency_key=key or str(uuid.uuid4()),
        title="Festa Major",
        image=image,
    )


def image(png_bytes, alt="Cartell de la Festa Major amb l·l i àèé"):
    return OutgoingImage(
        data=png_bytes, content_type="image/png", alt=alt, url="https://x.test/a.png", width=64, height=48
    )


def wait_for(condition, timeout=5.0):
    """Wait for something the fake's own thread does (not for time to pass)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the fake never got there"
        time.sleep(0.01)


def test_publish_text_posts_status_with_idempotency_key(fake, adapter):
    post = outgoing()
    published = adapter.publish(post, lambda progress: None, {})

    assert fake.violations == []
    status = fake.posts[published.remote_id]
    assert status["text"] == TEXT
    assert status["visibility"] == "public"
    assert status["language"] == "ca"
    assert published.url == status["url"]
    request = [r for r in fake.requests if r.path == "/api/v1/statuses"][0]
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {fake.token}"
    assert request.headers["idempotency-key"] == post.idempotency_key
    assert request.json()["media_ids"] == []


def test_publish_with_image_uploads_media_with_alt_text(fake, adapter, png_bytes):
    published = adapter.publish(outgoing(image=image(png_bytes)), lambda progress: None, {})

    assert fake.violations == []
    upload = [r for r in fake.requests if r.path == "/api/v2/media"][0]
    parts = upload.multipart()
    assert parts["file"][1] == "image/png"
    assert parts["file"][2] == png_bytes
    assert parts["description"][2].decode() == "Cartell de la Festa Major amb l·l i àèé"
    status = fake.posts[published.remote_id]
    assert [media["description"] for media in status["media_attachments"]] == [
        "Cartell de la Festa Major amb l·l i àèé"
    ]


def test_publish_waits_for_media_processed_asynchronously(fake, adapter, png_bytes):
    fake.processing_polls = 2

    published = adapter.publish(outgoing(image=image(png_bytes)), lambda progress: None, {})

    assert fake.violations == []
    assert [r.path for r in fake.requests if r.method == "GET"] == [
        f"/api/v1/media/{fake.posts[published.remote_id]['media_attachments'][0]['id']}"
    ] * 3
    assert fake.posts[published.remote_id]["media_attachments"][0]["url"]


def test_same_idempotency_key_never_creates_a_second_status(fake, adapter):
    post = outgoing()
    first = adapter.publish(post, lambda progress: None, {})
    again = adapter.publish(post, lambda progress: None, {})

    assert again == first
    assert len(fake.posts) == 1


def test_lost_answer_then_retry_with_same_key_gives_no_duplicate(fake, adapter):
    post = outgoing()
    fake.script("POST", r"/api/v1/statuses", None, after_handling=True)

    with pytest.raises(Unavailable) as caught:
        adapter.publish(post, lambda progress: None, {})
    assert caught.value.ambiguous

    found = adapter.lookup(post, {})
    assert found is not None and found.remote_id in fake.posts
    assert adapter.publish(post, lambda progress: None, {}) == found
    assert len(fake.posts) == 1


def test_lookup_returns_none_when_nothing_was_posted(fake, adapter):
    adapter.publish(outgoing(text="Una altra cosa https://www.hostalric.cat/?utm_campaign=cs-p7"), dict, {})

    assert adapter.lookup(outgoing(), {}) is None
    assert fake.violations == []


def test_expired_token_is_an_auth_error(fake, adapter):
    fake.expire_token()

    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert "The access token is invalid" in caught.value.message
    assert fake.posts == {}


def test_429_waits_until_the_rate_limit_window_resets(fake, adapter):
    fake.throttle(seconds=120)

    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert 110 <= caught.value.retry_after <= 120


def test_server_error_is_ambiguous_unavailable(fake, adapter):
    fake.script("POST", r"/api/v1/statuses", Response(503, "<html>Service Unavailable</html>"))

    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert caught.value.ambiguous and caught.value.status == 503


def test_slow_answer_times_out_ambiguously_and_lookup_finds_the_post(fake):
    with httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client:
        adapter = make_adapter(fake, client)
        fake.script("POST", r"/api/v1/statuses", None, delay=0.6)
        post = outgoing()
        with pytest.raises(Unavailable) as caught:
            adapter.publish(post, lambda progress: None, {})
        assert caught.value.ambiguous

        wait_for(lambda: fake.posts)
        found = adapter.lookup(post, {})
    assert found is not None and found.remote_id in fake.posts


def test_delete_removes_the_status_and_tolerates_already_gone(fake, adapter):
    published = adapter.publish(outgoing(), lambda progress: None, {})

    adapter.delete(published.remote_id)
    adapter.delete(published.remote_id)

    assert fake.posts == {}
    assert fake.deleted == [published.remote_id]


def test_check_returns_the_full_handle(fake, adapter):
    assert adapter.check() == "@ajuntament@127.0.0.1"
    fake.expire_token()
    with pytest.raises(AuthError):
        adapter.check()


def test_urls_count_as_23_characters():
    adapter_cls = MastodonAdapter
    text = "Festa Major d'Hostalric · àèéíòóúç l·l " + LINK
    assert adapter_cls.measure(None, text) == len("Festa Major d'Hostalric · àèéíòóúç l·l ") + 23
    assert adapter_cls.measure(None, "Hola @gent@mastodon.social!") == len("Hola @gent!")


def test_text_over_the_instance_limit_is_rejected_by_the_instance(fake, adapter):
    with pytest.raises(base.Rejected) as caught:
        adapter.publish(outgoing(text="à" * 501), lambda progress: None, {})
    assert "500" in caught.value.message
    # A long URL still counts 23, so this fits.
    adapter.publish(outgoing(text="à" * 470 + " " + LINK), lambda progress: None, {})


def test_instance_url_is_required(http_client):
    with pytest.raises(AuthError):
        MastodonAdapter(AccountConfig(credentials={"access_token": "x" * 43}, api_base=""), http_client)


@pytest.mark.parametrize("token", ["", "   ", "amb espais al mig del testimoni", "curt"])
def test_malformed_token_is_refused_in_catalan(token):
    with pytest.raises(ValidationError) as caught:
        MastodonAdapter.validate_credentials({"access_token": token})
    assert "access_token" in caught.value.message_dict


def test_token_is_normalised():
    token = "AbC_d-" * 8
    assert MastodonAdapter.validate_credentials({"access_token": f"  Bearer {token} "}) == {
        "access_token": token
    }


def test_rate_limit_reset_is_read_from_iso_timestamp():
    reset = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    response = httpx.Response(
        429, headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, json={"error": "x"}
    )
    assert 25 <= base.retry_after_from(response) <= 30
