import email.utils
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from social.networks import base

NOW = 1_800_000_000.0


def response(status=429, headers=None, **kwargs):
    return httpx.Response(status, headers=headers or {}, **kwargs)


def test_retry_after_in_seconds():
    assert base.retry_after_from(response(headers={"Retry-After": "120"}), now=NOW) == 120


def test_retry_after_as_http_date():
    moment = email.utils.formatdate(NOW + 45, usegmt=True)
    assert base.retry_after_from(response(headers={"Retry-After": moment}), now=NOW) == 45


def test_retry_after_wins_over_rate_limit_headers():
    headers = {"Retry-After": "5", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(NOW + 900)}
    assert base.retry_after_from(response(headers=headers), now=NOW) == 5


def test_mastodon_iso_reset_when_window_exhausted():
    reset = datetime.fromtimestamp(NOW + 300, UTC).isoformat().replace("+00:00", "Z")
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    assert base.retry_after_from(response(headers=headers), now=NOW) == 300


def test_reset_is_ignored_while_requests_remain():
    reset = (datetime.fromtimestamp(NOW, UTC) + timedelta(minutes=5)).isoformat()
    headers = {"X-RateLimit-Remaining": "12", "X-RateLimit-Reset": reset}
    assert base.retry_after_from(response(headers=headers), now=NOW) is None


def test_bluesky_epoch_reset():
    headers = {"RateLimit-Limit": "5000", "RateLimit-Remaining": "0", "RateLimit-Reset": str(int(NOW) + 77)}
    assert base.retry_after_from(response(headers=headers), now=NOW) == 77


def test_x_style_epoch_reset():
    headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(NOW) + 900)}
    assert base.retry_after_from(response(headers=headers), now=NOW) == 900


def test_reset_in_the_past_means_no_wait():
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(NOW) - 10)}
    assert base.retry_after_from(response(headers=headers), now=NOW) == 0


def test_telegram_retry_after_in_body_parameters():
    body = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests",
        "parameters": {"retry_after": 33},
    }
    assert base.retry_after_from(response(json=body), now=NOW) == 33


def test_nothing_to_go_on():
    assert base.retry_after_from(response(text="<html>slow down</html>"), now=NOW) is None
    assert base.retry_after_from(response(headers={"Retry-After": "soon"}, json=[]), now=NOW) is None


@pytest.mark.parametrize(
    "text, count",
    [
        ("", 0),
        ("Hostalric", 9),
        ("àèéíòóúç", 8),  # precomposed
        ("a\u0300e\u0300", 2),  # a + combining grave accent: one character each
        ("l·l", 3),
        ("🎉", 1),
        ("👩‍👩‍👧", 1),  # a ZWJ family is one grapheme
        ("🇨🇦", 1),  # a flag: two regional indicators
    ],
)
def test_graphemes(text, count):
    assert base.graphemes(text) == count


def test_utf8_span_of_a_link_after_catalan_text():
    text = "Festa Major d'Hostalric · àèéíòóúç l·l https://hostalric.cat/?c=cs-p1 🎉"
    start = text.index("https://")
    end = start + len("https://hostalric.cat/?c=cs-p1")
    byte_start, byte_end = base.utf8_span(text, start, end)
    data = text.encode("utf-8")
    assert data[byte_start:byte_end].decode() == "https://hostalric.cat/?c=cs-p1"
    # "·" is 2 bytes, each accented letter 2 bytes: 10 more bytes than characters.
    assert byte_start == start + 10


def test_utf8_span_of_multibyte_slice():
    text = "🎉 Festa"
    assert base.utf8_span(text, 0, 1) == (0, 4)
    assert base.utf8_span(text, 2, 7) == (5, 10)


def test_every_adapter_registers_and_declares_its_guarantee():
    found = base.adapters()
    for name in ("mastodon", "bluesky", "telegram", "facebook"):
        adapter = found[name]
        assert adapter.name == name
        assert len(adapter.guarantee) > 200
        assert adapter.max_length > 0
        assert adapter.credential_fields
    assert found["telegram"].can_lookup is False
    assert found["mastodon"].can_lookup is True
