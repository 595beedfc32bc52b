import pytest
from django.core.exceptions import ImproperlyConfigured

from comunicacio import registry
from comunicacio.publishing import effects, workflow
from comunicacio.publishing.models import Effect, Status
from tests.factories import make_user


def _handlers(item) -> set[str]:
    return set(Effect.for_item(item).values_list("handler", flat=True))


def test_publishing_records_only_the_effects_the_type_declares(
    make_notice, superuser, django_capture_on_commit_callbacks
):
    notice = make_notice(status=Status.DRAFT, created_by=make_user("editor"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.perform(notice, "publish", superuser)
    # Not the press mailing nor the social networks: the type lists only these.
    assert _handlers(notice) == {"cache.purge", "workflow.notify"}
    assert any(getattr(callback, "__name__", "") == "purge" for callback in callbacks)


def test_staff_only_content_never_purges_the_public_cache(
    make_notice, superuser, staff_only, django_capture_on_commit_callbacks, monkeypatch
):
    # The staff-only declaration still lists cache.purge (the checks refuse
    # that, see test_checks): it is never recorded nor run for it anyway.
    purged = []
    monkeypatch.setattr("comunicacio.pagecache.purge", lambda: purged.append(True))
    notice = make_notice(status=Status.DRAFT, created_by=make_user("editor"))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(notice, "publish", superuser)
        workflow.perform(notice, "withdraw", superuser)
    assert _handlers(notice) == {"workflow.notify"}
    assert purged == []


def test_an_undeclared_model_gets_no_effect_recorded(make_notice):
    from tests.testapp.hooks import SPEC

    notice = make_notice()
    registry.unregister_content(SPEC)
    try:
        with pytest.raises(ImproperlyConfigured, match="declares no ContentSpec"):
            effects.schedule(notice, effects.PUBLISHED, "published:1")
    finally:
        registry.register_content(SPEC)
    assert not Effect.objects.exists()
