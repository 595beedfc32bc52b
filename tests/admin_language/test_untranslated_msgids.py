"""Every msgid our code uses has a Spanish translation in locale/es, and
every English msgid the back-office can show (Django's admin, auth and
forms, django-taggit, django-filter) has a Catalan one, in Django's own
catalogue or in locale/ca."""

import gettext
import subprocess
from pathlib import Path

import django
import django_filters
import pytest
import taggit
from django.apps import apps

from tests.support.po import ROOT, extract, read_po

SPANISH = ROOT / "locale" / "es" / "LC_MESSAGES"
CATALAN = ROOT / "locale" / "ca" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent
# The catalogues of the back-office's English: (package directory, domain).
ADMIN_CATALOGUES = [
    (DJANGO / "contrib" / "admin", "django"),
    (DJANGO / "contrib" / "admin", "djangojs"),
    (DJANGO / "contrib" / "auth", "django"),
    (DJANGO / "contrib" / "contenttypes", "django"),
    (Path(taggit.__file__).parent, "django"),
    (Path(django_filters.__file__).parent, "django"),
]


def _third_party_spanish() -> set:
    """Msgids that Django's or an installed package's own Spanish
    catalogue translates (our copies of Django's templates use them)."""
    keys = set()
    for package in (DJANGO, Path(taggit.__file__).parent, Path(django_filters.__file__).parent):
        for mo in package.glob("**/locale/es/LC_MESSAGES/*.mo"):
            with mo.open("rb") as handle:
                for key, value in gettext.GNUTranslations(handle)._catalog.items():
                    msgid = key[0] if isinstance(key, tuple) else key
                    if value:
                        keys.add(tuple(msgid.split("\x04", 1)) if "\x04" in msgid else (None, msgid))
    return keys


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_msgid_of_ours_has_a_spanish_translation(tmp_path, domain):
    used = extract(tmp_path, domain)
    if domain == "django":
        assert len(used) > 500, "the extraction found too little: is makemessages working?"
    ours = read_po(SPANISH / f"{domain}.po") if (SPANISH / f"{domain}.po").exists() else {}
    theirs = _third_party_spanish()
    missing = [
        entry.msgid
        for key, entry in used.items()
        if not (key in ours and ours[key].translated) and key not in theirs
    ]
    assert missing == [], f"{len(missing)} msgids without a Spanish translation in locale/es:\n" + "\n".join(
        missing
    )


def test_spanish_catalogue_has_no_fuzzy_or_empty_entries():
    entries = read_po(SPANISH / "django.po")
    assert [entry.msgid for entry in entries.values() if not entry.translated] == []


@pytest.mark.parametrize(
    ("package", "domain"), ADMIN_CATALOGUES, ids=lambda value: str(value).rsplit("/", 1)[-1]
)
def test_the_back_offices_english_has_a_catalan_translation(package, domain):
    # Their Spanish catalogue lists every msgid the package has.
    english = {}
    for po in package.glob(f"locale/es/LC_MESSAGES/{domain}.po"):
        english.update(read_po(po))
    assert english, f"no catalogue for {package}"
    # At run time every installed app's catalogue and ours are merged.
    catalan = {}
    for directory in [DJANGO / "conf", *(Path(config.path) for config in apps.get_app_configs())]:
        for po in directory.glob(f"locale/ca/LC_MESSAGES/{domain}.po"):
            catalan.update(read_po(po))
    if (CATALAN / f"{domain}.po").exists():
        catalan.update(read_po(CATALAN / f"{domain}.po"))
    missing = [
        entry.msgid for key, entry in english.items() if not (key in catalan and catalan[key].translated)
    ]
    assert missing == [], f"{len(missing)} msgids of {package.name} without Catalan:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    "po", sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_catalogues_compile(po):
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
