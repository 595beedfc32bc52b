import dataclasses

import pytest

from comunicacio import checks, registry
from comunicacio.registry import ContentSpec, SearchField
from tests.testapp.hooks import SPEC
from tests.testapp.models import Notice


@pytest.fixture
def declare():
    """Replace the test type's declaration for one test."""

    def replace(**changes):
        registry.register_content(dataclasses.replace(SPEC, **changes))

    yield replace
    registry.register_content(SPEC)


def _ids() -> list[str]:
    return [error.id for error in checks.check_content_specs() if error.obj is Notice]


def test_the_declarations_as_shipped_pass():
    assert checks.check_content_specs() == []


def test_an_undeclared_publishable_model_is_refused():
    registry.unregister_content(SPEC)
    try:
        errors = [error for error in checks.check_content_specs() if error.obj is Notice]
    finally:
        registry.register_content(SPEC)
    assert [error.id for error in errors] == ["comunicacio.E001"]
    assert "testapp.Notice is publishable but declares no content type" in errors[0].msg


def test_a_missing_template_is_refused(declare):
    declare(card_template="testapp/no_such_card.html")
    (error,) = [error for error in checks.check_content_specs() if error.obj is Notice]
    assert error.id == "comunicacio.E002" and "testapp/no_such_card.html" in error.msg


def test_an_unknown_effect_is_refused(declare):
    declare(effects=("cache.purge", "fax.send"))
    (error,) = [error for error in checks.check_content_specs() if error.obj is Notice]
    assert error.id == "comunicacio.E003" and "'fax.send'" in error.msg and "cache.purge" in error.hint


def test_an_unknown_search_field_is_refused(declare, monkeypatch):
    """The search block checks search declarations (comunicacio.search.checks)."""
    from comunicacio.search import checks as search_checks

    def search_errors():
        return [error for error in search_checks.search_declarations() if error.obj is Notice]

    monkeypatch.setattr(Notice, "search_fields", (SearchField("title", "A"), SearchField("body", "C")))
    assert [error.id for error in search_errors()] == ["comunicacio.E101"]
    monkeypatch.setattr(Notice, "search_fields", (SearchField("title", "A"),))
    declare(search_fields=(SearchField("summary", "B"), SearchField("subtitle", "A")))
    (error,) = search_errors()
    assert error.id == "comunicacio.E101" and "'subtitle'" in error.msg


def test_a_name_clash_is_refused():
    from comunicacio.pages import SitePage

    with pytest.raises(ValueError, match="taken by testapp.notice"):
        registry.register_content(ContentSpec(model=SitePage, name="notice"))
    # A declaration that bypassed register_content is still caught at start-up.
    clash = ContentSpec(model=SitePage, name="notice")
    registry._specs[clash.label] = clash
    try:
        ids = [error.id for error in checks.check_content_specs()]
    finally:
        del registry._specs[clash.label]
    assert ids == ["comunicacio.E005"]


def test_staff_only_content_may_not_list_a_public_effect(declare):
    declare(audience=registry.STAFF, effects=("workflow.notify", "cache.purge"))
    (error,) = [error for error in checks.check_content_specs() if error.obj is Notice]
    assert error.id == "comunicacio.E006" and "'cache.purge'" in error.msg


def test_the_checks_run_with_django_s_check_framework(declare):
    from django.core import checks as django_checks

    declare(detail_template="testapp/gone.html")
    assert "comunicacio.E002" in [error.id for error in django_checks.run_checks()]
