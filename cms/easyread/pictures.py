"""Simple pictures for Easy Read points in the demo and in tests, drawn with Pillow.

Real sites use photos or a symbol library; these plain shapes stand in for them.
"""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

SIZE = 200
BACKGROUND = "#e8edee"
INK = "#005eb8"
ACCENT = "#ffb81c"


def _calendar(draw):
    draw.rectangle((40, 50, 160, 160), outline=INK, width=8)
    draw.rectangle((40, 50, 160, 80), fill=INK)
    for row in range(2):
        for column in range(3):
            x, y = 58 + column * 34, 96 + row * 30
            draw.rectangle((x, y, x + 18, y + 16), fill=ACCENT if (row, column) == (0, 1) else INK)


def _money(draw):
    draw.ellipse((40, 40, 160, 160), fill=ACCENT, outline=INK, width=8)
    draw.ellipse((72, 72, 128, 128), outline=INK, width=8)


def _people(draw):
    for x in (70, 130):
        draw.ellipse((x - 20, 45, x + 20, 85), fill=INK)
        draw.rounded_rectangle((x - 32, 92, x + 32, 160), radius=20, fill=INK)


def _talk(draw):
    draw.rounded_rectangle((30, 40, 170, 130), radius=24, fill=INK)
    draw.polygon([(60, 128), (60, 165), (95, 128)], fill=INK)
    for x in (65, 100, 135):
        draw.ellipse((x - 9, 76, x + 9, 94), fill="#ffffff")


def _tick(draw):
    draw.ellipse((30, 30, 170, 170), fill="#007f3b")
    draw.line([(62, 102), (90, 130), (140, 72)], fill="#ffffff", width=16)


def _house(draw):
    draw.polygon([(100, 35), (30, 100), (170, 100)], fill=INK)
    draw.rectangle((50, 100, 150, 165), fill=INK)
    draw.rectangle((88, 122, 112, 165), fill=ACCENT)


DRAWINGS = {
    "calendar": _calendar,
    "money": _money,
    "people": _people,
    "talk": _talk,
    "tick": _tick,
    "house": _house,
}


def picture_file(kind: str) -> ImageFile:
    """A PNG of one of ``DRAWINGS`` as a file Wagtail can store."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    DRAWINGS[kind](ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=f"easy-read-{kind}.png")


def easy_read_picture(kind: str):
    """The demo picture ``kind``, created the first time it is asked for."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    title = f"Easy Read picture: {kind}"
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return image_model.objects.create(title=title, file=picture_file(kind))
