"""Images for uploads and the media library: plain pictures, pictures with
camera metadata, a decompression bomb and a believable landscape."""

import functools
import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageDraw
from PIL import Image as PILImage

from comunicacio.media import Image


def jpeg_bytes(size=(1200, 800), color=(200, 30, 30), exif=None, **save_options) -> bytes:
    out = io.BytesIO()
    image = PILImage.new("RGB", size, color)
    if exif is not None:
        save_options["exif"] = exif
    image.save(out, "JPEG", quality=85, **save_options)
    return out.getvalue()


def two_colour_jpeg(size=(1600, 900), split=0.25, left=(220, 20, 20), right=(20, 20, 220)) -> bytes:
    """A picture whose left ``split`` fraction is one colour and the rest
    another: where a crop was cut shows in its pixels."""
    image = PILImage.new("RGB", size, right)
    ImageDraw.Draw(image).rectangle([0, 0, round(size[0] * split) - 1, size[1]], fill=left)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def png_bytes(size=(600, 400), color=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_upload(name="foto.jpg", **options) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**options), content_type="image/jpeg")


def make_image(name="foto.jpg", alt="Façana de l'Ajuntament", **options) -> Image:
    return Image.objects.create(
        file=jpeg_upload(name, **options), alt_text=alt, credit="Foto: Ajuntament", title=alt
    )


def exif_with_gps_and_orientation(orientation=6) -> bytes:
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Càmera de la brigada"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (41.0, 23.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (2.0, 9.0, 30.0),
    }
    return exif.tobytes()


@functools.cache
def png_bomb(width=20000, height=20000) -> bytes:
    """A valid 1-bit PNG declaring width×height pixels, a few kB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


# Sky and hill colours per picture, so that cards do not all look alike.
PALETTES = [
    ((126, 182, 224), (64, 128, 72)),
    ((244, 190, 140), (120, 110, 60)),
    ((170, 200, 230), (90, 140, 90)),
    ((210, 225, 240), (70, 100, 130)),
]


def landscape_jpeg(number: int = 0, size: tuple[int, int] = (1000, 625)) -> bytes:
    """A town by a river, drawn with Pillow: a believable photo stand-in."""
    width, height = size
    sky, hills = PALETTES[number % len(PALETTES)]
    image = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = tuple(min(255, c + y * 60 // height) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    draw.ellipse([width * 0.72, height * 0.08, width * 0.84, height * 0.27], fill=(255, 236, 170))
    draw.polygon(
        [(0, height * 0.55), (width * 0.3, height * 0.35), (width * 0.6, height * 0.5)]
        + [(width, height * 0.38), (width, height), (0, height)],
        fill=hills,
    )
    for index in range(7):
        left = width * (0.12 + index * 0.09)
        top = height * (0.42 + (index % 3) * 0.03)
        draw.rectangle([left, top, left + width * 0.07, height * 0.66], fill=(236, 226, 208))
        draw.polygon(
            [(left - 8, top), (left + width * 0.035, top - height * 0.06), (left + width * 0.07 + 8, top)],
            fill=(166, 72, 50),
        )
    draw.rectangle([0, height * 0.7, width, height], fill=(40, 110, 150))
    for row in range(6):
        y = height * (0.74 + row * 0.04)
        draw.line([(0, y), (width, y + 6)], fill=(120, 180, 210), width=4)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_picture(number: int, alt: str, credit: str = "Foto: Ajuntament de Vilanova del Riu") -> Image:
    upload = SimpleUploadedFile(f"foto-{number}.jpg", landscape_jpeg(number), content_type="image/jpeg")
    return Image.objects.create(file=upload, alt_text=alt, credit=credit, title=alt)
