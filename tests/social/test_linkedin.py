import time

import httpx
import pytest
from django.core.exceptions import ValidationError

from demo.fakes.linkedin import FakeLinkedIn, little_to_text
from demo.fakes.server import Invalid, Response
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
from social.networks.linkedin import LinkedInAdapter, escape_little, seconds_to_utc_midnight, unescape_little

LINK = "https://www.ajuntament.cat/noticies/obres_carrer_major?utm_source=linkedin&cs=cs-p42"


@pytest.fixture
def fake(fake_server):
    return fake_server.mount(FakeLinkedIn())


@pytest.fixture
def adapter(fake, http_client):
    credentials = {"organization_id": fake.organization_id, "access_token": fake.access_token}
    return LinkedInAdapter(AccountConfig(credentials=credentials, api_base=fake.base_url), http_client)


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


def outgoing(text=None, image=None, marker="cs-p42", link=LINK):
    return Outgoing(
        text=text if text is not None else f"Tallem el carrer Major (tram 2) dilluns. #Obres {link}",
        link=link,
        marker=marker,
        idempotency_key="6f1c0b9e-0000-4000-8000-000000000042",
        title="Obres al carrer Major",
        summary="Tallem el carrer Major dilluns per renovar la xarxa d'aigua.",
        image=image,
    )


def checkpoints():
    saved = []
    return saved, saved.append


def assert_linkedin_headers(request, fake):
    assert request.headers["authorization"] == f"Bearer {fake.access_token}"
    assert request.headers["linkedin-version"] == LinkedInAdapter.api_version
    assert request.headers["x-restli-protocol-version"] == "2.0.0"


def test_registered():
    assert base.get("linkedin") is LinkedInAdapter


# -- little text ----------------------------------------------------------------


def test_reserved_characters_are_escaped_but_hashtags_and_urls_kept():
    text = "Ple (extraordinari) [acta] {annex} <br> @alcaldia a|b ~ _ * \\ #FestaMajor2026 # sol https://x.cat/a_(b)"
    escaped = escape_little(text)
    assert escaped == (
        "Ple \\(extraordinari\\) \\[acta\\] \\{annex\\} \\<br\\> \\@alcaldia a\\|b \\~ \\_ \\* \\\\ "
        "#FestaMajor2026 \\# sol https://x.cat/a_(b)"
    )
    assert unescape_little(escaped) == text
    # What LinkedIn shows is exactly what we wrote.
    assert little_to_text(escaped) == text


def test_url_in_parentheses_keeps_the_closing_parenthesis_outside():
    escaped = escape_little("(vegeu https://www.ajuntament.cat/agenda.)")
    assert escaped == "\\(vegeu https://www.ajuntament.cat/agenda.\\)"
    assert little_to_text(escaped) == "(vegeu https://www.ajuntament.cat/agenda.)"


def test_the_fake_catches_unescaped_reserved_characters():
    with pytest.raises(Invalid, match="unescaped reserved character '\\('"):
        little_to_text("Ple (extraordinari)")


def test_measure_counts_the_escaped_text(adapter):
    assert adapter.measure("Plaça (nova)") == len("Plaça \\(nova\\)")
    assert adapter.measure("😀") == 2  # UTF-16 code units


# -- publishing -----------------------------------------------------------------


