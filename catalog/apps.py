from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The service catalogue (built in a later issue)."""

    name = "catalog"
