"""The admin tests share the publishing fixtures (roles, eager Celery)."""

from tests.publishing.conftest import (  # noqa: F401  (fixtures)
    _eager_celery,
    _fast_passwords,
    draft,
    editor,
    norole,
    publisher,
    siteadmin,
    unit,
)
