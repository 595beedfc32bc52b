"""Demo illustrations drawn with Pillow (no downloads): a gradient sky, a simple
motif and a caption band, saved through the media library so that metadata
stripping and renditions run exactly as for an upload."""

import io
import math
import random
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from comunicacio.media import Image

WIDTH, HEIGHT = 1600, 900
CREDIT = "Foto: Ajuntament de Vilanova del Riu"
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
]


@dataclass(frozen=True)
class Illustration:
    key: str
    caption: str
    alt: str
    alt_es: str
    top: tuple[int, int, int]
    bottom: tuple[int, int, int]
    motif: str


ILLUSTRATIONS = [
    Illustration(
        "casa-vila",
        "Casa de la Vila",
        "Il·lustració de la façana de la Casa de la Vila amb rellotge, sota un cel blau.",
        "Ilustración de la fachada de la Casa de la Vila con reloj, bajo un cielo azul.",
        (70, 130, 200),
        (180, 215, 240),
        "town_hall",
    ),
    Illustration(
        "riu",
        "Passeig del Riu",
        "Il·lustració del riu amb ones i turons verds al fons al capvespre.",
        "Ilustración del río con olas y colinas verdes al fondo al atardecer.",
        (240, 150, 90),
        (250, 215, 160),
        "river",
    ),
    Illustration(
        "biblioteca",
        "Biblioteca Municipal",
        "Il·lustració de llibres de colors en una prestatgeria de la biblioteca.",
        "Ilustración de libros de colores en una estantería de la biblioteca.",
        (120, 90, 160),
        (215, 200, 235),
        "books",
    ),
    Illustration(
        "pavello",
        "Pavelló Municipal",
        "Il·lustració d'una pista esportiva amb una pilota de bàsquet.",
        "Ilustración de una pista deportiva con una pelota de baloncesto.",
        (30, 110, 120),
        (150, 210, 200),
        "sports",
    ),
    Illustration(
        "festa-major",
        "Festa Major",
        "Il·lustració festiva amb focs artificials de colors sobre el cel de nit.",
        "Ilustración festiva con fuegos artificiales de colores sobre el cielo nocturno.",
        (20, 25, 70),
        (80, 50, 120),
        "fireworks",
    ),
    Illustration(
        "obres",
        "Obres a la via pública",
        "Il·lustració de tanques d'obra a franges vermelles i blanques i un con de trànsit.",
        "Ilustración de vallas de obra a franjas rojas y blancas y un cono de tráfico.",
        (245, 190, 60),
        (250, 230, 170),
        "roadworks",
    ),
    Illustration(
        "aigua",
        "Servei d'aigua",
        "Il·lustració de gotes d'aigua blaves sobre un fons turquesa.",
        "Ilustración de gotas de agua azules sobre un fondo turquesa.",
        (40, 150, 190),
        (190, 235, 245),
        "drops",
    ),
    Illustration(
        "escola",
        "Educació",
        "Il·lustració d'un llapis i una pissarra amb figures geomètriques.",
        "Ilustración de un lápiz y una pizarra con figuras geométricas.",
        (60, 140, 90),
        (200, 230, 190),
        "school",
    ),
    Illustration(
        "parc",
        "Parcs i jardins",
        "Il·lustració d'arbres rodons en un parc amb gespa i sol.",
        "Ilustración de árboles redondos en un parque con césped y sol.",
        (110, 190, 230),
        (220, 240, 210),
        "trees",
    ),
    Illustration(
        "mobilitat",
        "Mobilitat sostenible",
        "Il·lustració d'una bicicleta sobre un carril bici de color verd.",
        "Ilustración de una bicicleta sobre un carril bici de color verde.",
        (90, 170, 110),
        (210, 240, 200),
        "bicycle",
    ),
    Illustration(
        "mercat",
        "Mercat setmanal",
        "Il·lustració de parades de mercat amb tendals a ratlles.",
        "Ilustración de puestos de mercado con toldos a rayas.",
        (200, 80, 70),
        (250, 210, 190),
        "market",
    ),
    Illustration(
        "ple",
        "Ple municipal",
        "Il·lustració d'una taula semicircular amb cadires de la sala de plens.",
        "Ilustración de una mesa semicircular con sillas del salón de plenos.",
        (110, 60, 60),
        (230, 200, 180),
        "council",
    ),
    # Used only by the embargoed press note: the crawl test checks that it
    # stays unreachable until the embargo lifts.
    Illustration(
        "capitalitat",
        "Capital de la Cultura Catalana 2028",
        "Il·lustració de llibres i focs artificials que anuncien la capitalitat cultural del 2028.",
        "Ilustración de libros y fuegos artificiales que anuncian la capitalidad cultural de 2028.",
        (150, 30, 60),
        (240, 190, 120),
        "fireworks",
    ),
]


