import time
import uuid

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.bluesky import FakeBluesky
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
from social.networks.bluesky import BlueskyAdapter, facets, new_tid

LINK = "https://www.hostalric.cat/agenda/festa-major/?utm_source=bluesky&utm_campaign=cs-p42"
TEXT = f"Festa Major d'Hostalric · àèéíòóúç l·l {LINK} i més 🎉 #FestaMajor #Col·legi"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeBluesky())


def make_adapter(fake, client, session=None):
    config = AccountConfig(
        credentials={"handle": fake.account_handle, "app_password": fake.app_password},
        api_base=fake.base_url,
        session=session if session is not None else {},
    )
    return BlueskyAdapter(config, client)


@pytest.fixture
def adapter(fake, http_client):
    return make_adapter(fake, http_client)


def outgoing(text=TEXT, image=None):
    return Outgoing(
        text=text,
        link=LINK,
        marker="cs-p42",
        idempotency_key=str(uuid.uuid4()),
        title="Festa Major d'Hostalric",
        summary="Programa d'actes · àèéíòóúç",
        image=image,
    )


class Progress:
    """Stands for the database row the state machine checkpoints into."""

    def __init__(self):
        self.saved = {}

    def __call__(self, progress):
        self.saved = dict(progress)


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the fake never got there"
        time.sleep(0.01)


def test_publish_text_with_link_card_and_byte_offset_facets(fake, adapter):
    progress = Progress()
    published = adapter.publish(outgoing(), progress, {})

    assert fake.violations == []
    rkey = progress.saved["rkey"]
    assert published.remote_id == f"at://{fake.did}/app.bsky.feed.post/{rkey}"
    assert published.url == f"https://bsky.app/profile/ajuntament.bsky.social/post/{rkey}"
    record = fake.posts[rkey]["value"]
    assert record["text"] == TEXT and record["langs"] == ["ca"]
    data = TEXT.encode()
    covered = [
        data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode() for facet in record["facets"]
    ]
    assert covered == [LINK, "#FestaMajor", "#Col·legi"]
    # Byte offsets, not character offsets: the Catalan text before the link is longer in bytes.
    assert record["facets"][0]["index"]["byteStart"] == len(TEXT[: TEXT.index(LINK)].encode())
    assert record["facets"][0]["index"]["byteStart"] > TEXT.index(LINK)
    assert record["embed"] == {
        "$type": "app.bsky.embed.external",
        "external": {
            "uri": LINK,
            "title": "Festa Major d'Hostalric",
            "description": "Programa d'actes · àèéíòóúç",
        },
    }
    create = [r for r in fake.requests if r.path.endswith("createRecord")][0]
    assert create.headers["authorization"] == f"Bearer {adapter.config.session['accessJwt']}"
    assert create.json()["rkey"] == rkey


def test_publish_with_image_uploads_raw_blob(fake, adapter, png_bytes):
    image = OutgoingImage(png_bytes, "image/png", "Cartell amb l·l", "https://x.test/a.png", 64, 48)
    published = adapter.publish(outgoing(image=image), Progress(), {})

    assert fake.violations == []
    upload = [r for r in fake.requests if r.path.endswith("uploadBlob")][0]
    assert upload.headers["content-type"] == "image/png"
    assert upload.body == png_bytes
    embed = fake.posts[published.remote_id.rsplit("/", 1)[1]]["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert embed["images"][0]["alt"] == "Cartell amb l·l"
    assert embed["images"][0]["aspectRatio"] == {"width": 64, "height": 48}


def test_image_over_one_megabyte_is_rejected_before_upload(fake, adapter, png_bytes):
    big = OutgoingImage(png_bytes + b"\0" * 1_000_000, "image/png", "", "https://x.test/a.png", 64, 48)
    with pytest.raises(Rejected):
        adapter.publish(outgoing(image=big), Progress(), {})
    assert not [r for r in fake.requests if r.path.endswith("uploadBlob")]


def test_session_is_reused_between_calls(fake, http_client):
    session = {}
    make_adapter(fake, http_client, session).publish(outgoing(), Progress(), {})
    make_adapter(fake, http_client, session).publish(outgoing(), Progress(), {})

    assert fake.sessions_created == 1
    assert session["did"] == fake.did and session["accessJwt"] and session["refreshJwt"]


def test_expired_access_token_is_refreshed_not_recreated(fake, adapter):
    adapter.check()
    fake.expire_access_tokens()

    adapter.publish(outgoing(), Progress(), {})

    assert (fake.sessions_created, fake.sessions_refreshed) == (1, 1)
    assert len(fake.posts) == 1 and fake.violations == []


def test_expired_refresh_token_falls_back_to_a_new_session(fake, adapter):
    adapter.check()
    fake.expire_access_tokens()
    fake.expire_refresh_tokens()

    adapter.publish(outgoing(), Progress(), {})

    assert fake.sessions_created == 2
    assert len(fake.posts) == 1


def test_revoked_app_password_is_an_auth_error(fake, adapter):
    adapter.check()
    fake.revoke_app_password()

    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert "Invalid identifier or password" in caught.value.message
    assert fake.posts == {}


def test_429_uses_ratelimit_reset_epoch(fake, adapter):
    fake.throttle(seconds=300)
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert 290 <= caught.value.retry_after <= 300


def test_server_error_is_ambiguous(fake, adapter):
    fake.script("POST", r"/xrpc/com\.atproto\.repo\.createRecord", Response(502, "Bad Gateway"))
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), Progress(), {})
    assert caught.value.ambiguous


