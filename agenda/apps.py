from django.apps import AppConfig


class AgendaConfig(AppConfig):
    """The town's activity agenda (built in a later issue)."""

    name = "agenda"
