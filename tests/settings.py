"""The settings of the test run: the site's, plus the test-only content
type (tests/testapp), which `make run` and production never install."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