def test_publish_with_link_makes_an_article_post(adapter, fake):
    saved, checkpoint = checkpoints()
    published = adapter.publish(outgoing(), checkpoint, {})

    (urn,) = fake.posts
    assert urn.startswith("urn:li:share:")
    assert published == Published(urn, f"https://www.linkedin.com/feed/update/{urn}/")
    create = fake.requests[-1]
    assert (create.method, create.path) == ("POST", "/rest/posts")
    assert_linkedin_headers(create, fake)
    assert create.json() == {
        "author": "urn:li:organization:12345678",
        "commentary": f"Tallem el carrer Major \\(tram 2\\) dilluns. #Obres {LINK}",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "content": {
            "article": {
                "source": LINK,
                "title": "Obres al carrer Major",
                "description": "Tallem el carrer Major dilluns per renovar la xarxa d'aigua.",
            }
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    assert fake.posts[urn]["shown"] == f"Tallem el carrer Major (tram 2) dilluns. #Obres {LINK}"
    assert len(saved) == 1 and set(saved[0]) == {"since"}
    assert fake.violations == []


def test_publish_with_image_uploads_it_first(adapter, fake, image, png_bytes):
    saved, checkpoint = checkpoints()
    adapter.publish(outgoing(image=image), checkpoint, {})

    initialize, put, create = fake.requests
    assert (initialize.method, initialize.path, initialize.query) == (
        "POST",
        "/rest/images",
        {"action": ["initializeUpload"]},
    )
    assert_linkedin_headers(initialize, fake)
    assert initialize.json() == {"initializeUploadRequest": {"owner": "urn:li:organization:12345678"}}
    (image_urn,) = fake.images
    assert put.method == "PUT" and put.path.startswith("/upload/")
    assert put.headers["authorization"] == f"Bearer {fake.access_token}"
    assert put.body == png_bytes
    assert fake.images[image_urn]["status"] == "AVAILABLE"
    assert create.json()["content"] == {
        "media": {"id": image_urn, "altText": "Operaris canviant una canonada al carrer Major"}
    }
    assert fake.violations == []


def test_text_without_link_has_no_content(adapter, fake):
    adapter.publish(outgoing(text="Bon dia a tothom!", link=""), lambda progress: None, {})
    (post,) = fake.posts.values()
    assert "content" not in post
    assert fake.violations == []


def test_too_long_is_rejected_before_calling(adapter, fake):
    with pytest.raises(Rejected, match="3000"):
        adapter.publish(outgoing(text="(" * 1600), lambda progress: None, {})
    assert fake.requests == []


# -- errors ---------------------------------------------------------------------


def test_expired_token_is_an_auth_error(adapter, fake):
    fake.expired_tokens.add(fake.access_token)
    with pytest.raises(AuthError, match="expired") as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert caught.value.status == 401
    assert fake.posts == {}


def test_missing_permission_is_an_auth_error(adapter, fake):
    adapter.config.credentials["organization_id"] = "999"
    with pytest.raises(AuthError, match="permission"):
        adapter.publish(outgoing(), lambda progress: None, {})


def test_sunset_api_version_fails_loudly(adapter, fake):
    fake.oldest_version = "209901"
    with pytest.raises(AuthError, match="api_version"):
        adapter.check()


def test_throttle_with_retry_after(adapter, fake):
    fake.script("POST", "/rest/posts", FakeLinkedIn.throttled(retry_after=120))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert caught.value.retry_after == 120


def test_daily_throttle_without_retry_after_waits_until_midnight_utc(adapter, fake):
    fake.script("POST", "/rest/posts", FakeLinkedIn.throttled())
    with pytest.raises(RateLimited) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert abs(caught.value.retry_after - seconds_to_utc_midnight()) < 5


def test_unprocessable_is_rejected(adapter, fake):
    fake.script("POST", "/rest/posts", Response(422, {"status": 422, "message": "ERROR :: /content :: bad"}))
    with pytest.raises(Rejected, match="bad"):
        adapter.publish(outgoing(), lambda progress: None, {})


def test_server_error_is_ambiguous(adapter, fake):
    fake.script("POST", "/rest/posts", Response(500, {"status": 500, "message": "Internal Server Error"}))
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), lambda progress: None, {})
    assert caught.value.ambiguous


def test_slow_answer_is_an_ambiguous_timeout(fake):
    fake.script("POST", "/rest/posts", delay=0.6)
    credentials = {"organization_id": fake.organization_id, "access_token": fake.access_token}
    config = AccountConfig(credentials=credentials, api_base=fake.base_url)
    with (
        httpx.Client(timeout=httpx.Timeout(0.3, connect=1.0)) as client,
        pytest.raises(Unavailable) as caught,
    ):
        LinkedInAdapter(config, client).publish(outgoing(), lambda progress: None, {})
    assert caught.value.ambiguous


