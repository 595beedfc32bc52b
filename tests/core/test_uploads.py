"""Attachment uploads: type by extension and content, and size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory

from news.models import Attachment
from tests.news.builders import make_news

pytestmark = pytest.mark.django_db

AttachmentForm = modelform_factory(Attachment, fields=["news", "title", "file"])

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def news(unit):
    return make_news(unit)


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
        ("plànol.PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
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


def test_a_stored_attachment_validates_again_without_reading_it(news):
    form = submit(news, "bases.pdf", PDF)
    attachment = form.save()
    attachment.title = "Bases definitives"
    attachment.full_clean()  # an edit of the title must not fail on the stored file
