"""Posters and the example emblem for the demo content, drawn with Pillow so nothing is downloaded."""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images.models import Image

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

SIZE = (1600, 900)


def _poster_bytes(eyebrow, headline, background, accent):
    canvas = PILImage.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(canvas)
    for step in range(0, SIZE[0], 80):  # a quiet diagonal pattern
        draw.line([(step, SIZE[1]), (step + 400, 0)], fill=accent, width=3)
    draw.rectangle([(80, 80), (SIZE[0] - 80, SIZE[1] - 80)], fill=background)
    small, large = ImageFont.load_default(size=48), ImageFont.load_default(size=84)
    draw.text((140, 150), eyebrow, font=small, fill=accent)
    y = 260
    for line in _wrap(headline, 26):
        draw.text((140, y), line, font=large, fill="white")
        y += 104
    draw.text((140, SIZE[1] - 190), "BPSDM Provinsi Sulawesi Selatan", font=small, fill="white")
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=85)
    return buffer


def _wrap(text, width):
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def poster(title, description, eyebrow, headline, background="#0b4f6c", accent="#f59e0b"):
    """The poster image with this title, made once; later calls return the same image."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    filename = f"{title.lower().replace(' ', '-')}.jpg"
    image = Image(title=title, description=description)
    image.file = ImageFile(_poster_bytes(eyebrow, headline, background, accent), name=filename)
    image.save()
    return image


def example_emblem():
    """A round example emblem on a transparent background, marked CONTOH (never an agency's real
    emblem); made once, later calls return the same image."""
    title = "Contoh lambang instansi"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([(8, 8), (392, 392)], fill="#0b4f6c")
    draw.ellipse([(36, 36), (364, 364)], outline="#f59e0b", width=10)
    font = ImageFont.load_default(size=64)
    draw.text((200, 200), "CONTOH", font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    image = Image(title=title, description="Lambang contoh untuk sertifikat demo")
    image.file = ImageFile(buffer, name="contoh-lambang.png")
    image.save()
    return image


# (background, figure) pairs: quiet, and different enough to tell people apart in a list.
PORTRAIT_TONES = [
    ("#dbe7ee", "#5b7c8d"),
    ("#e9e2d6", "#8a7358"),
    ("#e0e8dc", "#627a5a"),
    ("#e6dfe9", "#7a6487"),
]


def portrait(name, tone=0):
    """A neutral illustrated portrait for the speaker ``name`` (head and shoulders in one quiet
    colour, no face, never a photo of anyone): made once, later calls return the same image."""
    title = f"Potret ilustrasi {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    background, figure = PORTRAIT_TONES[tone % len(PORTRAIT_TONES)]
    size = 480
    canvas = PILImage.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([(150, 90), (330, 290)], fill=figure)  # head
    draw.ellipse([(60, 300), (420, 660)], fill=figure)  # shoulders, cut by the frame
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    image = Image(title=title, description=f"Ilustrasi potret {name}")
    image.file = ImageFile(buffer, name=f"potret-{slugify(name)[:60]}.png")
    image.save()
    return image
