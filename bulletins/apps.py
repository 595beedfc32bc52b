from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    """Institutional bulletins (built in a later issue)."""

    name = "bulletins"
