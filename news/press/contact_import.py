"""Importing media contacts from a CSV file (the admin's upload and
``manage.py import_media_contacts`` share this).

The file is UTF-8, with or without a byte-order mark, separated by ``;``
(what a Catalan or Spanish spreadsheet exports) or ``,``. The first row names
the columns: ``name`` and ``email`` are required; ``outlet``, ``position``,
``language`` (ca/es, Catalan when empty), ``phone``, ``beats`` and ``lists``
are optional (Catalan headers work too: nom, mitjà, càrrec, correu, idioma,
telèfon, àmbits, llistes). Beats and lists hold several names separated by
``|``; the ones that do not exist yet are created.

Every row is checked first (a valid email, a known language, not a duplicate
of an earlier row or of an existing contact); the valid rows are then written
in one transaction, and the rejected ones are reported with their line number
and the reason. A file that cannot be read at all (not UTF-8, no header, not
CSV) writes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from .models import Beat, DistributionList, Language, MediaContact

MAX_BYTES = 5 * 1024 * 1024
COLUMNS = {
    "name": "name",
    "nom": "name",
    "email": "email",
    "correu": "email",
    "correu electrònic": "email",
    "outlet": "outlet",
    "mitjà": "outlet",
    "position": "position",
    "càrrec": "position",
    "language": "language",
    "idioma": "language",
    "phone": "phone",
    "telèfon": "phone",
    "beats": "beats",
    "àmbits": "beats",
    "lists": "lists",
    "llistes": "lists",
}
REQUIRED = ("name", "email")
LANGUAGES = {"": Language.CATALAN, "ca": Language.CATALAN, "es": Language.SPANISH}
LIMITS = {"name": 150, "outlet": 150, "position": 150, "phone": 40}


class ImportFileError(Exception):
    """The file cannot be read: nothing was imported."""


@dataclass
class Rejected:
    line: int
    reason: str
    email: str = ""


@dataclass
class ImportReport:
    imported: list[MediaContact] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    created_lists: list[str] = field(default_factory=list)


def split_names(value: str) -> list[str]:
    return [name.strip() for name in re.split(r"\|", value or "") if name.strip()]


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("El fitxer és massa gran (màxim %(max)s MB).") % {"max": MAX_BYTES // 2**20})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "El fitxer no està codificat en UTF-8 (byte no vàlid a la posició %(position)s). "
                "Deseu-lo com a «CSV UTF-8» i torneu-ho a provar."
            )
            % {"position": exc.start}
        ) from exc


def parse(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(canonical column names, [(line number, cells)]) of a CSV text."""
    if "\x00" in text:
        raise ImportFileError(_("El fitxer no és un CSV de text (conté caràcters nuls)."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError(_("El fitxer és buit: cal una primera fila amb els noms de les columnes."))
        columns = []
        for cell in header:
            name = COLUMNS.get(cell.strip().lower())
            if name is None:
                raise ImportFileError(
                    _("Columna desconeguda: «%(column)s». Columnes admeses: %(known)s.")
                    % {"column": cell.strip(), "known": ", ".join(sorted(set(COLUMNS.values())))}
                )
            if name in columns:
                raise ImportFileError(_("La columna «%(column)s» hi és dues vegades.") % {"column": name})
            columns.append(name)
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            raise ImportFileError(
                _("Falten columnes obligatòries: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        rows = []
        line = reader.line_num
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as exc:
        raise ImportFileError(
            _("El fitxer no és un CSV vàlid (línia %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return columns, rows


def import_contacts(data: bytes) -> ImportReport:
    """Check every row of ``data`` and write the valid ones in one
    transaction. Raises ``ImportFileError`` (and writes nothing) when the file
    cannot be read."""
    columns, rows = parse(decode(data))
    report = ImportReport()
    existing = set(MediaContact.objects.annotate(lower=Lower("email")).values_list("lower", flat=True))
    seen: dict[str, int] = {}
    valid = []
    for line, cells in rows:
        if len(cells) != len(columns):
            report.rejected.append(
                Rejected(
                    line,
                    _("Té %(found)s columnes i n'hi ha d'haver %(expected)s.")
                    % {"found": len(cells), "expected": len(columns)},
                )
            )
            continue
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=True)}
        email = values.get("email", "")
        reason = _row_error(values, existing, seen)
        if reason:
            report.rejected.append(Rejected(line, reason, email))
            continue
        seen[email.lower()] = line
        valid.append(values)
    with transaction.atomic():
        beats = _named(Beat, {name for values in valid for name in split_names(values.get("beats", ""))})
        known_lists = set(DistributionList.objects.values_list("name", flat=True))
        lists = _named(
            DistributionList, {name for values in valid for name in split_names(values.get("lists", ""))}
        )
        report.created_lists = [lst.name for lst in lists.values() if lst.name not in known_lists]
        for values in valid:
            contact = MediaContact.objects.create(
                name=values["name"],
                email=values["email"],
                outlet=values.get("outlet", ""),
                position=values.get("position", ""),
                phone=values.get("phone", ""),
                language=LANGUAGES[values.get("language", "").lower()],
            )
            contact.beats.set([beats[name.lower()] for name in split_names(values.get("beats", ""))])
            contact.lists.set([lists[name.lower()] for name in split_names(values.get("lists", ""))])
            report.imported.append(contact)
    return report


def _row_error(values: dict, existing: set[str], seen: dict[str, int]) -> str:
    if not values.get("name"):
        return _("Falta el nom.")
    email = values.get("email", "")
    if not email:
        return _("Falta el correu electrònic.")
    try:
        validate_email(email)
    except ValidationError:
        return _("«%(email)s» no és una adreça de correu vàlida.") % {"email": email}
    if values.get("language", "").lower() not in LANGUAGES:
        return _("Idioma desconegut: «%(language)s» (ha de ser ca o es).") % {"language": values["language"]}
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            return _("El camp «%(field)s» passa de %(limit)s caràcters.") % {"field": name, "limit": limit}
    if email.lower() in existing:
        return _("Ja hi ha un contacte amb l'adreça %(email)s.") % {"email": email}
    if email.lower() in seen:
        return _("Adreça repetida: ja és a la línia %(line)s.") % {"line": seen[email.lower()]}
    return ""


def _named(model, names: set[str]) -> dict:
    """{lower-case name: object} for ``names``, creating the missing ones
    (matching existing names case-insensitively)."""
    found = {obj.name.lower(): obj for obj in model.objects.all()}
    for name in sorted(names):
        if name.lower() not in found:
            found[name.lower()] = model.objects.create(name=name[:80] if model is Beat else name[:120])
    return found
