import time

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.server import Response
from demo.fakes.x import FakeX
from social.networks import base
from social.networks.base import (
    AccountConfig,
    AuthError,
    Outgoing,
    OutgoingImage,
    Published,
    RateLimited,
    Rejected,
    Unavailable,
)
from social.networks.x import XAdapter

LINK = "https://www.ajuntament.cat/noticies/obres-carrer-major?utm_source=x&utm_medium=social&cs=cs-p42"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeX())


@pytest.fixture
def adapter(fake, http_client):
    config = AccountConfig(credentials={"access_token": fake.access_token}, api_base=fake.base_url)
    return XAdapter(config, http_client)


def outgoing(text=None, image=None, marker="cs-p42", link=LINK):
    return Outgoing(
        text=text if text is not None else f"Tallem el carrer Major dilluns. {link}",
        link=link,
        marker=marker,
        idempotency_key="6f1c0b9e-0000-4000-8000-000000000042",
        image=image,
    )


@pytest.fixture
def image(png_bytes):
    return OutgoingImage(
        data=png_bytes,
        content_type="image/png",
        alt="Operaris canviant una canonada al carrer Major",
        url="https://www.ajuntament.cat/media/obres.png",
        width=64,
        height=48,
    )


def no_checkpoint(progress):
    # X has no intermediate step: only the moment the first attempt began.
    assert set(progress) == {"since"}


def test_registered():
    assert base.get("x") is XAdapter


def test_publish_text_only(adapter, fake):
    published = adapter.publish(outgoing(), no_checkpoint, {})

    (tweet,) = fake.posts.values()
    assert published == Published(tweet["id"], f"https://x.com/ajuntament/status/{tweet['id']}")
    assert tweet["source_text"] == f"Tallem el carrer Major dilluns. {LINK}"
    assert tweet["text"].startswith("Tallem el carrer Major dilluns. https://t.co/")
    create = next(r for r in fake.requests if r.path == "/2/tweets")
    assert create.method == "POST"
    assert create.headers["authorization"] == f"Bearer {fake.access_token}"
    assert create.headers["content-type"] == "application/json"
    assert create.json() == {"text": f"Tallem el carrer Major dilluns. {LINK}"}
    assert fake.violations == []


def test_publish_with_image_uploads_then_sets_alt_text(adapter, fake, image, png_bytes):
    published = adapter.publish(outgoing(image=image), no_checkpoint, {})

    paths = [(r.method, r.path) for r in fake.requests]
    assert paths == [
        ("GET", "/2/users/me"),
        ("POST", "/2/media/upload"),
        ("POST", "/2/media/metadata"),
        ("POST", "/2/tweets"),
    ]
    upload = fake.requests[1]
    assert upload.headers["authorization"] == f"Bearer {fake.access_token}"
    parts = upload.multipart()
    assert parts["media"][2] == png_bytes
    assert parts["media"][1] == "image/png"
    assert parts["media_category"][2] == b"tweet_image"
    (media_id,) = fake.media
    assert fake.requests[2].json() == {
        "id": media_id,
        "metadata": {"alt_text": {"text": "Operaris canviant una canonada al carrer Major"}},
    }
    assert fake.media[media_id]["alt"] == image.alt
    assert fake.requests[3].json()["media"] == {"media_ids": [media_id]}
    assert fake.posts[published.remote_id]["media_ids"] == [media_id]
    assert fake.violations == []


def test_weighted_length_counts_urls_as_23_and_cjk_double(adapter):
    catalan = "Festa Major de l'Hospitalet: concerts, correfoc i sardanes a la plaça de l'Ajuntament."
    long_url = "https://www.ajuntament.cat/" + "agenda/" * 30 + "?cs=cs-p42"
    assert adapter.measure(catalan) == len(catalan)
    assert adapter.measure(f"{catalan} {long_url}") == len(catalan) + 1 + 23
    assert adapter.measure("市役所") == 6
    # 250 characters of Catalan text plus a 240-character URL still fit.
    text = "à" * 250 + " " + long_url
    assert len(text) > 280 and adapter.measure(text) == 274


def test_too_long_is_rejected_before_calling_x(adapter, fake):
    with pytest.raises(Rejected, match="280"):
        adapter.publish(outgoing(text="a" * 281), no_checkpoint, {})
    assert fake.requests == []


def test_expired_token_is_an_auth_error(adapter, fake):
    adapter.config.credentials["access_token"] = "revoked-token-0123456789abcdef"
    with pytest.raises(AuthError) as caught:
        adapter.publish(outgoing(), no_checkpoint, {})
    assert caught.value.status == 401
    assert fake.posts == {}


def test_forbidden_is_an_auth_error(adapter, fake):
    fake.script(
        "POST",
        "/2/tweets",
        Response(
            403,
            {
                "title": "Forbidden",
                "detail": "You are not permitted to perform this action.",
                "type": "about:blank",
                "status": 403,
            },
        ),
    )
    with pytest.raises(AuthError, match="not permitted"):
        adapter.publish(outgoing(), no_checkpoint, {})


