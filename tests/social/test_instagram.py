import socket
from io import BytesIO

import httpx
import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from demo.fakes.instagram import FakeInstagram
from demo.fakes.server import Response
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
from social.networks.instagram import InstagramAdapter

CAPTION = (
    "Tallem el carrer Major dilluns per renovar la xarxa d'aigua. Més informació a l'enllaç de la bio. #Obres"
)


def jpeg(width=64, height=48):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeInstagram())


@pytest.fixture
def adapter(fake, http_client):
    credentials = {"ig_user_id": fake.ig_user_id, "access_token": fake.access_token}
    adapter = InstagramAdapter(AccountConfig(credentials=credentials, api_base=fake.base_url), http_client)
    adapter.poll_interval = 0  # the fake answers at once; no need to wait between status reads
    return adapter


def image_at(url, data=None, content_type="image/jpeg"):
    return OutgoingImage(
        data=data or jpeg(),
        content_type=content_type,
        alt="Operaris canviant una canonada al carrer Major",
        url=url,
        width=64,
        height=48,
    )


@pytest.fixture
def image(files):
    return image_at(files.add("obres.jpg", jpeg()))


def outgoing(image, text=CAPTION):
    return Outgoing(
        text=text,
        link="https://www.ajuntament.cat/noticies/obres?cs=cs-p42",
        marker="cs-p42",
        idempotency_key="6f1c0b9e-0000-4000-8000-000000000042",
        image=image,
    )


class Checkpoints(list):
    def __call__(self, progress):
        self.append(dict(progress))


def test_registered_and_declares_its_limits():
    assert base.get("instagram") is InstagramAdapter
    assert InstagramAdapter.requires_image and not InstagramAdapter.links_clickable
    assert not InstagramAdapter.supports_delete
    assert InstagramAdapter.max_length == 2200


def test_publish_creates_a_container_checkpoints_it_then_publishes(adapter, fake, image):
    saved = Checkpoints()
    published = adapter.publish(outgoing(image), saved, {})

    (media_id,) = fake.posts
    assert published == Published(media_id, fake.posts[media_id]["permalink"])
    assert fake.posts[media_id]["caption"] == CAPTION
    assert fake.posts[media_id]["alt_text"] == image.alt
    (container_id,) = fake.containers
    assert saved[0]["container_id"] == container_id
    assert saved[-1]["media_id"] == media_id

    steps = [(r.method, r.path) for r in fake.requests]
    user = fake.ig_user_id
    assert steps == [
        ("POST", f"/v21.0/{user}/media"),
        ("GET", f"/v21.0/{container_id}"),
        ("POST", f"/v21.0/{user}/media_publish"),
        ("GET", f"/v21.0/{media_id}"),
    ]
    create, status, publish, permalink = fake.requests
    assert create.headers["content-type"] == "application/x-www-form-urlencoded"
    assert create.form() == {
        "image_url": image.url,
        "caption": CAPTION,
        "alt_text": image.alt,
        "access_token": fake.access_token,
    }
    assert status.query["fields"] == ["status_code,status"]
    assert publish.form() == {"creation_id": container_id, "access_token": fake.access_token}
    assert permalink.query["fields"] == ["permalink"]
    assert fake.violations == []


def test_a_post_without_image_is_refused_before_calling(adapter, fake):
    with pytest.raises(Rejected, match="without an image"):
        adapter.publish(outgoing(None), Checkpoints(), {})
    assert fake.requests == []


def test_a_png_is_refused_before_calling(adapter, fake, files, png_bytes):
    png = image_at(files.add("obres.png", png_bytes, "image/png"), png_bytes, "image/png")
    with pytest.raises(Rejected, match="only accepts JPEG"):
        adapter.publish(outgoing(png), Checkpoints(), {})
    assert fake.requests == []


def test_unreachable_image_is_refused_with_a_clear_message(adapter, fake, files):
    saved = Checkpoints()
    with pytest.raises(Rejected) as caught:
        adapter.publish(outgoing(image_at(files.base_url + "/no-such-image.jpg")), saved, {})
    assert "reachable from the internet" in caught.value.message
    assert "could not be fetched" in caught.value.message
    assert saved == [] and fake.containers == {} and fake.posts == {}


def test_image_on_a_closed_port_is_refused(adapter, fake):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(Rejected, match="could not be fetched"):
        adapter.publish(outgoing(image_at(f"http://127.0.0.1:{port}/obres.jpg")), Checkpoints(), {})


