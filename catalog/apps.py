from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The service catalogue and its public pages."""

    name = "catalog"
