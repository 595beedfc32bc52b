"""Image uploads: metadata stripped, orientation applied, renditions made once,
and every bad file refused with a clear message through the admin."""

import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import ExifTags
from PIL import Image as PILImage

from comunicacio.media import Image
from tests.factories import exif_with_gps_and_orientation, jpeg_bytes, make_image, png_bomb, png_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/comunicacio/image/add/"
GPS_IFD = ExifTags.IFD.GPSInfo


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files] if root.exists() else []


def test_stored_image_has_no_metadata_and_its_orientation_applied():
    original = jpeg_bytes(size=(1200, 800), exif=exif_with_gps_and_orientation(6))
    source = PILImage.open(io.BytesIO(original))
    assert source.getexif().get_ifd(GPS_IFD), "the test image must carry GPS data"

    image = Image.objects.create(
        file=SimpleUploadedFile("plaça.jpg", original, content_type="image/jpeg"),
        alt_text="Plaça de la Vila",
        credit="Foto: Ajuntament",
    )
    with default_storage.open(image.file.name, "rb") as handle:
        stored = PILImage.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert "exif" not in stored.info and "xmp" not in stored.info
    # Orientation 6 means "rotate 90° clockwise to display": the stored pixels
    # are already upright, portrait.
    assert stored.size == (800, 1200)
    assert (image.width, image.height) == (800, 1200)
    # Renditions carry no metadata either.
    for name in [*image.renditions["jpeg"].values(), *image.renditions["webp"].values()]:
        with default_storage.open(name, "rb") as handle:
            rendition = PILImage.open(io.BytesIO(handle.read()))
        assert not rendition.getexif().get_ifd(GPS_IFD)
        assert ExifTags.Base.Make not in rendition.getexif()


def test_renditions_cover_widths_up_to_the_original_in_webp_and_jpeg(settings):
    image = make_image(size=(1200, 675))
    # The full frame in both formats, and the crops per ratio (tests/media_library).
    assert {"webp", "jpeg", "16x9-webp", "16x9-jpeg", "1x1-jpeg", "1.91x1-jpeg"} == set(image.renditions)
    for kind, extension, pil_format in (("webp", ".webp", "WEBP"), ("jpeg", ".jpg", "JPEG")):
        widths = sorted(int(width) for width in image.renditions[kind])
        assert widths == [w for w in settings.IMAGE_RENDITION_WIDTHS if w < 1200] + [1200]
        for width, name in image.renditions[kind].items():
            assert name.endswith(extension) and default_storage.exists(name)
            with default_storage.open(name, "rb") as handle:
                rendition = PILImage.open(handle)
                assert rendition.format == pil_format
                assert rendition.width == int(width) <= image.width


def test_small_image_is_never_upscaled():
    image = make_image(size=(300, 200))
    assert list(image.renditions["jpeg"]) == ["300"]
    assert list(image.renditions["webp"]) == ["300"]


def test_renditions_are_made_once():
    image = make_image(size=(1000, 600))
    renditions = dict(image.renditions)
    names = [*renditions["jpeg"].values(), *renditions["webp"].values()]
    stamps = {name: os.stat(default_storage.path(name)).st_mtime_ns for name in names}

    image.alt_text = "Nou text alternatiu"
    image.save()
    again = Image.objects.get(pk=image.pk)
    again.credit = "Foto: Arxiu"
    again.save()

    assert Image.objects.get(pk=image.pk).renditions == renditions
    assert {name: os.stat(default_storage.path(name)).st_mtime_ns for name in names} == stamps


def test_picture_tag_outputs_srcset_sizes_and_alt():
    image = make_image(size=(1200, 800), alt='Pont "vell" & riu')
    html = Template('{% picture image sizes="50vw" %}').render(Context({"image": image}))
    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert '<source type="image/webp" srcset="' in html
    for kind in ("webp", "jpeg"):
        assert image.srcset(kind) in html
    assert " 480w, " in image.srcset("webp") and image.srcset("webp").endswith(" 1200w")
    assert 'sizes="50vw"' in html
    assert 'alt="Pont &quot;vell&quot; &amp; riu"' in html
    assert 'width="1200" height="800"' in html and 'loading="lazy"' in html
    assert Template("{% picture image %}").render(Context({"image": None})) == ""


