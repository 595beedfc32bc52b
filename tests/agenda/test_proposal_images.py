"""Images sent with public event proposals: stripped of metadata and renamed
on receipt, kept in the private storage (no public URL), shown to moderators
through a permission-checked view, copied into the media library on approval
and deleted when the proposal is decided."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import ExifTags
from PIL import Image as PILImage

from agenda.models import Category, EventProposal
from agenda.proposals import actions as proposals
from comunicacio import roles
from comunicacio.storage import private_storage
from tests.factories import exif_with_gps_and_orientation, jpeg_bytes
from tests.factories.proposals import (
    FORM_URL,
    NOW,
    fresh_token,
    valid_data,
)

pytestmark = pytest.mark.django_db

GPS = ExifTags.IFD.GPSInfo


def gps_jpeg(name="IMG_20261126_Casa-Nuria-Ferrer.jpg") -> SimpleUploadedFile:
    content = jpeg_bytes(size=(900, 600), exif=exif_with_gps_and_orientation(1))
    assert PILImage.open(io.BytesIO(content)).getexif().get_ifd(GPS), "the test image must carry GPS"
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def all_files(root) -> list[Path]:
    root = Path(root)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def submit_with_image(client, clock, upload=None):
    token = fresh_token(client, clock)
    data = valid_data(token, image=upload or gps_jpeg(), image_description="Cartell de la festa")
    response = client.post(FORM_URL, data)
    assert response.status_code == 302
    return EventProposal.objects.get()


def moderator(django_user_model, role=roles.EDITORS, username="moderadora"):
    roles.sync_role_permissions()
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def test_a_received_image_is_private_stripped_and_renamed(client, clock, settings):
    proposal = submit_with_image(client, clock)
    name = proposal.image.name
    # Not under the public media folder, and no public URL at all.
    assert all_files(settings.MEDIA_ROOT) == []
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not Path(settings.PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError):
        _ = proposal.image.url
    assert client.get("/media/" + name).status_code == 404
    # Neither the GPS position nor the original file name is kept.
    assert "IMG_20261126" not in name and "Nuria" not in name
    assert name.startswith("proposals/2026/11/") and name.endswith(".jpg")
    with private_storage().open(name, "rb") as handle:
        stored = PILImage.open(io.BytesIO(handle.read()))
    assert dict(stored.getexif()) == {} and not stored.getexif().get_ifd(GPS)
    assert "exif" not in stored.info


def test_moderators_see_the_image_through_a_checked_view(client, clock, django_user_model):
    proposal = submit_with_image(client, clock)
    url = f"/admin/agenda/eventproposal/{proposal.pk}/imatge/"
    with private_storage().open(proposal.image.name, "rb") as handle:
        expected = handle.read()

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(moderator(django_user_model, role=None, username="sense-rol"))
    assert client.get(url).status_code in (302, 403, 404)

    client.force_login(moderator(django_user_model))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == expected
    assert response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    page = client.get(f"/admin/agenda/eventproposal/{proposal.pk}/change/")
    assert page.status_code == 200
    assert f'<img src="{url}" alt="Cartell de la festa"' in page.content.decode()


def test_approval_moves_the_image_into_the_library_and_deletes_the_private_copy(
    client,
    clock,
    django_user_model,
    django_capture_on_commit_callbacks,
    settings,
):
    proposal = submit_with_image(client, clock)
    private_file = Path(settings.PRIVATE_MEDIA_ROOT) / proposal.image.name
    with django_capture_on_commit_callbacks(execute=True):
        event = proposals.approve_proposal(proposal, moderator(django_user_model))
    assert not private_file.exists()
    proposal.refresh_from_db()
    assert not proposal.image
    image = event.image
    assert image.alt_text == "Cartell de la festa"
    with default_storage.open(image.file.name, "rb") as handle:
        assert not PILImage.open(io.BytesIO(handle.read())).getexif().get_ifd(GPS)
    # The event is in review: its image is not public yet.
    client.logout()
    assert client.get(image.file.url).status_code == 404
    assert client.get(image.fallback_url()).status_code == 404


def test_rejection_deletes_the_image(
    client, clock, django_user_model, django_capture_on_commit_callbacks, settings
):
    proposal = submit_with_image(client, clock)
    private_file = Path(settings.PRIVATE_MEDIA_ROOT) / proposal.image.name
    with django_capture_on_commit_callbacks(execute=True):
        proposals.reject_proposal(proposal, moderator(django_user_model), "Duplicada.")
    assert not private_file.exists()
    proposal.refresh_from_db()
    assert not proposal.image
    assert all_files(settings.PRIVATE_MEDIA_ROOT) == [] and all_files(settings.MEDIA_ROOT) == []
    client.force_login(moderator(django_user_model, username="altra"))
    assert client.get(f"/admin/agenda/eventproposal/{proposal.pk}/imatge/").status_code == 404


def test_a_failed_decision_keeps_the_image(client, clock, django_user_model, settings):
    proposal = submit_with_image(client, clock)
    private_file = Path(settings.PRIVATE_MEDIA_ROOT) / proposal.image.name
    with pytest.raises(proposals.ProposalError):
        proposals.reject_proposal(proposal, moderator(django_user_model), "  ")
    assert private_file.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_earlier_images_out_of_the_public_folder(settings):
    before = [("agenda", "0012_occurrence_multi_day")]
    # Every app: going back also unapplies the institutional migrations after it.
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    MigrationExecutor(connection).migrate(before)
    try:
        name = default_storage.save(
            "proposals/2025/05/cartell.jpg", SimpleUploadedFile("c.jpg", jpeg_bytes())
        )
        old_apps = MigrationExecutor(connection).loader.project_state(before).apps
        old_apps.get_model("agenda", "EventProposal").objects.create(**old_proposal_fields(), image=name)
    finally:
        MigrationExecutor(connection).migrate(latest)
    proposal = EventProposal.objects.get()
    assert not default_storage.exists(name)
    assert private_storage().exists(proposal.image.name)


def old_proposal_fields() -> dict:
    when = NOW + timedelta(days=10)
    return {
        "proposer_name": "Núria Ferrer",
        "email": "nuria@entitat.example",
        "title": "Festa",
        "summary": "Dinar popular.",
        "category": Category.FESTIVITIES,
        "start": when,
        "end": when + timedelta(hours=2),
        "venue_text": "Plaça",
        "consent_at": NOW,
    }


def test_deleting_proposals_in_the_admin_deletes_their_images(
    client, clock, django_user_model, django_capture_on_commit_callbacks, settings
):
    proposal = submit_with_image(client, clock)
    private_file = Path(settings.PRIVATE_MEDIA_ROOT) / proposal.image.name
    client.force_login(moderator(django_user_model, roles.PUBLISHERS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/agenda/eventproposal/",
            {"action": "delete_selected", "_selected_action": [proposal.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not EventProposal.objects.exists()
    assert not private_file.exists()
