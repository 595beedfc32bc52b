"""Builders of valid objects for the test suite, one module per domain (no
factory library: functions with overridable fields).

Every builder is importable from the package (``from tests.factories import
make_news``) as from its module. The package imports a domain's module only
when one of its names is asked for, so a test that builds only users and
units never imports ``news`` or ``agenda``.
"""

import importlib

_HOMES = {
    "make_unit": "organisation",
    "make_building": "organisation",
    "make_user": "users",
    "user_change_data": "users",
    "ROLE_GROUPS": "users",
    "PASSWORD": "users",
    "SOCIAL_PREFIX": "admin_forms",
    "split_datetime": "admin_forms",
    "make_news": "news",
    "make_live_news": "news",
    "news_admin_form_data": "news",
    "jpeg_bytes": "media",
    "png_bytes": "media",
    "two_colour_jpeg": "media",
    "jpeg_upload": "media",
    "make_image": "media",
    "make_picture": "media",
    "landscape_jpeg": "media",
    "exif_with_gps_and_orientation": "media",
    "png_bomb": "media",
    "MADRID": "agenda",
    "local": "agenda",
    "make_venue": "agenda",
    "make_event": "agenda",
    "ensure_audiences": "agenda",
    "event_admin_form_data": "agenda",
    "entry_admin_form": "institutional",
    "make_account": "social",
    "mastodon_account": "social",
    "build_site": "site",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    try:
        module = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
