"""Writes of a member of staff's own preferences (comunicacio.preferences)."""

from django.conf import settings

from .preferences import StaffPreference


def set_language(user, language: str) -> str:
    """Make ``language`` (one of settings.LANGUAGES) the one the back-office
    and its emails speak to ``user``; returns it."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    StaffPreference.objects.update_or_create(user=user, defaults={"language": language})
    return language
