"""Content translations: a field ``title`` may have ``title_es`` beside it.
``Translated("title")`` reads the active language's value and falls back to
the Catalan base field when the translation is missing.

A fallback is never silent: ``falls_back(item, "title")`` says whether the
page shows the Catalan text in place of a missing translation, so templates
mark that text up with ``lang="ca"`` (WCAG 3.1.2, language of parts: screen
readers switch voice) and label it discreetly ("en catalán"), see
``templatetags/content_language.py``; feeds mark such entries ``xml:lang``."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language


def content_language() -> str:
    """The active language, as content fields name it ("ca", "es")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def falls_back(instance, base: str) -> bool:
    """Whether ``instance``'s ``base`` field is shown in Catalan because its
    translation into the active language is missing."""
    language = content_language()
    translated = f"{base}_{language}"
    if language not in settings.CONTENT_TRANSLATION_LANGUAGES or not hasattr(instance, translated):
        return False
    return not getattr(instance, translated) and bool(getattr(instance, base))


class Translated:
    def __init__(self, base: str):
        self.base = base

    def __get__(self, instance, owner):
        if instance is None:
            return self
        language = content_language()
        if language in settings.CONTENT_TRANSLATION_LANGUAGES:
            value = getattr(instance, f"{self.base}_{language}", "")
            if value:
                return value
        return getattr(instance, self.base)


def _interpolate(message, values) -> str:
    return str(message) % values


# ``gettext_lazy("... %(max)s") % {...}`` is evaluated at import, in the
# default language; this keeps the interpolation lazy, so help texts defined
# at class level follow the request's language.
interpolate_lazy = lazy(_interpolate, str)
