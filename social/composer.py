"""The text of each post: title, summary, link with campaign parameters and
hashtags from the tags, fitted to each network's limit as the network counts
it. An editor's own text is never cut: if it does not fit it is refused when
the item is saved (``problems``), not when the post is sent."""

import dataclasses
import re
import unicodedata
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _
from django.utils.translation import override

from .imaging import ImageDoesNotFit, fit
from .models import SocialAccount, SocialPost
from .networks.base import AccountConfig, graphemes
from .sources import SocialContent

ELLIPSIS = "…"


def measure(account: SocialAccount, text: str) -> int:
    # Measuring needs no credentials nor network: a bare instance will do.
    config = AccountConfig(credentials={}, api_base=account.api_base or "https://measure.invalid")
    adapter = account.adapter_class(config, None)
    return adapter.measure(text)


def campaign_link(content: SocialContent, account: SocialAccount, marker: str) -> str:
    parts = urlsplit(content.url)
    query = urlencode(
        {
            "utm_source": account.network,
            "utm_medium": "social",
            "utm_campaign": content.campaign,
            "utm_content": marker,
        }
    )
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))


def hashtag(tag: str) -> str:
    """ "festa major" -> "#FestaMajor"; accents are kept (every network supports
    them), anything that would end a hashtag is dropped."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", tag))
    return "#" + "".join(word[:1].upper() + word[1:] for word in words) if words else ""


# How a composed text is put together and shortened. The editor's live
# preview (static/social/composer.js) reads these through ``live_rules``.
SEPARATOR = "\n\n"  # between title, summary, link line and hashtags
CUT_STRIP = " ,.;:"  # stripped from the end of a cut text, before the ellipsis
# A summary that would keep no more than this many graphemes once cut is
# dropped whole.
SUMMARY_MIN_KEEP = 10


def _assemble(title: str, summary: str, link_line: str, tags: str) -> str:
    return SEPARATOR.join(part for part in (title, summary, link_line, tags) if part)


def _cut(text: str, graphemes_to_drop: int) -> str:
    import regex

    clusters = regex.findall(r"\X", text)
    keep = max(0, len(clusters) - graphemes_to_drop - 1)
    return "".join(clusters[:keep]).rstrip(CUT_STRIP) + ELLIPSIS if keep else ""


def link_line(account: SocialAccount, link: str) -> str:
    if account.adapter_class.links_clickable:
        return link
    with override("ca"):
        return _("Més informació al web municipal (enllaç al perfil).")


def auto_text(content: SocialContent, account: SocialAccount, link: str) -> str:
    """The composed text, shortened until it fits as the network counts it:
    first the summary is cut (or dropped when little of it would be left),
    then the hashtags are dropped, then the title is cut."""
    limit = account.limit
    line = link_line(account, link)
    title, summary = content.title.strip(), content.summary.strip()
    tags = " ".join(filter(None, (hashtag(tag) for tag in content.tags)))
    text = _assemble(title, summary, line, tags)
    # Each round removes at least one character; weighted counts (X's CJK and
    # emoji count double) may need more than one round.
    for _round in range(50):
        excess = measure(account, text) - limit
        if excess <= 0:
            break
        if summary:
            summary = _cut(summary, excess) if graphemes(summary) > excess + SUMMARY_MIN_KEEP else ""
        elif tags:
            tags = ""
        elif title:
            title = _cut(title, excess)
        else:
            break  # the link alone is too long: ``problems`` refuses it
        text = _assemble(title, summary, line, tags)
    return text


def text_for(post: SocialPost, content: SocialContent, link: str) -> str:
    if post.text_override.strip():
        return _assemble(post.text_override.strip(), "", link_line(post.account, link), "")
    return auto_text(content, post.account, link)


def compose(post: SocialPost, content: SocialContent) -> tuple[str, str]:
    """(text, link) of ``post`` as it would go out now."""
    link = campaign_link(content, post.account, post.marker)
    return text_for(post, content, link), link


def correction_text(account: SocialAccount, content: SocialContent) -> str:
    """The correction offered for a post the item's change made wrong:
    "Cancel·lat: <title>", then the source's line about the change (the new
    date), shortened like any composed text so that, with the link the
    correction carries (added when it is sent, as to an editor's own text),
    it fits the network's limit."""
    headline = f"{content.correction}: {content.title.strip()}" if content.correction else content.title
    corrected = dataclasses.replace(content, title=headline, summary=content.correction_detail, tags=[])
    # Every marker has the same length, so any stands for the correction's own.
    link = campaign_link(content, account, "cs" + "0" * 12)
    line = link_line(account, link)
    text = auto_text(corrected, account, link)
    return text.removesuffix(line).rstrip()


def update_text(account: SocialAccount, content: SocialContent) -> str:
    """The post announcing that an item already posted was updated
    ("Actualitzat: <title>", then its summary), shortened like any composed
    text so that, with the link added when it is sent, it fits the limit."""
    with override(content.language or "ca"):
        headline = _("Actualitzat: %(title)s") % {"title": content.title.strip()}
    updated = dataclasses.replace(content, title=headline, tags=[])
    link = campaign_link(content, account, "up" + "0" * 12)
    line = link_line(account, link)
    return auto_text(updated, account, link).removesuffix(line).rstrip()


def problems(post: SocialPost, content: SocialContent) -> list[str]:
    """Why ``post`` could not be sent as it stands (empty: it can)."""
    if not post.enabled:
        return []
    account = post.account
    found = []
    text, _link = compose(post, content)
    length = measure(account, text)
    if length > account.limit:
        found.append(
            _("El text per a %(account)s fa %(length)s caràcters i el límit és %(limit)s.")
            % {"account": account.name, "length": length, "limit": account.limit}
        )
    unmet = requirement_unmet(account, content)
    if unmet:
        found.append(unmet)
    return found


def image_missing(account: SocialAccount, content: SocialContent) -> str:
    """The cheap half of ``requirement_unmet`` (no image is read): why the
    network cannot take an item without an image ("" = it can)."""
    adapter = account.adapter_class
    if adapter.requires_image and content.image is None:
        return _("%(network)s només publica amb imatge: afegiu una imatge principal per publicar-hi.") % {
            "network": adapter.label
        }
    return ""


def requirement_unmet(account: SocialAccount, content: SocialContent) -> str:
    """What the item lacks for ``account``'s network, whatever the text says
    ("" = nothing): an image where the network only publishes with one, an
    image it cannot take. An item's post on such a network is switched off
    with this as the note (``social.admin``), never a reason to refuse saving."""
    adapter = account.adapter_class
    missing = image_missing(account, content)
    if missing:
        return missing
    if content.image is not None:
        try:
            fit(content.image, adapter)
        except ImageDoesNotFit as exc:
            return str(exc)
        except OSError:
            return _("No es pot llegir la imatge principal.")
    return ""


# --- the editor's live preview ----------------------------------------------------
def live_rules() -> dict:
    """The shortening rules of ``auto_text``, for the live preview."""
    return {
        "separator": SEPARATOR,
        "ellipsis": ELLIPSIS,
        "strip": CUT_STRIP,
        "summaryMinKeep": SUMMARY_MIN_KEEP,
    }


def live_account(account: SocialAccount, link: str) -> dict:
    """What the live preview needs of one account: its limit and how it
    counts, its link line, whether it needs an image."""
    adapter = account.adapter_class
    return {
        "account": account.pk,
        "name": account.name,
        "network": adapter.label,
        "limit": account.limit,
        "counting": adapter.live_count,
        "link": link,
        "linkLine": "" if adapter.links_clickable else link_line(account, link),
        "requiresImage": adapter.requires_image,
    }
