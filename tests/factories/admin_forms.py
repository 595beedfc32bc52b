"""What every admin change form posts besides its own fields."""

from datetime import datetime

from django.utils import timezone

# The social posts inline of every publishable's change form.
SOCIAL_PREFIX = "social-socialpost-content_type-object_id"


def split_datetime(data: dict, name: str, value: datetime | None) -> None:
    """The admin's split date/time widget, in local time and ISO formats."""
    local = timezone.localtime(value) if value else None
    data[f"{name}_0"] = local.strftime("%Y-%m-%d") if local else ""
    data[f"{name}_1"] = local.strftime("%H:%M:%S") if local else ""
