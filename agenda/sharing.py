"""Plain share links (no third-party scripts: the browser only follows a link)."""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


def share_links(title: str, url: str) -> list[dict]:
    text = f"{title} {url}"
    return [
        {"name": "Mastodon", "url": "https://mastodon.social/share?" + urlencode({"text": text})},
        {"name": "Bluesky", "url": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
        {"name": "Telegram", "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": text})},
        {
            "name": _("Correu electrònic"),
            "url": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
    ]
