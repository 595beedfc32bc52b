import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, demo_media):
    """Load the demo once per module (it draws images and hashes passwords)
    inside a transaction rolled back at the end, so that no other test module
    sees its rows; each test runs in a savepoint within it."""
    output = io.StringIO()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media), transaction.atomic():
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, _isolated_media, settings, demo_media, db):
    # The shared autouse fixture points MEDIA_ROOT at a fresh folder per test;
    # the demo's images and PDFs live in the module's folder.
    settings.MEDIA_ROOT = demo_media
    return demo_loaded