def test_rate_limit_waits_until_the_window_resets(adapter, fake):
    fake.script("POST", "/2/tweets", FakeX.rate_limited(reset_in=600))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), no_checkpoint, {})
    assert 595 <= caught.value.retry_after <= 600
    assert fake.posts == {}


def test_server_error_is_ambiguous(adapter, fake):
    fake.script(
        "POST", "/2/tweets", Response(503, {"title": "Service Unavailable", "detail": "Over capacity"})
    )
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), no_checkpoint, {})
    assert caught.value.ambiguous


def test_slow_answer_is_an_ambiguous_timeout(fake, http_client):
    fake.script("POST", "/2/tweets", delay=0.6)
    config = AccountConfig(credentials={"access_token": fake.access_token}, api_base=fake.base_url)
    with (
        httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client,
        pytest.raises(Unavailable) as caught,
    ):
        XAdapter(config, client).publish(outgoing(), no_checkpoint, {})
    assert caught.value.ambiguous
    # The fake did create it: the lookup that follows finds it.
    deadline = time.monotonic() + 2
    while not fake.posts and time.monotonic() < deadline:  # the fake finishes the abandoned request
        time.sleep(0.02)
    assert len(fake.posts) == 1
    found = XAdapter(config, http_client).lookup(outgoing(), {})
    assert found is not None and found.remote_id in fake.posts


def test_lost_answer_then_lookup_finds_the_post_without_duplicate(adapter, fake):
    fake.script("POST", "/2/tweets", None, after_handling=True)
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), no_checkpoint, {})
    assert caught.value.ambiguous
    (tweet_id,) = fake.posts

    found = adapter.lookup(outgoing(), {})

    assert found == Published(tweet_id, f"https://x.com/ajuntament/status/{tweet_id}")
    timeline = fake.requests[-1]
    assert timeline.path == "/2/users/1500000000000000001/tweets"
    assert timeline.query["max_results"] == ["20"]
    assert set(timeline.query["tweet.fields"][0].split(",")) >= {"entities"}
    assert len(fake.posts) == 1
    assert fake.violations == []


def test_lookup_ignores_other_posts(adapter, fake):
    adapter.publish(outgoing(marker="cs-p41", link=LINK.replace("cs-p42", "cs-p41")), no_checkpoint, {})
    assert adapter.lookup(outgoing(), {}) is None


def test_retry_after_lost_answer_meets_duplicate_check_and_finds_the_post(adapter, fake):
    fake.script("POST", "/2/tweets", None, after_handling=True)
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(), no_checkpoint, {})
    (tweet_id,) = fake.posts

    # Even a blind retry cannot duplicate: X answers 403 duplicate content,
    # which is not an auth error but a cue to look the post up.
    published = adapter.publish(outgoing(), no_checkpoint, {})

    assert published.remote_id == tweet_id
    assert len(fake.posts) == 1


def test_duplicate_of_an_unrelated_old_post_is_rejected(adapter, fake):
    old = adapter.publish(outgoing(text="Bon dia!", marker="cs-p1"), no_checkpoint, {})
    fake.posts[old.remote_id]["created_at"] = "2026-01-07T08:00:00.000Z"
    again = outgoing(text="Bon dia!", marker="cs-p2", link=LINK.replace("42", "2"))
    with pytest.raises(Rejected, match="duplicate"):
        adapter.publish(again, no_checkpoint, {})


def test_lookup_matches_a_post_without_link_by_text_only_since_the_first_attempt(adapter, fake):
    saved = []
    adapter.publish(outgoing(text="Avui, jornada de portes obertes."), saved.append, {})
    assert adapter.lookup(outgoing(text="Avui, jornada de portes obertes."), saved[-1]) is not None
    later = {"since": time.time() + 3600}
    assert adapter.lookup(outgoing(text="Avui, jornada de portes obertes."), later) is None


def test_delete(adapter, fake):
    published = adapter.publish(outgoing(), no_checkpoint, {})
    adapter.delete(published.remote_id)
    assert fake.posts == {}
    assert fake.deleted == [published.remote_id]
    assert fake.requests[-1].method == "DELETE"
    assert fake.requests[-1].path == f"/2/tweets/{published.remote_id}"
    adapter.delete(published.remote_id)  # already gone: no error


def test_check_returns_the_handle(adapter, fake):
    assert adapter.check() == "@ajuntament"
    adapter.config.credentials["access_token"] = "wrong-token-0123456789abcdef"
    with pytest.raises(AuthError):
        adapter.check()


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "Cal el token"),
        ("Bearer abcdefghijklmnopqrstuvwxyz", "Bearer"),
        ("short", "forma"),
        ("token amb espais i més coses", "forma"),
    ],
)
def test_malformed_credentials(token, message):
    with pytest.raises(ValidationError) as caught:
        XAdapter.validate_credentials({"access_token": token})
    assert message in " ".join(caught.value.message_dict["access_token"])


def test_valid_credentials_are_trimmed():
    token = "dGhpcy1pcy1hLXJlYWwtbG9va2luZy10b2tlbg"
    assert XAdapter.validate_credentials({"access_token": f"  {token}\n"}) == {"access_token": token}
