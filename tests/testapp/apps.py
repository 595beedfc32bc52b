from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A content type that exists only in the tests: it plugs into the
    foundation exactly as a new content app would (its hooks.py, one URL
    include), so the foundation's own tests need no domain app."""

    name = "tests.testapp"
    label = "testapp"
    verbose_name = "Test content"
