"""Share cards (分享卡片): a small image and a one-line summary per board, for links pasted into WeChat.

Why drawn at build time: a messenger shows the ``og:image`` of a link as its card, and a
card that names the board and its counts ("三星党支部 11 个") tells a villager what the link
is before opening it. The font travels with this package (``fonts/``, OFL), so every machine
that builds the site draws the same card; characters it lacks are left out, never drawn as boxes.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL

from noticeboard.registries.disk_cache import DiskCache, parts_digest
from noticeboard.registries.frozen import frozen

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

FONT = Path(__file__).parent / "fonts" / "NotoSansSC-Bold-GB2312.otf"
SIZE = (600, 315)
"""Width and height: the 1.91:1 of link cards, small enough to stay a few kilobytes."""
RED = (183, 28, 28)


@frozen
class Card:
    """What a shared link shows: title, summary lines and who publishes it."""

    title: str
    lines: tuple[str, ...]
    organisation: str
    year: int

    @property
    def description(self) -> str:
        return "；".join(self.lines)


@cache
def _charset() -> frozenset[str]:
    return frozenset(FONT.with_suffix(".chars.txt").read_text(encoding="utf-8").strip())


def drawable(text: str) -> str:
    """``text`` without the characters the card font lacks (a rare character in a name, an emoji)."""
    known = _charset()
    return "".join(ch for ch in text if ch in known or ch.isspace())


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # (imported when first drawn: Pillow takes 40 ms of a build's start)

    return ImageFont.truetype(str(FONT), size)


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, width: int) -> tuple[str, ImageFont.FreeTypeFont]:
    """The largest font up to ``size`` at which ``text`` fits ``width``; cut with … below 60% of it."""
    text = drawable(text)
    for step in range(size, int(size * 0.6) - 1, -2):
        font = _font(step)
        if draw.textlength(text, font=font) <= width:
            return text, font
    font = _font(int(size * 0.6))
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…", font


def _wrapped(pen: ImageDraw.ImageDraw, lines: tuple[str, ...], width: int) -> list[str]:
    """Lines too long for the card at its body size, broken at the ，nearest their middle."""
    out: list[str] = []
    for line in lines:
        text = drawable(line)
        if pen.textlength(text, font=_font(26)) <= width or "，" not in text:
            out.append(line)
            continue
        middle = len(text) // 2
        cut = min((i for i, ch in enumerate(text) if ch == "，"), key=lambda i: abs(i - middle))
        out += [text[: cut + 1], text[cut + 1 :]]
    return out


def draw(card: Card) -> bytes:
    """The card as a JPEG: a few kilobytes, made in a few milliseconds (a county has thousands)."""
    from PIL import Image, ImageDraw  # (imported when first drawn: Pillow takes 40 ms of a build's start)

    image = Image.new("RGB", SIZE, "white")
    pen = ImageDraw.Draw(image)
    width = SIZE[0] - 64
    pen.rectangle((0, 0, SIZE[0], 64), fill=RED)
    text, font = _fit(pen, card.organisation + "　公示栏", 30, width)
    pen.text((32, 14), text, font=font, fill="white")
    text, font = _fit(pen, card.title, 44, width)
    pen.text((32, 84), text, font=font, fill="black")
    y = 152
    for line in _wrapped(pen, card.lines, width)[:4]:
        text, font = _fit(pen, line, 26, width)
        pen.text((32, y), text, font=font, fill=(40, 40, 40))
        y += 36
    pen.rectangle((0, SIZE[1] - 10, SIZE[0], SIZE[1]), fill=RED)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=75)  # about 30 kB, and ten times faster to make than a small PNG
    return out.getvalue()


@cache
def _drawing() -> bytes:
    """What a card's pixels depend on beyond its words: this drawing code, the font, Pillow, the size."""
    return parts_digest(
        Path(__file__).read_bytes(), FONT.read_bytes(), PIL.__version__.encode(), repr(SIZE).encode()
    )


def card_digest(card: Card) -> bytes:
    """The hash of everything the card's image is made from: it names the image's file, so a page can
    link the image before it is drawn (a cold build draws them in its second process)."""
    words = repr((card.title, card.lines, card.organisation, card.year)).encode("utf-8")
    return hashlib.sha256(_drawing() + words).digest()


def card_path(card: Card) -> str:
    """The card's image in the site: ``assets/share/<hash>.jpg``."""
    return f"assets/share/{card_digest(card).hex()[:16]}.jpg"


class Cards:
    """Card images, kept on disk between builds by what they are made from (a county has thousands)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.store = DiskCache(folder, b"card 3\n", ".jpg") if folder is not None else None

    def image(self, card: Card) -> bytes:
        key = card_digest(card)
        stored = self.store.get(key) if self.store else None
        if stored is not None:
            return stored
        data = draw(card)
        if self.store:
            self.store.put(key, data)
        return data