def test_png_stays_png_and_transparency_survives():
    out = io.BytesIO()
    PILImage.new("RGBA", (500, 300), (0, 0, 0, 0)).save(out, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("logo.png", out.getvalue()), alt_text="Logotip", credit="Ajuntament"
    )
    assert image.file.name.endswith(".png")
    with default_storage.open(image.renditions["webp"]["480"], "rb") as handle:
        assert PILImage.open(handle).mode == "RGBA"


# --- refusals through the admin ---------------------------------------------------------


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def post_image(admin_client, name, content):
    return admin_client.post(
        ADD_URL,
        {
            "file": SimpleUploadedFile(name, content),
            "title": "Prova",
            "alt_text": "Una imatge",
            "alt_text_es": "",
            "credit": "Foto: Ajuntament",
        },
    )


def test_admin_accepts_a_valid_image(admin_client, settings):
    response = post_image(admin_client, "festa.jpg", jpeg_bytes(exif=exif_with_gps_and_orientation(1)))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by.username == "cap"
    assert image.renditions["jpeg"]


@pytest.mark.parametrize(
    "case, name, message",
    [
        ("truncated", "trencada.jpg", "El fitxer no és una imatge vàlida o està malmès."),
        ("text", "text.jpg", "El fitxer no és una imatge vàlida o està malmès."),
        ("too_big", "enorme.jpg", "La imatge ocupa"),
        ("bomb", "bomba.png", "La imatge és massa gran en píxels (el màxim és 40 megapíxels)."),
        ("bomb_warning", "gran.png", "La imatge és massa gran en píxels (el màxim és 40 megapíxels)."),
        ("pdf", "document.pdf", ""),
    ],
)
def test_admin_refuses_bad_images_with_a_clear_message(admin_client, settings, case, name, message):
    if case == "truncated":
        content = jpeg_bytes(size=(800, 600))[:3000]
    elif case == "text":
        content = "Això no és una foto, és un text.\n".encode() * 50
    elif case == "too_big":
        settings.IMAGE_MAX_BYTES = 20_000
        content = png_bytes(size=(400, 400)) + b"\x00" * 30_000
    elif case == "bomb":
        content = png_bomb(20000, 20000)
        assert len(content) < 200_000
    elif case == "bomb_warning":
        content = png_bomb(7000, 7000)  # 49 Mpx: over the limit, under Pillow's own error threshold
    else:
        content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"

    response = post_image(admin_client, name, content)
    assert response.status_code == 200, "the form must be shown again with the error"
    errors = response.context["adminform"].form.errors["file"]
    assert errors, "no error on the file field"
    assert message in " ".join(errors)
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert Image.objects.count() == 0
    assert stored_files(settings) == []


def test_the_size_message_states_both_sizes(admin_client, settings):
    settings.IMAGE_MAX_BYTES = 20_000
    response = post_image(admin_client, "foto.png", png_bytes() + b"\x00" * 30_000)
    error = response.context["adminform"].form.errors["file"][0]
    assert "el màxim és 19,5\xa0KB" in error
    assert Image.objects.count() == 0


def test_model_save_refuses_a_bomb_too(settings):
    """Code paths other than the admin (demo loader, imports) are guarded as well."""
    from django.core.exceptions import ValidationError

    # Django reads the dimensions as soon as the file is assigned, so Pillow's
    # own guard may fire before ours: refused either way.
    with pytest.raises((ValidationError, PILImage.DecompressionBombError)):
        Image.objects.create(
            file=SimpleUploadedFile("bomba.png", png_bomb(20000, 20000)), alt_text="x", credit="x"
        )
    assert Image.objects.count() == 0
    assert stored_files(settings) == []


def test_a_replaced_file_gets_new_renditions_and_the_old_ones_are_deleted():
    image = make_image(size=(1000, 600))
    old = [*image.renditions["jpeg"].values(), *image.renditions["webp"].values()]
    image.file = SimpleUploadedFile("nova.jpg", jpeg_bytes(size=(900, 500)), content_type="image/jpeg")
    image.save()
    new = [*image.renditions["jpeg"].values(), *image.renditions["webp"].values()]
    assert not set(old) & set(new)
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)
