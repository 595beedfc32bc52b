"""The accessibility and clear-language check shown in the editor before
submitting: advice with the place in the text, never a reason to refuse a
save.

Pure functions over the text or HTML of an item's fields return
``Finding`` rows (rule, message in Catalan, field, and the excerpt around
the offending part). Which fields are checked is generic: every editable
CharField or TextField (rich text included) of the model, without choices,
slugs, addresses or e-mails, so any registered content type gets the check
without code of its own. A field named ``*_es`` holds the Spanish
translation: the Catalan style rules (hours, dates, capitals of
institutions) do not apply to it, the accessibility rules do.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from dataclasses import replace as _replace
from datetime import date
from html.parser import HTMLParser

from django.db import models
from django.utils.translation import gettext as _

from comunicacio import formatting

# How much text either side of the offending part an excerpt shows.
CONTEXT_CHARS = 40
LONG_SENTENCE_WORDS = 40
# Advice beyond this many findings in one field is noise: the first ones say it.
MAX_FINDINGS_PER_FIELD = 50
# A field whose name ends so holds the Spanish translation (comunicacio.translation).
SPANISH_SUFFIX = "_es"

ALT_TEXT_FIELD = "_image_alt"

RULES = (
    "image_alt",
    "vague_link",
    "heading_skip",
    "all_caps",
    "long_sentence",
    "hour_format",
    "hour_range",
    "numeric_date",
    "institution_capitals",
)
CATALAN_ONLY_RULES = {"hour_format", "hour_range", "numeric_date", "institution_capitals"}


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    field: str
    before: str  # the text just before the offending part
    match: str  # the offending part itself
    after: str  # the text just after it
    position: int = 0  # where the offending part starts in the field's plain text

    @property
    def excerpt(self) -> str:
        return f"{self.before}{self.match}{self.after}"

    def as_dict(self) -> dict:
        return {**asdict(self), "excerpt": self.excerpt}


# --- reading HTML -----------------------------------------------------------------
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "caption", "div", "tr"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class _Parsed:
    text: str  # plain text, blocks separated by blank lines
    links: list[tuple[str, int]]  # each link's text and where it starts in ``text``
    headings: list[tuple[int, str, int]]  # level, text, where it starts
    images: list[tuple[str | None, str, int]]  # alt (None: missing), src, where


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.links: list[tuple[str, int]] = []
        self.headings: list[tuple[int, str, int]] = []
        self.images: list[tuple[str | None, str, int]] = []
        self._link: tuple[int, list[str]] | None = None
        self._heading: tuple[int, int, list[str]] | None = None

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _break(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self._write("\n\n")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS:
            self._break()
        if tag == "br":
            self._write("\n")
        if tag == "a":
            self._link = (self.length, [])
        if tag in _HEADINGS:
            self._heading = (_HEADINGS[tag], self.length, [])
        if tag == "img":
            self.images.append((attrs.get("alt"), attrs.get("src") or "", self.length))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            start, chunks = self._link
            self.links.append(("".join(chunks), start))
            self._link = None
        if tag in _HEADINGS and self._heading is not None:
            level, start, chunks = self._heading
            self.headings.append((level, "".join(chunks), start))
            self._heading = None
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        if self._link is not None:
            self._link[1].append(data)
        if self._heading is not None:
            self._heading[2].append(data)
        self._write(data)


def _looks_like_html(value: str) -> bool:
    return bool(re.search(r"<\s*/?\s*[a-zA-Z][^>]*>", value))


def parse(value: str) -> _Parsed:
    """The plain text of ``value`` (HTML or not) and its links, headings and images."""
    if not _looks_like_html(value):
        return _Parsed(value, [], [], [])
    reader = _Reader()
    reader.feed(value)
    reader.close()
    return _Parsed("".join(reader.parts), reader.links, reader.headings, reader.images)


# --- findings ---------------------------------------------------------------------
def _finding(rule: str, message: str, field: str, text: str, start: int, end: int) -> Finding:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    # Excerpts stay on one line, cut at a word where they were cut.
    before = re.sub(r"\s+", " ", before)
    after = re.sub(r"\s+", " ", after)
    if start > CONTEXT_CHARS and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + CONTEXT_CHARS < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return Finding(rule, message, field, before, text[start:end], after, start)


# Alt texts that say nothing of the image.
_MEANINGLESS_ALTS = {
    "imatge",
    "imatges",
    "foto",
    "fotos",
    "fotografia",
    "fotografies",
    "image",
    "imagen",
    "img",
    "picture",
    "photo",
    "logo",
    "logotip",
    "icona",
    "banner",
}
_FILENAME = re.compile(
    r"^\S+\.(jpe?g|png|gif|webp|svg|tiff?|bmp|heic|avif)$|^(img|dsc|dscn|pxl|image)[-_ ]?\d+", re.I
)


def meaningless_alt(alt: str | None) -> bool:
    """Whether an image's alternative text fails to describe it: missing,
    empty, a generic word, or a file name."""
    if alt is None:
        return True
    cleaned = alt.strip().strip(".").strip()
    return not cleaned or cleaned.lower() in _MEANINGLESS_ALTS or bool(_FILENAME.search(cleaned))


def check_image_alt(alt: str | None, field: str, where: str = "") -> list[Finding]:
    if not meaningless_alt(alt):
        return []
    shown = alt if alt else (where or _("(sense text alternatiu)"))
    return [
        _finding(
            "image_alt",
            _(
                "Imatge sense un text alternatiu que la descrigui: expliqueu què s'hi veu per a qui no "
                "la pot veure (no «imatge» ni el nom del fitxer)."
            ),
            field,
            shown,
            0,
            len(shown),
        )
    ]


# Link texts that say nothing of where the link leads when read alone (a
# screen reader's list of links).
_VAGUE_LINKS = {
    "aquí",
    "clica aquí",
    "clica",
    "cliqueu aquí",
    "clic aquí",
    "fes clic aquí",
    "feu clic aquí",
    "premeu aquí",
    "prem aquí",
    "més informació",
    "més info",
    "+ info",
    "+info",
    "informació",
    "llegiu-ne més",
    "llegeix-ne més",
    "llegir més",
    "enllaç",
    "aquest enllaç",
    "link",
    "click here",
    "here",
    "read more",
    "more",
    "haga clic aquí",
    "pulse aquí",
    "más información",
    "leer más",
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(".:…»«\"'").strip().lower()


def _check_links(parsed: _Parsed, field: str) -> list[Finding]:
    findings = []
    for text, start in parsed.links:
        if _norm(text) in _VAGUE_LINKS:
            findings.append(
                _finding(
                    "vague_link",
                    _(
                        "Enllaç que no diu on porta: «%(text)s». Feu que el text de l'enllaç expliqui "
                        "el destí (p. ex. «el calendari de la piscina»)."
                    )
                    % {"text": text.strip()},
                    field,
                    parsed.text,
                    start,
                    start + len(text),
                )
            )
    return findings


def _check_headings(parsed: _Parsed, field: str) -> list[Finding]:
    # The item's title is the page's h1: the text's first heading is an h2.
    findings = []
    previous = 1
    for level, text, start in parsed.headings:
        if level > previous + 1:
            findings.append(
                _finding(
                    "heading_skip",
                    _(
                        "Salt de nivell d'encapçalament: un títol de nivell %(level)s després d'un de nivell "
                        "%(previous)s. Useu els nivells per ordre, sense saltar-ne cap."
                    )
                    % {"level": level, "previous": previous},
                    field,
                    parsed.text,
                    start,
                    start + len(text),
                )
            )
        previous = level
    return findings


# A run of at least three words in capitals: shouting, and hard to read.
# Acronyms (UE, IVA, ONU) alone are not a run.
_CAPS_WORD = r"[A-ZÀÁÈÉÍÏÒÓÚÜÇÑ][A-ZÀÁÈÉÍÏÒÓÚÜÇÑ·'’\-]+"
_ALL_CAPS = re.compile(rf"(?<![\wÀ-ÿ])(?:{_CAPS_WORD}[ \t,.:;!?¡¿]+){{2,}}{_CAPS_WORD}(?![\wÀ-ÿ])")


def _check_all_caps(text: str, field: str) -> list[Finding]:
    findings = []
    for match in _ALL_CAPS.finditer(text):
        if sum(ch.isalpha() for ch in match.group()) < 10:
            continue
        findings.append(
            _finding(
                "all_caps",
                _("Text en majúscules: es llegeix pitjor i sembla que cridi. Escriviu-lo en minúscules."),
                field,
                text,
                match.start(),
                match.end(),
            )
        )
    return findings


_SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)", re.M)


def _check_sentences(text: str, field: str) -> list[Finding]:
    findings = []
    # "10.30 h" and "1.500" do not end a sentence.
    masked = re.sub(r"(?<=\d)\.(?=\d)", "_", text)
    for match in _SENTENCE.finditer(masked):
        words = re.findall(r"[\wÀ-ÿ·'’-]+", match.group())
        if len(words) > LONG_SENTENCE_WORDS:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            findings.append(
                _finding(
                    "long_sentence",
                    _("Frase de %(count)s paraules: partiu-la en frases de menys de %(limit)s paraules.")
                    % {"count": len(words), "limit": LONG_SENTENCE_WORDS},
                    field,
                    text,
                    start,
                    match.end(),
                )
            )
    return findings


_HOUR = r"(?:[01]?\d|2[0-3])"
_MINUTES = r"[0-5]\d"
# "10:30h", "10:30 h", "10:30", "10,30 h", "10.30h", "10h": the style is "10.30 h", "10 h".
_HOUR_PATTERNS = (
    re.compile(rf"(?<![\d.,:/])({_HOUR}):({_MINUTES})(?:\s?h\b)?(?![\d:])"),
    re.compile(rf"(?<![\d.,:/])({_HOUR}),({_MINUTES})\s?h\b"),
    re.compile(rf"(?<=\ba les )({_HOUR}),({_MINUTES})(?![\d,])"),
    re.compile(rf"(?<![\d.,:/])({_HOUR})\.({_MINUTES})h\b"),
    re.compile(rf"(?<![\d.,:/\-–])({_HOUR})()h\b"),
)
# "9-14h", "9 - 14 h", "9.00-14.00 h": the style is "de 9 a 14 h".
_TIME = rf"{_HOUR}(?:[.:,]{_MINUTES})?"
_RANGE = re.compile(rf"(?<![\d.,:/])({_TIME})\s?[-–]\s?({_TIME})\s?h\b")


def _suggested_hour(hour: str, minutes: str) -> str:
    return f"{int(hour)}.{minutes} h" if minutes else f"{int(hour)} h"


def _check_hours(text: str, field: str) -> list[Finding]:
    findings = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        start_hour, end_hour = (re.sub(r"[:,]", ".", part) for part in match.groups())
        start_hour, end_hour = (re.sub(r"\.00$", "", part) for part in (start_hour, end_hour))
        taken.append(match.span())
        findings.append(
            _finding(
                "hour_range",
                _("Interval horari: escriviu «de %(start)s a %(end)s h» en lloc de «%(found)s».")
                % {"start": start_hour, "end": end_hour, "found": match.group()},
                field,
                text,
                match.start(),
                match.end(),
            )
        )
    for pattern in _HOUR_PATTERNS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            findings.append(
                _finding(
                    "hour_format",
                    _("Hora: escriviu «%(suggested)s» (punt entre hores i minuts, espai abans de la h).")
                    % {"suggested": _suggested_hour(*match.groups())},
                    field,
                    text,
                    match.start(),
                    match.end(),
                )
            )
    return findings


_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/\-]|\.\d)")


def catalan_date(day: date) -> str:
    """A date as running text writes it: "26 de novembre de 2026", "3 d'abril de 2026"."""
    month = formatting.MONTHS["ca"][day.month - 1]
    joiner = "d'" if month[0] in "aeiou" else "de "
    return f"{day.day} {joiner}{month} de {day.year}"


def _check_dates(text: str, field: str) -> list[Finding]:
    findings = []
    for match in _NUMERIC_DATE.finditer(text):
        day, _sep, month, year = match.groups()
        year = int(year) + (2000 if len(year) == 2 else 0)
        try:
            written = catalan_date(date(year, int(month), int(day)))
        except ValueError:
            continue  # not a date: a reference number, a score
        findings.append(
            _finding(
                "numeric_date",
                _("Data: en el text, escriviu «%(written)s» en lloc de «%(found)s».")
                % {"written": written, "found": match.group()},
                field,
                text,
                match.start(),
                match.end(),
            )
        )
    return findings


# Institutions written with a capital: the article (or contraction) before
# them tells the council's own body from the common noun.
_ARTICLE = (
    r"(?:(?<![\wÀ-ÿ])(?:[lL]['’]|(?:de|a|per|d)\s+l['’])"  # l'ajuntament, de l'ajuntament
    r"|(?<![\wÀ-ÿ])(?:[eE]l|[dDaApP]el|[lL]a|[dD]e la|[aA] la|[pP]er la)\s+)"  # el ple, de la policia
)
_INSTITUTIONS = (
    ("ajuntament", "Ajuntament"),
    ("alcaldia", "Alcaldia"),
    ("ple", "Ple"),
    ("junta de govern local", "Junta de Govern Local"),
    ("junta de govern", "Junta de Govern"),
    ("policia local", "Policia Local"),
    ("guàrdia urbana", "Guàrdia Urbana"),
    ("consell comarcal", "Consell Comarcal"),
    ("generalitat", "Generalitat"),
    ("diputació", "Diputació"),
    ("síndic de greuges", "Síndic de Greuges"),
)
_INSTITUTION = re.compile(
    rf"({_ARTICLE})({'|'.join(re.escape(name) for name, _cap in _INSTITUTIONS)})(?![\wÀ-ÿ'’])"
    # "en ple", "el ple ús", "el ple dret": the adjective, not the council's plenary.
    r"(?!\s+(?:ús|dret|rendiment|estiu|hivern|centre|sol|mar|dia)\b)"
)


def _check_institutions(text: str, field: str) -> list[Finding]:
    findings = []
    proper = dict(_INSTITUTIONS)
    for match in _INSTITUTION.finditer(text):
        article, name = match.groups()
        findings.append(
            _finding(
                "institution_capitals",
                _("Institució: escriviu «%(proper)s», amb majúscula.") % {"proper": article + proper[name]},
                field,
                text,
                match.start(),
                match.end(),
            )
        )
    return findings


def check_text(value: str, field: str, *, catalan: bool = True) -> list[Finding]:
    """Every finding in one field's text or HTML."""
    if not value or not value.strip():
        return []
    parsed = parse(value)
    findings = []
    for alt, src, where in parsed.images:
        findings += [
            _replace(finding, position=where)
            for finding in check_image_alt(alt, field, where=src.rsplit("/", 1)[-1])
        ]
    findings += _check_links(parsed, field)
    findings += _check_headings(parsed, field)
    findings += _check_all_caps(parsed.text, field)
    findings += _check_sentences(parsed.text, field)
    if catalan:
        findings += _check_hours(parsed.text, field)
        findings += _check_dates(parsed.text, field)
        findings += _check_institutions(parsed.text, field)
    return sorted(findings, key=lambda finding: finding.position)[:MAX_FINDINGS_PER_FIELD]


