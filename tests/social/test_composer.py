"""Composing posts: what goes in, what is cut, what is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from comunicacio.media import Image
from social import composer
from social.imaging import fit
from social.models import SocialAccount, SocialPost
from social.networks import base
from social.sources import SocialContent

pytestmark = pytest.mark.django_db

TITLE = "L'Ajuntament d'Hostalric renova l'enllumenat de la plaça dels Bous"
SUMMARY = (
    "Les obres començaran dilluns i duraran tres setmanes. Durant aquest temps la circulació "
    "quedarà restringida als veïns i als serveis d'emergència, i l'aparcament es traslladarà "
    "provisionalment al solar de l'antiga fàbrica. L'Ajuntament demana comprensió i paciència."
)


def account(network: str, **fields) -> SocialAccount:
    return SocialAccount.objects.create(
        network=network, name=f"@ajuntament {network}", api_base="https://xarxa.example", **fields
    )


def content(**fields) -> SocialContent:
    values = {
        "kind": "news.press",
        "title": TITLE,
        "summary": SUMMARY,
        "url": "https://www.hostalric.cat/noticies/enllumenat-placa-bous/",
        "campaign": "enllumenat-placa-bous",
        "tags": ["enllumenat públic", "obres"],
    }
    values.update(fields)
    return SocialContent(**values)


def post_for(network: str, **fields) -> SocialPost:
    return SocialPost(account=account(network), **fields)


def test_hashtags_are_camel_cased_and_keep_accents():
    assert composer.hashtag("enllumenat públic") == "#EnllumenatPúblic"
    assert composer.hashtag("l'estiu") == "#LEstiu"
    assert composer.hashtag("—") == ""


def test_link_carries_campaign_parameters_and_the_posts_marker():
    post = post_for("mastodon")
    text, link = composer.compose(post, content())
    assert link.startswith("https://www.hostalric.cat/noticies/enllumenat-placa-bous/?")
    assert "utm_source=mastodon&utm_medium=social&utm_campaign=enllumenat-placa-bous" in link
    assert link.endswith(f"utm_content={post.marker}")
    assert link in text


@pytest.mark.parametrize("network", ["mastodon", "bluesky", "x", "telegram", "linkedin", "facebook"])
def test_auto_text_always_fits_the_network(network):
    post = post_for(network)
    text, link = composer.compose(post, content(summary=SUMMARY * 4))
    assert composer.measure(post.account, text) <= post.account.limit
    assert text.startswith(TITLE[:30])
    assert link in text
    assert composer.problems(post, content(summary=SUMMARY * 4)) == []


def test_summary_is_cut_on_a_grapheme_with_an_ellipsis_when_too_long():
    post = post_for("bluesky")  # 300 graphemes
    text, _link = composer.compose(post, content())
    assert "…" in text
    assert base.graphemes(text) <= 300


def test_x_counts_the_link_as_23_whatever_its_length():
    post = post_for("x")
    short = content(summary="Obres a la plaça.", tags=[])
    text, link = composer.compose(post, short)
    assert len(link) > 23
    assert composer.measure(post.account, text) == base.graphemes(text) - len(link) + 23


def test_an_own_text_that_does_not_fit_is_refused_not_cut():
    post = post_for("x", text_override="Ç" * 280)
    problems = composer.problems(post, content())
    assert len(problems) == 1
    assert "límit és 280" in problems[0]
    # A fitting own text keeps the link appended.
    post.text_override = "Canvi d'horari: la biblioteca obre a les 9 h 📚"
    assert composer.problems(post, content()) == []
    text, link = composer.compose(post, content())
    assert text == f"Canvi d'horari: la biblioteca obre a les 9 h 📚\n\n{link}"


def test_a_switched_off_post_has_no_problems():
    post = post_for("x", text_override="Ç" * 400, enabled=False)
    assert composer.problems(post, content()) == []


def test_instagram_needs_an_image_and_gets_no_link():
    post = post_for("instagram")
    problems = composer.problems(post, content())
    assert any("només publica amb imatge" in problem for problem in problems)
    text, link = composer.compose(post, content())
    assert link not in text
    assert "enllaç al perfil" in text


def test_a_per_instance_limit_replaces_the_networks():
    post = SocialPost(account=account("mastodon", max_length=1000))
    text, _link = composer.compose(post, content(summary=SUMMARY * 2))
    assert composer.measure(post.account, text) > 500


def noisy_image(width: int, height: int) -> Image:
    """A photo-like image that compresses badly (random noise)."""
    import os

    noise = PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    upload = SimpleUploadedFile("soroll.jpg", buffer.getvalue(), content_type="image/jpeg")
    return Image.objects.create(file=upload, alt_text="Soroll de colors", credit="Foto: proves")


def test_an_image_too_heavy_for_bluesky_is_reduced_to_fit():
    image = noisy_image(1600, 1200)
    adapter = base.get("bluesky")
    fitted = fit(image, adapter)
    assert len(fitted.data) <= adapter.image_max_bytes
    assert fitted.content_type == "image/jpeg" and fitted.alt == "Soroll de colors"
    assert fitted.url.endswith(".jpg")


def test_an_image_that_cannot_fit_is_refused_clearly(monkeypatch):
    image = noisy_image(800, 600)
    adapter = base.get("bluesky")
    monkeypatch.setattr(adapter, "image_max_bytes", 2_000)
    post = post_for("bluesky")
    problems = composer.problems(post, content(image=image))
    assert problems == ["La imatge no cap al límit de Bluesky (1 kB) ni reduïda; trieu-ne una altra."]


def test_cutting_goes_on_until_the_weighted_length_fits():
    # Emoji count double on X: cutting as many characters as the excess is
    # not enough in one round.
    post = post_for("x")
    text, _link = composer.compose(post, content(title="🎉" * 100, summary="🎈" * 200, tags=[]))
    assert composer.measure(post.account, text) <= 280
    # A link X does not recognise (an IP address) counts at full length.
    local = content(url="http://127.0.0.1:8000/ca/agenda/activitat/cinema-a-la-fresca/")
    text, _link = composer.compose(post, local)
    assert composer.measure(post.account, text) <= 280
    assert composer.problems(post, local) == []


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon"])
def test_every_length_of_summary_and_title_fits(network):
    # The ellipsis weighs 2 on X: a cut of one character plus "…" saves nothing.
    post = post_for(network)
    for title_length in (10, 60, 200):
        for summary_length in range(0, 320, 11):
            case = content(
                title=("Cinema a la fresca " * 12)[:title_length],
                summary=("Projecció familiar a la plaça. " * 12)[:summary_length],
                url="http://127.0.0.1:8000/ca/agenda/activitat/cinema-a-la-fresca/",
            )
            text, _link = composer.compose(post, case)
            assert composer.measure(post.account, text) <= post.account.limit, (title_length, summary_length)


def test_the_demo_event_that_came_out_one_over_on_x():
    post = post_for("x")
    case = content(
        title="Cinema a la fresca",
        summary="Dissabte, 5 de desembre de 2026, de 21 a 23 h · Plaça de la Vila\n"
        "Projecció de pel·lícula familiar a la plaça. Porteu cadira!",
        url="http://127.0.0.1:8000/ca/agenda/activitat/cinema-fresca/",
        campaign="cinema-fresca",
        tags=[],
    )
    text, _link = composer.compose(post, case)
    assert composer.measure(post.account, text) <= 280
