"""Working copies for tests/testapp's type: through the actions alone, with
no admin and no code of its own (the registry is all it declares)."""

import pytest

from comunicacio.publishing import working_copies
from comunicacio.publishing.models import Effect, Revision, Status
from comunicacio.publishing.working_copies import WorkingCopy
from tests.factories import make_user
from tests.testapp.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(make_notice):
    notice = make_notice("Tall d'aigua", slug="tall-d-aigua")
    Notice.objects.filter(pk=notice.pk).update(summary="Dimarts al matí.")
    notice.refresh_from_db()
    return notice


def test_the_test_type_gets_working_copies_through_the_registry(
    client, notice, django_capture_on_commit_callbacks
):
    publisher = make_user("superuser")
    revisions_before = Revision.for_item(notice).count()

    def rewrite(summary):
        def write(draft):
            draft.summary = summary
            draft.save()

        return write

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        working_copies.edit(notice, publisher, rewrite("Dimarts i dimecres."))
        working_copies.edit(notice, publisher, rewrite("Dimarts i dimecres al matí."))
    assert callbacks == []
    notice.refresh_from_db()
    assert notice.summary == "Dimarts al matí."
    assert "Dimarts al matí." in client.get("/ca/notices/tall-d-aigua/").content.decode()
    copy = WorkingCopy.objects.get()
    assert copy.data["summary"] == "Dimarts i dimecres al matí." and copy.rows == {}

    working_copies.submit(notice, publisher)
    with django_capture_on_commit_callbacks(execute=True):
        working_copies.publish(notice, publisher, comment="Ampliat")
    notice.refresh_from_db()
    assert notice.summary == "Dimarts i dimecres al matí."
    assert notice.status == Status.PUBLISHED
    assert Revision.for_item(notice).count() == revisions_before + 1
    # The consequences of an edit of live content: the "changed" effects
    # (the cache purge among them), no new publication.
    assert set(Effect.for_item(notice).values_list("handler", flat=True)) == {"cache.purge"}
    assert Effect.for_item(notice).get().key.startswith("changed:")
    assert "Dimarts i dimecres al matí." in client.get("/ca/notices/tall-d-aigua/").content.decode()
