"""Attachment uploads: type by extension and content, and size; image
attachments verified and cleaned like library images; stored names."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.forms import modelform_factory
from PIL import ExifTags
from PIL import Image as PILImage

from comunicacio.media import Image
from news.models import Attachment
from tests.factories import exif_with_gps_and_orientation, jpeg_bytes, make_live_news, png_bomb, png_bytes

pytestmark = pytest.mark.django_db

AttachmentForm = modelform_factory(Attachment, fields=["news", "title", "file"])
ImageForm = modelform_factory(Image, fields=["file", "alt_text", "credit"])

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BROKEN_IMAGE = "El fitxer no és una imatge vàlida o està malmès."
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def news(unit):
    return make_live_news(unit)


def submit(news, name, content):
    return AttachmentForm(
        data={"news": news.pk, "title": "Bases"}, files={"file": SimpleUploadedFile(name, content)}
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("bases.pdf", PDF),
        ("pressupost.ods", b"PK\x03\x04" + b"\x00" * 100),
        ("dades.csv", b"any;import\n2026;1.000\n"),
        ("plànol.PNG", png_bytes(size=(60, 40))),
    ],
)
def test_accepted_documents(news, settings, name, content):
    form = submit(news, name, content)
    assert form.is_valid(), form.errors
    attachment = form.save()
    assert attachment.file.name.startswith("attachments/")
    assert (settings.MEDIA_ROOT / attachment.file.name).exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("programa.exe", EXE, "Tipus de fitxer no admès (exe)."),
        ("script.sh", b"#!/bin/sh\nrm -rf /\n", "Tipus de fitxer no admès (sh)."),
        ("sense-extensio", PDF, "Tipus de fitxer no admès (?)."),
        ("factura.pdf", EXE, "El contingut del fitxer no correspon a un PDF."),
        ("full.xlsx", PDF, "El contingut del fitxer no correspon a un XLSX."),
        ("foto.jpg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "El contingut del fitxer no correspon a un JPG."),
        ("plànol.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, BROKEN_IMAGE),
        ("llista.csv", b"nom\x00\x01\x02binari", "El fitxer no és un text vàlid."),
    ],
)
def test_refused_documents_say_why(news, settings, name, content, message):
    form = submit(news, name, content)
    assert not form.is_valid()
    assert message in " ".join(form.errors["file"])
    assert Attachment.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "attachments").exists()


def test_oversized_document_is_refused_with_both_sizes(news, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    form = submit(news, "informe.pdf", b"%PDF-" + b"0" * (5 * 1024 - 5))
    assert not form.is_valid()
    error = " ".join(form.errors["file"])
    assert "El fitxer ocupa 5,0\xa0KB; el màxim és 1,0\xa0KB." in error
    assert Attachment.objects.count() == 0


def test_allowed_types_are_listed_in_the_message(news):
    form = submit(news, "virus.exe", EXE)
    message = form.errors["file"][0]
    assert "Formats admesos:" in message and "pdf" in message and "odt" in message


class GuardedFile(io.BytesIO):
    """Upload content that fails the test if more than ``allowed`` bytes of it are read."""

    def __init__(self, content: bytes, allowed: int):
        super().__init__(content)
        self.allowed = allowed
        self.consumed = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.consumed += len(chunk)
        assert self.consumed <= self.allowed, f"read {self.consumed} bytes, only {self.allowed} allowed"
        return chunk


def guarded_upload(name, content, allowed) -> UploadedFile:
    return UploadedFile(GuardedFile(content, allowed), name=name, size=len(content))


def test_an_oversized_upload_is_refused_without_reading_it(news, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    upload = guarded_upload("informe.pdf", b"%PDF-" + b"0" * 50_000, allowed=0)
    form = AttachmentForm(data={"news": news.pk, "title": "Bases"}, files={"file": upload})
    assert not form.is_valid()
    assert "El fitxer ocupa" in " ".join(form.errors["file"])
    assert upload.file.consumed == 0
    assert Attachment.objects.count() == 0


def test_an_oversized_library_image_is_refused_without_reading_it(settings):
    settings.IMAGE_MAX_BYTES = 1024
    upload = guarded_upload("foto.jpg", jpeg_bytes(size=(800, 600)), allowed=0)
    form = ImageForm(data={"alt_text": "x", "credit": "x"}, files={"file": upload})
    assert not form.is_valid()
    assert "La imatge ocupa" in " ".join(form.errors["file"])
    assert upload.file.consumed == 0
    assert Image.objects.count() == 0


def test_a_document_with_the_wrong_content_is_refused_after_reading_only_its_head(news):
    upload = guarded_upload("factura.pdf", EXE + b"\x00" * 100_000, allowed=2048)
    form = AttachmentForm(data={"news": news.pk, "title": "Bases"}, files={"file": upload})
    assert not form.is_valid()
    assert "no correspon a un PDF" in " ".join(form.errors["file"])
    assert 0 < upload.file.consumed <= 2048


def test_a_stored_attachment_validates_again_without_reading_it(news):
    attachment = submit(news, "bases.pdf", PDF).save()
    # Remove the stored bytes: validating must not need them (it would fail
    # with FileNotFoundError if it opened the file).
    os.remove(default_storage.path(attachment.file.name))
    attachment = Attachment.objects.get(pk=attachment.pk)
    attachment.title = "Bases definitives"
    attachment.full_clean()
    attachment.save()
    assert Attachment.objects.get(pk=attachment.pk).title == "Bases definitives"


# --- image attachments: the media library's verification and cleaning ----------------------


def test_an_image_attachment_is_stored_without_gps_metadata(news):
    original = jpeg_bytes(size=(1200, 800), exif=exif_with_gps_and_orientation(6))
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    form = submit(news, "plànol-obres.jpg", original)
    assert form.is_valid(), form.errors
    attachment = form.save()
    with default_storage.open(attachment.file.name, "rb") as handle:
        stored = PILImage.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert "exif" not in stored.info and "xmp" not in stored.info
    assert stored.size == (800, 1200)  # orientation applied, as for library images
    assert attachment.file.name.endswith(".jpg")


def test_an_image_attachment_saved_outside_a_form_is_cleaned_too(news):
    original = jpeg_bytes(exif=exif_with_gps_and_orientation(1))
    attachment = Attachment(news=news, title="Foto", file=SimpleUploadedFile("foto.jpg", original))
    attachment.save()
    with default_storage.open(attachment.file.name, "rb") as handle:
        assert not PILImage.open(io.BytesIO(handle.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("trencada.jpg", jpeg_bytes(size=(800, 600))[:3000], BROKEN_IMAGE),
        ("bomba.png", png_bomb(20000, 20000), "La imatge és massa gran en píxels"),
        ("gran.png", png_bomb(7000, 7000), "La imatge és massa gran en píxels"),
    ],
)
def test_broken_or_bomb_image_attachments_are_refused(news, settings, name, content, message):
    assert len(content) < 200_000  # tiny files: only decoding finds the problem
    form = submit(news, name, content)
    assert not form.is_valid()
    assert message in " ".join(form.errors["file"])
    assert Attachment.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "attachments").exists()


def test_a_broken_image_attachment_is_refused_outside_a_form_too(news, settings):
    attachment = Attachment(news=news, title="Foto", file=SimpleUploadedFile("foto.jpg", jpeg_bytes()[:3000]))
    with pytest.raises(ValidationError):
        attachment.save()
    assert Attachment.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "attachments").exists()


# --- stored names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["???.pdf", "«»·.pdf", "🎉🎉.pdf", ".pdf", "....pdf"])
def test_a_name_that_sanitises_to_nothing_is_not_a_dotfile(news, name):
    form = submit(news, name, PDF)
    assert form.is_valid(), form.errors
    attachment = form.save()
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert not stored.startswith("."), stored
    assert stored == "fitxer.pdf"
    assert default_storage.exists(attachment.file.name)


def test_a_library_image_named_with_symbols_only_gets_a_real_name():
    image = Image.objects.create(
        file=SimpleUploadedFile("🎉.jpg", jpeg_bytes()), alt_text="Festa", credit="Foto: Ajuntament"
    )
    assert image.file.name.rsplit("/", 1)[-1] == "imatge.jpg"


def test_names_keep_their_words_without_accents_or_spaces(news):
    attachment = submit(news, "Plànol de l'obra 2026.PDF", PDF).save()
    assert attachment.file.name.rsplit("/", 1)[-1] == "planol-de-lobra-2026.pdf"
