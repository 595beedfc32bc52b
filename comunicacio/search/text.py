"""Text helpers shared by the search backends: folding case and accents,
the visible text of rich text, the words of a query, and the trigram
similarity the fallback uses for typos (pg_trgm's idea, in Python)."""

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]*>")
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"\w+")

# Words shorter than this are not corrected: "de", "la", "or" would match
# almost anything.
TYPO_MIN_LENGTH = 3


def fold(text: str | None) -> str:
    """Lower case without accents: "Informació" -> "informacio"."""
    if not text:
        return ""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))


def fold_html(text: str | None) -> str:
    """``fold`` of the visible text of an HTML fragment, so that a search for
    "strong" does not match every body with bold text."""
    if not text:
        return ""
    return fold(html.unescape(_TAG.sub(" ", text)))


def typo_words(query: str) -> list[str]:
    """The words of ``query`` worth correcting: long enough, and not
    excluded with websearch's ``-word``."""
    words = []
    for token in query.split():
        if token.startswith("-"):
            continue
        words.extend(word for word in _WORD.findall(token) if len(word) >= TYPO_MIN_LENGTH)
    return list(dict.fromkeys(words))


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one
    after, so that the start of a word weighs more than its middle."""
    padded = f"  {word} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def word_similarity(word: str, text: str) -> float:
    """How much of ``word`` appears in the most similar word of ``text``
    (0 to 1): the share of the word's trigrams found there, as pg_trgm's
    ``word_similarity`` measures it. Both are folded."""
    wanted = trigrams(word)
    best = 0.0
    for candidate in _WORD.findall(text):
        shared = len(wanted & trigrams(candidate)) / len(wanted)
        if shared > best:
            best = shared
            if best == 1.0:
                break
    return best
