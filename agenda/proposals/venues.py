"""Which known venue a proposal's free-text place means.

Proposers write "casal cultura", "Pl. de la Vila" or "Casal de Cultura
(sala gran)": names are compared once normalised (no accents, no case, no
punctuation, no articles or prepositions, common abbreviations expanded),
by the best of a character-level ratio and the share of the venue's words
that the text contains. The moderator is offered the best matches and the
choice of creating a new venue; nothing is matched silently unless the
normalised names are identical.

The venues are few (hundreds at most), so they are compared in Python, the
same on SQLite and PostgreSQL.
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from agenda.models import Venue

# Words that say nothing about which place it is.
STOP_WORDS = {
    "a",
    "al",
    "als",
    "de",
    "del",
    "dels",
    "d",
    "el",
    "els",
    "en",
    "i",
    "l",
    "la",
    "les",
    "lo",
    "los",
    "y",
    "the",
}
ABBREVIATIONS = {
    "pl": "placa",
    "pl.": "placa",
    "c": "carrer",
    "c.": "carrer",
    "av": "avinguda",
    "avda": "avinguda",
    "pg": "passeig",
    "pav": "pavello",
    "poliesportiu": "pavello",
    "bibl": "biblioteca",
    "esc": "escola",
    "mpal": "municipal",
}
# Below this score a venue is not worth offering; from this one it is the
# moderator's default choice.
THRESHOLD = 0.55
LIKELY = 0.8
LIMIT = 3


@dataclass(frozen=True)
class Match:
    venue: Venue
    score: float  # 0..1; 1 for the same normalised name


def normalise(text: str) -> str:
    """ "Plaça de l'Església" -> "placa esglesia"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = text.replace("l·l", "ll").replace("l.l", "ll")
    words = re.split(r"[^a-z0-9]+", text)
    words = [ABBREVIATIONS.get(word, word) for word in words if word]
    return " ".join(word for word in words if word not in STOP_WORDS)


def similarity(text: str, name: str) -> float:
    """How well the normalised ``text`` names the normalised ``name``."""
    if not text or not name:
        return 0.0
    if text == name:
        return 1.0
    ratio = SequenceMatcher(None, text, name).ratio()
    text_words, name_words = set(text.split()), set(name.split())
    # Words that match closely (a typo, a plural) count too.
    shared = sum(1 for word in name_words if any(_close(word, other) for other in text_words))
    coverage = shared / len(name_words)
    # All of the venue's words, plus a detail ("sala gran"), is a strong hint;
    # a single shared generic word ("casal") is not.
    score = max(ratio, coverage * (0.95 if shared > 1 or len(name_words) == 1 else 0.6))
    # A short form whose every word is in the name ("Teatre" for "Teatre
    # Municipal") is likely that venue, the more so the more it covers.
    if all(any(_close(word, other) for other in name_words) for word in text_words):
        score = max(score, 0.6 + 0.3 * coverage)
    return score


def _close(word: str, other: str) -> bool:
    return word == other or SequenceMatcher(None, word, other).ratio() >= 0.85


def best_matches(text: str, *, limit: int = LIMIT, threshold: float = THRESHOLD) -> list[Match]:
    """The known venues ``text`` most likely means, best first."""
    wanted = normalise(text)
    if not wanted:
        return []
    scored = []
    for venue in Venue.objects.only("pk", "name", "address", "town"):
        score = max(similarity(wanted, normalise(venue.name)), _with_address(wanted, venue))
        if score >= threshold:
            scored.append(Match(venue, round(score, 3)))
    scored.sort(key=lambda match: (-match.score, match.venue.name, match.venue.pk))
    return scored[:limit]


def _with_address(wanted: str, venue: Venue) -> float:
    # "Casal de Cultura, carrer Major" names the venue and its street.
    if not venue.address:
        return 0.0
    return similarity(wanted, normalise(f"{venue.name} {venue.address}"))


def exact_match(text: str) -> Venue | None:
    """The venue whose normalised name is the text's, if exactly one is."""
    found = [match.venue for match in best_matches(text, limit=2, threshold=1.0)]
    return found[0] if len(found) == 1 else None
