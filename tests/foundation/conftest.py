"""The foundation's own tests: they run against the test-only content type
of tests/testapp (its URLs added to the site's by tests.testapp.urls) and
need no domain app."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify

pytestmark = pytest.mark.urls("tests.testapp.urls")


@pytest.fixture(autouse=True)
def _testapp_urls(settings):
    settings.ROOT_URLCONF = "tests.testapp.urls"


@pytest.fixture
def make_notice(db):
    from comunicacio.publishing.models import Status
    from tests.testapp.models import Notice

    def make(title="Tall de subministrament", status=Status.PUBLISHED, **fields):
        slug = fields.pop("slug", None) or slugify(title)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        return Notice.objects.create(title=title, slug=slug, status=status, summary="Resum.", **fields)

    return make


@pytest.fixture
def staff_only():
    """The test type declared staff-only (the intranet's audience) for one test."""
    import dataclasses

    from comunicacio import registry
    from tests.testapp.hooks import SPEC

    registry.register_content(dataclasses.replace(SPEC, audience=registry.STAFF))
    yield
    registry.register_content(SPEC)
