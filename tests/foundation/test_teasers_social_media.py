from datetime import timedelta

from django.utils import timezone

from comunicacio import media_access, pagecache, registry
from comunicacio.publishing.models import Status


def test_teasers_of_a_declared_type_newest_first(make_notice):
    now = timezone.now()
    make_notice("Antic", publish_at=now - timedelta(days=2))
    make_notice("Nou", publish_at=now - timedelta(hours=1))
    make_notice("Esborrany", status=Status.DRAFT)
    teasers = registry.teasers(["notice"])
    assert [t.title for t in teasers] == ["Nou", "Antic"]
    assert teasers[0].kind == "notice" and teasers[0].url == "/ca/notices/nou/"
    assert [t.title for t in registry.teasers(["notice"], since=now - timedelta(days=1))] == ["Nou"]


def test_staff_only_teasers_are_not_public(make_notice, staff_only):
    make_notice("Circular interna")
    assert registry.teasers(["notice"]) == []
    assert [t.title for t in registry.teasers(["notice"], audience=registry.STAFF)] == ["Circular interna"]


def test_a_type_without_social_kinds_is_never_posted_and_staff_only_never(make_notice):
    import dataclasses

    from social import sources
    from tests.testapp.hooks import SPEC
    from tests.testapp.models import Notice

    assert sources.source_for(Notice) is None
    postable = dataclasses.replace(
        SPEC, social_kinds={"notice.notice": "Avís"}, social_read=lambda item: item
    )
    registry.register_content(postable)
    try:
        assert sources.source_for(Notice).kinds == {"notice.notice": "Avís"}
        assert ("notice.notice", "Avís") in sources.kind_choices()
        registry.register_content(dataclasses.replace(postable, audience=registry.STAFF))
        assert sources.source_for(Notice) is None
        assert ("notice.notice", "Avís") not in sources.kind_choices()
    finally:
        registry.register_content(SPEC)


def _image():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from comunicacio.media import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, "JPEG")
    return Image.objects.create(
        file=SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg"), alt_text="Una foto"
    )


def test_the_declared_image_is_public_exactly_while_its_item_is(make_notice):
    image = _image()
    notice = make_notice(status=Status.DRAFT, image=image)
    assert media_access.claim(image.file.name).public is False
    notice.status = Status.PUBLISHED
    notice.save()
    assert media_access.claim(image.file.name).public is True


def test_a_staff_only_item_never_makes_its_image_public(make_notice, staff_only):
    image = _image()
    make_notice(image=image)
    assert media_access.claim(image.file.name) is None or media_access.claim(image.file.name).public is False


def test_a_declared_type_ends_the_page_cache_generation_at_its_next_publication(make_notice, staff_only):
    later = timezone.now() + timedelta(hours=3)
    make_notice("Programat", publish_at=later)
    # Staff-only: its times end no public generation.
    assert pagecache.next_change() != later


def test_a_public_type_s_publication_time_ends_the_generation(make_notice):
    later = timezone.now() + timedelta(hours=3)
    make_notice("Programat", publish_at=later)
    assert pagecache.next_change() == later