def test_lost_answer_then_same_rkey_gives_no_duplicate(fake, adapter):
    post, progress = outgoing(), Progress()
    fake.script("POST", r"/xrpc/com\.atproto\.repo\.createRecord", None, after_handling=True)
    with pytest.raises(Unavailable) as caught:
        adapter.publish(post, progress, {})
    assert caught.value.ambiguous

    found = adapter.lookup(post, progress.saved)
    assert found is not None
    again = adapter.publish(post, progress, progress.saved)
    assert again == found
    assert len(fake.posts) == 1


def test_duplicate_rkey_is_read_back_as_already_published(fake, adapter):
    post, progress = outgoing(), Progress()
    first = adapter.publish(post, progress, {})
    # The pre-check cannot see it (say a replica lagged): the PDS refuses the
    # second create under the same key, and the adapter reads the record back.
    fake.script("GET", r"/xrpc/com\.atproto\.repo\.getRecord", Response(400, {"error": "RecordNotFound"}))

    assert adapter.publish(post, progress, progress.saved) == first
    assert len(fake.posts) == 1


def test_slow_answer_is_ambiguous_and_lookup_finds_the_record(fake):
    post, progress = outgoing(), Progress()
    with httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client:
        adapter = make_adapter(fake, client)
        fake.script("POST", r"/xrpc/com\.atproto\.repo\.createRecord", None, delay=0.6)
        with pytest.raises(Unavailable) as caught:
            adapter.publish(post, progress, {})
        assert caught.value.ambiguous
        wait_for(lambda: fake.posts)
        assert adapter.lookup(post, progress.saved) is not None


def test_lookup_without_a_saved_key_is_certainly_nothing(adapter):
    assert adapter.lookup(outgoing(), {}) is None
    assert adapter.lookup(outgoing(), {"rkey": new_tid()}) is None


def test_text_over_300_graphemes_is_rejected(fake, adapter):
    assert adapter.measure("à" * 300) == 300
    assert adapter.measure("a\u0300" * 300) == 300  # combining accents count once
    with pytest.raises(Rejected) as caught:
        adapter.publish(outgoing(text="à" * 301), Progress(), {})
    assert "300 graphemes" in caught.value.message


def test_delete_and_check(fake, adapter):
    published = adapter.publish(outgoing(), Progress(), {})
    adapter.delete(published.remote_id)
    adapter.delete(published.remote_id)  # already gone: fine

    assert fake.posts == {}
    assert adapter.check() == "@ajuntament.bsky.social"


def test_tids_are_valid_and_increase():
    first, second = new_tid(), new_tid()
    assert len(first) == 13 and first[0] in "234567abcdefghij"
    assert second[:9] >= first[:9]


def test_hashtags_inside_urls_are_not_tags():
    text = "Mireu https://x.cat/p#seccio i #Hostalric2026, no #2026."
    assert [(f["features"][0]["$type"].rsplit("#")[1]) for f in facets(text)] == ["link", "tag"]
    assert facets(text)[1]["features"][0]["tag"] == "Hostalric2026"


@pytest.mark.parametrize(
    "credentials, field",
    [
        ({"handle": "", "app_password": "abcd-efgh-ijkl-mnop"}, "handle"),
        ({"handle": "ajuntament de hostalric", "app_password": "abcd-efgh-ijkl-mnop"}, "handle"),
        ({"handle": "ajuntament", "app_password": "abcd-efgh-ijkl-mnop"}, "handle"),
        ({"handle": "ajuntament.bsky.social", "app_password": "contrasenya-del-compte"}, "app_password"),
        ({"handle": "ajuntament.bsky.social", "app_password": ""}, "app_password"),
    ],
)
def test_malformed_credentials(credentials, field):
    with pytest.raises(ValidationError) as caught:
        BlueskyAdapter.validate_credentials(credentials)
    assert list(caught.value.message_dict) == [field]


def test_credentials_are_normalised():
    assert BlueskyAdapter.validate_credentials(
        {"handle": " @Ajuntament.BSKY.social ", "app_password": "ABCD-efgh-ijkl-mnop"}
    ) == {"handle": "ajuntament.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"}