# --- which fields ------------------------------------------------------------------
_NOT_PROSE = (
    models.SlugField,
    models.EmailField,
    models.URLField,
    models.FilePathField,
    models.GenericIPAddressField,
)


# Short text fields hold codes and numbers (phones, weekday lists), not prose.
MIN_PROSE_LENGTH = 60
_skipped: dict[str, set[str]] = {}


def skip(model_label: str, *field_names: str) -> None:
    """Declare text fields of ``model_label`` ("app_label.model_name") that
    hold data rather than prose (a list of dates), from the app's hooks.py."""
    _skipped.setdefault(model_label.lower(), set()).update(field_names)


def checked_fields(model) -> list:
    """The model's fields the check reads: editable prose, not codes."""
    skipped = _skipped.get(model._meta.label_lower, set())
    fields = []
    for field in model._meta.get_fields():
        if not isinstance(field, models.CharField | models.TextField) or isinstance(field, _NOT_PROSE):
            continue
        if not field.editable or field.choices or field.primary_key or field.name in skipped:
            continue
        if isinstance(field, models.CharField) and (field.max_length or 0) < MIN_PROSE_LENGTH:
            continue
        fields.append(field)
    return fields


def check_values(
    model, values: dict, *, image_alt: str | None = None, has_image: bool = False
) -> list[Finding]:
    """Every finding in ``values`` (field name → text) for the checked
    fields of ``model``; unknown names are ignored. ``image_alt`` is the alt
    text of the item's image, when it has one."""
    findings = []
    for field in checked_fields(model):
        value = values.get(field.name)
        if not isinstance(value, str):
            continue
        findings += check_text(
            value, str(field.verbose_name), catalan=not field.name.endswith(SPANISH_SUFFIX)
        )
    if has_image:
        findings += check_image_alt(image_alt, str(_("imatge")))
    return findings


def check_item(item, image_field: str = "") -> list[Finding]:
    """Every finding in a saved item; ``image_field`` names its library image
    (the content type's declared ``image_field``), whose alt text is checked."""
    values = {field.name: getattr(item, field.attname, "") for field in checked_fields(type(item))}
    image = getattr(item, image_field, None) if image_field else None
    return check_values(
        type(item), values, image_alt=getattr(image, "alt_text", None), has_image=image is not None
    )