# -- lost answers and lookup ------------------------------------------------------


def test_lost_answer_then_lookup_finds_the_post_without_duplicate(adapter, fake):
    fake.script("POST", "/rest/posts", None, after_handling=True)
    saved, checkpoint = checkpoints()
    with pytest.raises(Unavailable) as caught:
        adapter.publish(outgoing(), checkpoint, {})
    assert caught.value.ambiguous
    (urn,) = fake.posts

    found = adapter.lookup(outgoing(), saved[-1])

    assert found == Published(urn, f"https://www.linkedin.com/feed/update/{urn}/")
    finder = fake.requests[-1]
    assert (finder.method, finder.path) == ("GET", "/rest/posts")
    assert finder.query == {"author": ["urn:li:organization:12345678"], "q": ["author"], "count": ["20"]}
    assert_linkedin_headers(finder, fake)
    assert len(fake.posts) == 1
    assert fake.violations == []


def test_lookup_of_a_post_never_made_finds_nothing(adapter, fake):
    adapter.publish(outgoing(marker="cs-p41", link=LINK.replace("cs-p42", "cs-p41")), lambda p: None, {})
    assert adapter.lookup(outgoing(), {"since": time.time()}) is None


def test_blind_retry_meets_the_duplicate_check_and_finds_the_post(adapter, fake):
    fake.script("POST", "/rest/posts", None, after_handling=True)
    saved, checkpoint = checkpoints()
    with pytest.raises(Unavailable):
        adapter.publish(outgoing(), checkpoint, {})
    (urn,) = fake.posts
    published = adapter.publish(outgoing(), checkpoint, saved[-1])
    assert published.remote_id == urn
    assert len(fake.posts) == 1


# -- delete and check -------------------------------------------------------------


def test_delete_uses_the_url_encoded_urn(adapter, fake):
    published = adapter.publish(outgoing(), lambda progress: None, {})
    adapter.delete(published.remote_id)
    delete = fake.requests[-1]
    assert delete.method == "DELETE"
    assert delete.path == "/rest/posts/" + published.remote_id.replace(":", "%3A")
    assert_linkedin_headers(delete, fake)
    assert fake.posts == {} and fake.deleted == [published.remote_id]
    adapter.delete(published.remote_id)  # already gone: fine
    assert fake.violations == []


def test_check_returns_the_page_name(adapter, fake):
    assert adapter.check() == "Ajuntament de Vilanova"
    assert fake.requests[-1].path == "/rest/organizations/12345678"
    assert_linkedin_headers(fake.requests[-1], fake)
    adapter.config.credentials["access_token"] = "AQX-some-other-token-0123456789"
    with pytest.raises(AuthError):
        adapter.check()


# -- credentials -----------------------------------------------------------------


def test_credentials_are_normalised():
    cleaned = LinkedInAdapter.validate_credentials(
        {"organization_id": " urn:li:organization:12345678 ", "access_token": " AQX-0123456789abcdefghij\n"}
    )
    assert cleaned == {"organization_id": "12345678", "access_token": "AQX-0123456789abcdefghij"}


@pytest.mark.parametrize(
    ("credentials", "field", "message"),
    [
        ({"organization_id": "", "access_token": "AQX-0123456789abcdefghij"}, "organization_id", "Cal"),
        (
            {"organization_id": "ajuntament-de-vilanova", "access_token": "AQX-0123456789abcdefghij"},
            "organization_id",
            "número",
        ),
        ({"organization_id": "12345678", "access_token": ""}, "access_token", "Cal el token"),
        (
            {"organization_id": "12345678", "access_token": "Bearer AQX-0123456789abcdef"},
            "access_token",
            "Bearer",
        ),
        ({"organization_id": "12345678", "access_token": "curt"}, "access_token", "forma"),
    ],
)
def test_malformed_credentials(credentials, field, message):
    with pytest.raises(ValidationError) as caught:
        LinkedInAdapter.validate_credentials(credentials)
    assert message in " ".join(caught.value.message_dict[field])