def _font(size: int):
    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _gradient(top, bottom) -> PILImage.Image:
    column = PILImage.new("RGB", (1, HEIGHT))
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize((WIDTH, HEIGHT))


def _hills(draw, colour, base, amplitude, phase):
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + 40, 40):
        points.append((x, base - amplitude * math.sin(x / 260 + phase)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def _draw_motif(draw: ImageDraw.ImageDraw, motif: str, rng: random.Random) -> None:
    if motif == "town_hall":
        _hills(draw, (95, 150, 90), 720, 25, 0.3)
        draw.rectangle((560, 300, 1040, 720), fill=(235, 220, 195))
        draw.polygon([(520, 300), (800, 150), (1080, 300)], fill=(170, 80, 60))
        draw.ellipse((740, 190, 860, 310), fill=(250, 250, 245), outline=(60, 60, 60), width=6)
        draw.line((800, 250, 800, 210), fill=(60, 60, 60), width=6)
        draw.line((800, 250, 830, 250), fill=(60, 60, 60), width=6)
        for x in (610, 730, 850, 950):
            draw.rectangle((x, 360, x + 50, 450), fill=(90, 120, 160))
        draw.rectangle((750, 560, 850, 720), fill=(120, 75, 50))
    elif motif == "river":
        draw.ellipse((1150, 120, 1350, 320), fill=(255, 235, 170))
        _hills(draw, (110, 150, 90), 520, 60, 1.0)
        _hills(draw, (80, 125, 75), 590, 40, 2.2)
        for row in range(6):
            y = 640 + row * 40
            _hills(draw, (50 + row * 8, 120 + row * 10, 180 + row * 8), y, 12, row)
    elif motif == "books":
        draw.rectangle((200, 640, 1400, 670), fill=(110, 70, 40))
        x = 230
        while x < 1360:
            width = rng.randint(40, 90)
            height = rng.randint(220, 380)
            colour = rng.choice(
                [(200, 70, 60), (60, 110, 170), (230, 180, 60), (70, 150, 100), (150, 80, 150)]
            )
            draw.rectangle((x, 640 - height, x + width, 640), fill=colour)
            draw.rectangle((x + 8, 640 - height + 30, x + width - 8, 640 - height + 45), fill=(250, 245, 230))
            x += width + 6
    elif motif == "sports":
        draw.rectangle((100, 450, 1500, 800), fill=(200, 140, 80))
        draw.rectangle((140, 480, 1460, 770), outline=(255, 255, 255), width=6)
        draw.line((800, 480, 800, 770), fill=(255, 255, 255), width=6)
        draw.ellipse((720, 545, 880, 705), outline=(255, 255, 255), width=6)
        draw.ellipse((1050, 180, 1290, 420), fill=(230, 120, 40), outline=(60, 30, 10), width=6)
        draw.line((1170, 180, 1170, 420), fill=(60, 30, 10), width=5)
        draw.line((1050, 300, 1290, 300), fill=(60, 30, 10), width=5)
    elif motif == "fireworks":
        for _ in range(7):
            cx, cy = rng.randint(150, 1450), rng.randint(120, 500)
            colour = rng.choice([(255, 200, 80), (255, 110, 140), (120, 220, 255), (180, 255, 140)])
            for ray in range(24):
                angle = ray * math.tau / 24
                length = rng.randint(70, 140)
                draw.line(
                    (cx, cy, cx + length * math.cos(angle), cy + length * math.sin(angle)),
                    fill=colour,
                    width=4,
                )
        _hills(draw, (30, 30, 50), 700, 20, 0.5)
    elif motif == "roadworks":
        draw.rectangle((0, 640, WIDTH, HEIGHT), fill=(90, 90, 95))
        for start in (200, 900):
            for stripe in range(8):
                colour = (220, 40, 40) if stripe % 2 == 0 else (250, 250, 250)
                draw.rectangle((start + stripe * 60, 480, start + stripe * 60 + 60, 560), fill=colour)
            draw.rectangle((start + 20, 560, start + 40, 680), fill=(60, 60, 60))
            draw.rectangle((start + 440, 560, start + 460, 680), fill=(60, 60, 60))
        draw.polygon([(760, 420), (700, 700), (820, 700)], fill=(240, 110, 30))
        draw.rectangle((730, 560, 790, 600), fill=(250, 250, 250))
    elif motif == "drops":
        for _ in range(14):
            cx, cy, r = rng.randint(100, 1500), rng.randint(120, 700), rng.randint(30, 80)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(30, 100, 170))
            draw.polygon(
                [(cx - r * 0.85, cy - r * 0.5), (cx, cy - r * 2.4), (cx + r * 0.85, cy - r * 0.5)],
                fill=(30, 100, 170),
            )
            draw.ellipse((cx - r * 0.45, cy - r * 0.4, cx - r * 0.1, cy), fill=(160, 210, 240))
    elif motif == "school":
        draw.rectangle((260, 180, 1140, 680), fill=(40, 70, 55), outline=(140, 95, 60), width=24)
        draw.ellipse((360, 280, 560, 480), outline=(240, 240, 230), width=8)
        draw.rectangle((640, 300, 820, 480), outline=(240, 240, 230), width=8)
        draw.polygon([(900, 480), (980, 300), (1060, 480)], outline=(240, 240, 230), width=8)
        draw.polygon([(1220, 700), (1380, 220), (1440, 240), (1280, 720)], fill=(250, 200, 60))
        draw.polygon([(1220, 700), (1280, 720), (1230, 770)], fill=(230, 190, 150))
    elif motif == "trees":
        draw.ellipse((1200, 100, 1380, 280), fill=(255, 225, 120))
        _hills(draw, (120, 180, 90), 640, 30, 0.8)
        for x in (260, 560, 900, 1250):
            draw.rectangle((x - 18, 460, x + 18, 660), fill=(110, 75, 45))
            draw.ellipse((x - 120, 260, x + 120, 500), fill=(rng.randint(40, 80), rng.randint(120, 160), 70))
    elif motif == "bicycle":
        draw.rectangle((0, 700, WIDTH, 800), fill=(60, 150, 80))
        for cx in (560, 1040):
            draw.ellipse((cx - 150, 450, cx + 150, 750), outline=(40, 40, 40), width=18)
        draw.line((560, 600, 760, 600, 920, 420, 700, 420, 560, 600), fill=(200, 50, 50), width=16)
        draw.line((760, 600, 680, 380), fill=(200, 50, 50), width=16)
        draw.line((920, 420, 1040, 600), fill=(200, 50, 50), width=16)
        draw.line((900, 360, 960, 360), fill=(40, 40, 40), width=14)
        draw.line((640, 370, 720, 370), fill=(40, 40, 40), width=18)
    elif motif == "market":
        for index, x in enumerate(range(120, 1480, 460)):
            colour = [(200, 60, 60), (60, 120, 190), (60, 150, 90)][index % 3]
            for stripe in range(6):
                fill = colour if stripe % 2 == 0 else (250, 245, 235)
                draw.rectangle((x + stripe * 60, 300, x + stripe * 60 + 60, 380), fill=fill)
            draw.rectangle((x + 20, 380, x + 340, 680), fill=(170, 120, 80))
            for fruit in range(6):
                draw.ellipse(
                    (x + 40 + fruit * 48, 560, x + 80 + fruit * 48, 600),
                    fill=rng.choice([(230, 140, 40), (220, 50, 50), (120, 180, 60)]),
                )
    elif motif == "council":
        draw.rectangle((0, 620, WIDTH, HEIGHT), fill=(150, 100, 70))
        draw.pieslice((300, 300, 1300, 1000), 180, 360, fill=(120, 70, 45))
        draw.pieslice((420, 420, 1180, 880), 180, 360, fill=(150, 100, 70))
        for index in range(9):
            angle = math.pi + (index + 0.5) * math.pi / 9
            cx, cy = 800 + 440 * math.cos(angle), 650 + 300 * math.sin(angle)
            draw.rounded_rectangle((cx - 28, cy - 50, cx + 28, cy + 10), radius=10, fill=(60, 40, 40))


def render(illustration: Illustration) -> bytes:
    canvas = _gradient(illustration.top, illustration.bottom)
    draw = ImageDraw.Draw(canvas)
    _draw_motif(draw, illustration.motif, random.Random(illustration.key))
    # A caption band keeps the text legible whatever lies below it.
    draw.rectangle((0, HEIGHT - 120, WIDTH, HEIGHT), fill=(20, 35, 60))
    draw.text((60, HEIGHT - 60), illustration.caption, font=_font(56), fill=(255, 255, 255), anchor="lm")
    draw.text(
        (WIDTH - 60, HEIGHT - 60), "Vilanova del Riu", font=_font(30), fill=(190, 205, 225), anchor="rm"
    )
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=85)
    return out.getvalue()


def load(uploader) -> dict[str, Image]:
    """Return {key: Image}; the image title is the stable demo identifier."""
    titles = {item.caption: item for item in ILLUSTRATIONS}
    found = {image.title: image for image in Image.objects.filter(title__in=titles)}
    result = {}
    for title, illustration in titles.items():
        image = found.get(title)
        if image is None:
            image = Image(
                title=title,
                alt_text=illustration.alt,
                alt_text_es=illustration.alt_es,
                credit=CREDIT,
                uploaded_by=uploader,
            )
            image.file = SimpleUploadedFile(
                f"{illustration.key}.jpg", render(illustration), content_type="image/jpeg"
            )
            image.save()
        result[illustration.key] = image
    return result
