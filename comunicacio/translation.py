"""Content translations: a field ``title`` may have ``title_es`` beside it.
``Translated("title")`` reads the active language's value and falls back to
the Catalan base field when the translation is missing."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language


class Translated:
    def __init__(self, base: str):
        self.base = base

    def __get__(self, instance, owner):
        if instance is None:
            return self
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
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
