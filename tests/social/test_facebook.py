import time
import uuid

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.facebook import FakeFacebook, graph_error
from demo.fakes.server import Response
from social.networks.base import (
    AccountConfig,
    AuthError,
    Outgoing,
    OutgoingImage,
    RateLimited,
    Rejected,
    Unavailable,
)
from social.networks.facebook import FacebookAdapter

LINK = "https://www.hostalric.cat/agenda/festa-major/?utm_source=facebook&utm_campaign=cs-p42"
TEXT = f"Festa Major d'Hostalric · àèéíòóúç l·l\n\n{LINK}"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeFacebook())


def make_adapter(fake, client, page_id=None):
    config = AccountConfig(
        credentials={"page_id": page_id or fake.page_id, "page_access_token": fake.token},
        api_base=fake.base_url + "/v21.0",
    )
    return FacebookAdapter(config, client)


@pytest.fixture
def adapter(fake, http_client):
    return make_adapter(fake, http_client)


def outgoing(text=TEXT, image=None):
    return Outgoing(text=text, link=LINK, marker="cs-p42", idempotency_key=str(uuid.uuid4()), image=image)


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the fake never got there"
        time.sleep(0.01)


def test_text_post_goes_to_the_page_feed_with_link(fake, adapter):
    published = adapter.publish(outgoing(), dict, {})

    assert fake.violations == []
    post = fake.posts[published.remote_id]
    assert post["message"] == TEXT and post["link"] == LINK
    assert published.url == post["permalink_url"]
    create = fake.requests[0]
    assert (create.method, create.path) == ("POST", f"/v21.0/{fake.page_id}/feed")
    assert create.headers["authorization"] == f"Bearer {fake.token}"
    assert create.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert "access_token" not in create.query


def test_photo_post_uploads_source_with_caption_and_alt(fake, adapter, png_bytes):
    image = OutgoingImage(png_bytes, "image/png", "Cartell amb l·l", "https://x.test/a.png", 64, 48)
    published = adapter.publish(outgoing(image=image), dict, {})

    assert fake.violations == []
    parts = fake.requests[0].multipart()
    assert fake.requests[0].path == f"/v21.0/{fake.page_id}/photos"
    assert parts["source"][1:] == ("image/png", png_bytes)
    assert parts["caption"][2].decode() == TEXT
    assert parts["alt_text_custom"][2].decode() == "Cartell amb l·l"
    assert parts["published"][2] == b"true"
    assert fake.posts[published.remote_id]["message"] == TEXT


def test_expired_token_is_an_auth_error(fake, adapter):
    fake.expire_token()
    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), dict, {})
    assert "Session has expired" in caught.value.message and "190" in caught.value.message


def test_missing_permission_is_an_auth_error(fake, http_client):
    adapter = make_adapter(fake, http_client, page_id="999999999")  # the token is another page's
    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), dict, {})
    assert "(code 200)" in caught.value.message
    with pytest.raises(AuthError):
        adapter.check()
    assert fake.posts == {}


def test_page_throttling_waits_for_the_usage_header(fake, adapter):
    fake.throttle(minutes=7)
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), dict, {})
    assert caught.value.retry_after == 7 * 60


def test_http_429_without_usage_header_falls_back_to_retry_after(fake, adapter):
    fake.script(
        "POST", r".*/feed", Response(429, {"error": {"message": "x", "code": 4}}, {"Retry-After": "90"})
    )
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), dict, {})
    assert caught.value.retry_after == 90


@pytest.mark.parametrize(
    "response, kind",
    [
        (graph_error(500, "An unknown error occurred", 1), Unavailable),
        (graph_error(503, "Service temporarily unavailable", 2), Unavailable),
        (Response(502, "<html>Bad Gateway</html>"), Unavailable),
        (graph_error(400, "(#368) It looks like you were misusing this feature", 368), Rejected),
        (graph_error(400, "(#100) Invalid parameter", 100), Rejected),
        (graph_error(403, "(#10) Requires pages_manage_posts permission", 10), AuthError),
        (graph_error(400, "(#17) User request limit reached", 17), RateLimited),
    ],
)
def test_graph_error_codes(fake, adapter, response, kind):
    fake.script("POST", r".*/feed", response)
    with pytest.raises(kind) as caught:
        adapter.publish(outgoing(), dict, {})
    assert caught.value.ambiguous == (kind is Unavailable)


def test_lost_answer_then_lookup_finds_the_post(fake, adapter):
    post = outgoing()
    fake.script("POST", r".*/feed", None, after_handling=True)
    with pytest.raises(Unavailable) as caught:
        adapter.publish(post, dict, {})
    assert caught.value.ambiguous

    found = adapter.lookup(post, {})
    assert found is not None and found.remote_id in fake.posts
    assert found.url == fake.posts[found.remote_id]["permalink_url"]
    assert fake.violations == []


def test_lookup_is_none_when_the_marker_is_not_on_the_page(fake, adapter):
    adapter.publish(outgoing(text="Un altre avís https://www.hostalric.cat/?utm_campaign=cs-p7"), dict, {})
    assert adapter.lookup(outgoing(), {}) is None


def test_slow_answer_is_ambiguous_and_lookup_finds_the_post(fake):
    post = outgoing()
    with httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client:
        adapter = make_adapter(fake, client)
        fake.script("POST", r".*/feed", None, delay=0.6)
        with pytest.raises(Unavailable) as caught:
            adapter.publish(post, dict, {})
        assert caught.value.ambiguous
        wait_for(lambda: fake.posts)
        assert adapter.lookup(post, {}) is not None


def test_duplicate_refusal_is_resolved_by_lookup(fake, adapter):
    post = outgoing()
    first = adapter.publish(post, dict, {})
    assert adapter.publish(post, dict, {}) == first
    assert len(fake.posts) == 1


def test_permalink_failure_does_not_fail_the_published_post(fake, adapter):
    fake.script("GET", r"/v[\d.]+/\d+_\d+", Response(500, "oops"))
    published = adapter.publish(outgoing(), dict, {})
    assert published.url == f"https://www.facebook.com/{published.remote_id}"
    assert published.remote_id in fake.posts


def test_delete_and_check(fake, adapter):
    published = adapter.publish(outgoing(), dict, {})
    adapter.delete(published.remote_id)
    adapter.delete(published.remote_id)  # already gone
    assert fake.posts == {} and fake.deleted == [published.remote_id]
    assert adapter.check() == "Ajuntament d'Hostalric"
    fake.expire_token()
    with pytest.raises(AuthError):
        adapter.check()


@pytest.mark.parametrize(
    "credentials, field",
    [
        ({"page_id": "", "page_access_token": "EAA" + "x" * 40}, "page_id"),
        ({"page_id": "AjuntamentHostalric", "page_access_token": "EAA" + "x" * 40}, "page_id"),
        ({"page_id": "104857600123456", "page_access_token": ""}, "page_access_token"),
        (
            {"page_id": "104857600123456", "page_access_token": "EAA amb espais i massa curt"},
            "page_access_token",
        ),
    ],
)
def test_malformed_credentials(credentials, field):
    with pytest.raises(ValidationError) as caught:
        FacebookAdapter.validate_credentials(credentials)
    assert list(caught.value.message_dict) == [field]