def test_data_that_is_not_a_jpeg_is_refused(adapter, files, png_bytes):
    # Labelled JPEG, but the address serves a PNG.
    with pytest.raises(Rejected, match="not a JPEG"):
        adapter.publish(outgoing(image_at(files.add("fake.jpg", png_bytes))), Checkpoints(), {})


def test_wrong_aspect_ratio_is_refused(adapter, files):
    banner = image_at(files.add("banner.jpg", jpeg(1000, 200)))
    with pytest.raises(Rejected, match="aspect ratio"):
        adapter.publish(outgoing(banner), Checkpoints(), {})


def test_private_addresses_refused_when_configured(adapter, fake, image):
    fake.refuse_private_urls = True
    with pytest.raises(Rejected, match="private address"):
        adapter.publish(outgoing(image), Checkpoints(), {})


def test_a_container_still_processing_is_polled(adapter, fake, image):
    fake.processing_polls = 2
    adapter.publish(outgoing(image), Checkpoints(), {})
    statuses = [r for r in fake.requests if r.path == f"/v21.0/{next(iter(fake.containers))}"]
    assert len(statuses) == 3
    assert len(fake.posts) == 1


def test_slow_processing_is_retried_with_the_same_container(adapter, fake, image):
    fake.processing_polls = 10
    adapter.poll_attempts = 3
    saved = Checkpoints()
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(image), saved, {})
    assert not caught.value.ambiguous and caught.value.retry_after
    assert fake.posts == {}

    fake.processing_polls = 0
    next(iter(fake.containers.values()))["polls_left"] = 0
    adapter.publish(outgoing(image), saved, saved[-1])
    assert len(fake.containers) == 1 and len(fake.posts) == 1


# -- errors ----------------------------------------------------------------------


def test_expired_token_is_an_auth_error(adapter, fake, image):
    fake.expired_tokens.add(fake.access_token)
    with pytest.raises(AuthError, match="Session has expired"):
        adapter.publish(outgoing(image), Checkpoints(), {})


def test_missing_permission_is_an_auth_error(adapter, fake, image):
    fake.script(
        "POST",
        rf"/v21.0/{fake.ig_user_id}/media_publish",
        Response(
            403,
            {
                "error": {
                    "message": "(#10) Application does not have permission for this action",
                    "type": "OAuthException",
                    "code": 10,
                }
            },
        ),
    )
    with pytest.raises(AuthError, match="permission"):
        adapter.publish(outgoing(image), Checkpoints(), {})


def test_wrong_account_id_is_an_auth_error(adapter, image):
    adapter.config.credentials["ig_user_id"] = "17841400000000999"
    with pytest.raises(AuthError, match="does not exist"):
        adapter.check()


def test_rate_limit_waits_the_estimated_time(adapter, fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media", fake.rate_limited(minutes=15))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(image), Checkpoints(), {})
    assert caught.value.retry_after == 15 * 60


def test_http_429_with_retry_after(adapter, fake, image):
    fake.script(
        "POST",
        rf"/v21.0/{fake.ig_user_id}/media",
        Response(429, {"error": {"message": "Too many", "code": 613}}, {"Retry-After": "90"}),
    )
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(image), Checkpoints(), {})
    assert caught.value.retry_after == 90


def test_daily_publishing_limit(adapter, fake, image):
    fake.script(
        "POST",
        rf"/v21.0/{fake.ig_user_id}/media_publish",
        Response(
            400,
            {
                "error": {
                    "message": "Application request limit reached",
                    "code": 9,
                    "error_subcode": 2207042,
                    "error_user_msg": "You reached maximum number of posts that is allowed.",
                }
            },
        ),
    )
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(image), Checkpoints(), {})
    assert caught.value.retry_after == 3600


def test_server_error_is_ambiguous(adapter, fake, image):
    fake.script(
        "POST",
        rf"/v21.0/{fake.ig_user_id}/media_publish",
        Response(
            500, {"error": {"message": "An unknown error has occurred.", "code": 1, "is_transient": True}}
        ),
    )
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(image), Checkpoints(), {})
    assert caught.value.ambiguous


