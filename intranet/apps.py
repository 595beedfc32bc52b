from django.apps import AppConfig


class IntranetConfig(AppConfig):
    """Internal communiqués and the staff intranet (built in a later issue)."""

    name = "intranet"
