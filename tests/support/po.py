"""Reading gettext .po files (what the repository holds) and extracting the
msgids the code uses, without touching the repository's catalogues."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What makemessages must not read: not our product code, or not code at all.
SKIPPED = {
    ".venv",
    ".git",
    "var",
    "media",
    "staticfiles",
    "tests",
    "benchmarks",
    "node_modules",
    "__pycache__",
}


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    plural: str | None
    msgstrs: tuple[str, ...]
    fuzzy: bool

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstrs) and all(self.msgstrs)


_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def read_po(path: Path) -> dict[tuple[str | None, str], Entry]:
    """Every entry of ``path`` except the header and obsolete ones."""
    entries = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if not fields.get("msgid"):
            continue
        msgstrs = tuple(value for name, value in sorted(fields.items()) if name.startswith("msgstr"))
        entry = Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), msgstrs, fuzzy)
        entries[entry.key] = entry
    return entries


def extract(tmp: Path, domain: str = "django") -> dict[tuple[str | None, str], Entry]:
    """The msgids of ``domain`` our code uses, by ``makemessages`` run on a
    copy of the tree (without its catalogues) under ``tmp``."""
    copy = tmp / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda directory, names: [
            n for n in names if n in SKIPPED or n.endswith((".mo", ".po")) or n == "locale"
        ],
    )
    (copy / "locale").mkdir()
    command = [
        sys.executable,
        "-m",
        "django",
        "makemessages",
        "--locale=es",
        f"--domain={domain}",
        "--no-location",
        "--ignore=.venv/*",
    ]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, env={"PATH": "/usr/bin:/bin"})
    po = copy / "locale" / "es" / "LC_MESSAGES" / f"{domain}.po"
    return read_po(po) if po.exists() else {}