def test_slow_answer_is_an_ambiguous_timeout(fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media_publish", delay=0.6)
    credentials = {"ig_user_id": fake.ig_user_id, "access_token": fake.access_token}
    config = AccountConfig(credentials=credentials, api_base=fake.base_url)
    with (
        httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client,
        pytest.raises(Unavailable) as caught,
    ):
        InstagramAdapter(config, client).publish(outgoing(image), Checkpoints(), {})
    assert caught.value.ambiguous


# -- lost answers ----------------------------------------------------------------


def test_lost_publish_answer_then_lookup_finds_the_post(adapter, fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media_publish", None, after_handling=True)
    saved = Checkpoints()
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(image), saved, {})
    assert caught.value.ambiguous
    (media_id,) = fake.posts
    assert set(saved[-1]) == {"container_id", "created"}

    found = adapter.lookup(outgoing(image), saved[-1])

    assert found == Published(media_id, fake.posts[media_id]["permalink"])
    listing = fake.requests[-1]
    assert listing.path == f"/v21.0/{fake.ig_user_id}/media"
    assert set(listing.query["fields"][0].split(",")) >= {"id", "caption", "permalink", "timestamp"}
    assert fake.violations == []


def test_retry_after_lost_publish_answer_does_not_publish_twice(adapter, fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media_publish", None, after_handling=True)
    saved = Checkpoints()
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(image), saved, {})
    (media_id,) = fake.posts

    published = adapter.publish(outgoing(image), saved, saved[-1])

    assert published.remote_id == media_id
    assert len(fake.posts) == 1
    assert sum(r.path.endswith("media_publish") for r in fake.requests) == 1


def test_lookup_of_an_unpublished_container_finds_nothing(adapter, fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media_publish", Response(503, {"error": {"code": 2}}))
    saved = Checkpoints()
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(image), saved, {})
    assert adapter.lookup(outgoing(image), saved[-1]) is None
    # The retry publishes the same container.
    adapter.publish(outgoing(image), saved, saved[-1])
    assert len(fake.containers) == 1 and len(fake.posts) == 1


def test_lost_container_answer_leaves_nothing_to_find(adapter, fake, image):
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media", None, after_handling=True)
    saved = Checkpoints()
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(image), saved, {})
    assert saved == []
    assert adapter.lookup(outgoing(image), {}) is None
    adapter.publish(outgoing(image), saved, {})
    # The orphan container is never published (it expires on its own).
    assert len(fake.containers) == 2 and len(fake.posts) == 1


def test_an_older_post_with_the_same_caption_is_not_mistaken(adapter, fake, image):
    adapter.publish(outgoing(image), Checkpoints(), {})
    (old,) = fake.posts
    fake.posts[old]["timestamp"] = "2026-01-07T08:00:00+0000"
    fake.script("POST", rf"/v21.0/{fake.ig_user_id}/media_publish", None, after_handling=True)
    saved = Checkpoints()
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(image), saved, {})
    found = adapter.lookup(outgoing(image), saved[-1])
    assert found.remote_id != old and found.remote_id in fake.posts


# -- delete, check, credentials ----------------------------------------------------


def test_delete_is_not_possible(adapter, fake):
    with pytest.raises(NotImplementedError, match="Instagram app"):
        adapter.delete("17900000000000001")
    assert fake.requests == []


def test_check_returns_the_handle(adapter, fake):
    assert adapter.check() == "@ajuntament"
    assert fake.requests[-1].query["fields"] == ["username,name"]
    adapter.config.credentials["access_token"] = "EAAGsomething-else-0123456789"
    with pytest.raises(AuthError, match="Invalid OAuth access token"):
        adapter.check()


def test_credentials_are_normalised():
    assert InstagramAdapter.validate_credentials(
        {"ig_user_id": " 17841400000000001 ", "access_token": "EAAG0123456789abcdefghij\n"}
    ) == {"ig_user_id": "17841400000000001", "access_token": "EAAG0123456789abcdefghij"}


@pytest.mark.parametrize(
    ("credentials", "field", "message"),
    [
        ({"ig_user_id": "", "access_token": "EAAG0123456789abcdefghij"}, "ig_user_id", "Cal"),
        ({"ig_user_id": "@ajuntament", "access_token": "EAAG0123456789abcdefghij"}, "ig_user_id", "número"),
        ({"ig_user_id": "17841400000000001", "access_token": ""}, "access_token", "Cal el token"),
        (
            {"ig_user_id": "17841400000000001", "access_token": "Bearer EAAG0123456789abcdef"},
            "access_token",
            "davant",
        ),
        ({"ig_user_id": "17841400000000001", "access_token": "EAAG curt"}, "access_token", "forma"),
    ],
)
def test_malformed_credentials(credentials, field, message):
    with pytest.raises(ValidationError) as caught:
        InstagramAdapter.validate_credentials(credentials)
    assert message in " ".join(caught.value.message_dict[field])
