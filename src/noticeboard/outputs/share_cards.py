"""Share cards (分享卡片): a small image and a one-line summary per board, for links pasted into WeChat.

Why drawn at build time: a messenger shows the ``og:image`` of a link as its card, and a
card that names the board and its counts ("三星党支部 11 个") tells a villager what the link
is before opening it. The font travels with this package (``fonts/``, OFL), so every machine
that builds the site draws the same card; characters it lacks are left out, never drawn as boxes.
"""

from __future__ import annotations

import hashlib
import io
import math
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL

from noticeboard.registries.disk_cache import parts_digest
from noticeboard.registries.frozen import frozen

if TYPE_CHECKING:
    from PIL import Image, ImageFont

FONT = Path(__file__).parent / "fonts" / "NotoSansSC-Bold-GB2312.otf"
SIZE = (600, 315)
"""Width and height: the 1.91:1 of link cards, small enough to stay a few kilobytes."""
WIDTH = SIZE[0] - 64
"""The width the words may take (a margin of 32 pixels each side)."""
RED = (183, 28, 28)


@frozen
class Card:
    """What a shared link shows: title, summary lines and who publishes it."""

    title: str
    lines: tuple[str, ...]
    organisation: str
    year: int
    masthead: str = "公示栏"
    """What the band names after the organisation: a township's 公示栏, a county's 党务公开汇总."""

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
    """The card font at ``size``, laid out by Pillow's basic layout.

    Why basic: it puts each glyph at a whole pixel, a glyph's own width after the one before (this font
    has no kerning table), so a line's ink is its glyphs' ink side by side and each glyph is drawn once
    (:func:`_placed`). Raqm, Pillow's other layout, shapes text at fractional positions, which the
    Chinese of this font does not need; and a card no longer depends on whether a machine's Pillow has
    it."""
    from PIL import ImageFont  # (imported when first drawn: Pillow takes 40 ms of a build's start)

    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)


@frozen
class _Glyph:
    """One character at one size: its ink (None: a space), where the ink's corner is from the pen, and how
    far it moves the pen."""

    ink: Image.Image | None
    corner: tuple[int, int]
    advance: int


@lru_cache(maxsize=8192)  # (a glyph's ink is at most 2 kB: 16 MB at most; a county's cards use fewer)
def _glyph(char: str, size: int) -> _Glyph:
    """``char`` at font size ``size``, drawn and measured once: the same few thousand characters come back on
    every card."""
    advance = _font(size).getlength(char)
    assert advance.is_integer(), "the basic layout moves the pen by whole pixels"
    inked = _ink(char, size)
    return _Glyph(None, (0, 0), int(advance)) if inked is None else _Glyph(*inked, int(advance))


def _length(text: str, size: int) -> int:
    """``_font(size).getlength(text)``, from the glyphs' widths (a card measures a line at several sizes)."""
    return sum(_glyph(char, size).advance for char in text)


@lru_cache(maxsize=1024)
def _fit(text: str, size: int, width: int) -> tuple[str, int]:
    """The largest font size up to ``size`` at which ``text`` fits ``width``; cut with … below 60% of it.
    Remembered: the same line comes back on many cards (who publishes, the notice period)."""
    text = drawable(text)
    for step in range(size, int(size * 0.6) - 1, -2):
        if _length(text, step) <= width:
            return text, step
    step = int(size * 0.6)
    while text and _length(text + "…", step) > width:
        text = text[:-1]
    return text + "…", step


@lru_cache(maxsize=1024)
def _wrapped(line: str, width: int) -> tuple[str, ...]:
    """A line too long for the card at its body size, broken at the ，nearest its middle."""
    text = drawable(line)
    if _length(text, 26) <= width or "，" not in text:
        return (line,)
    middle = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == "，"), key=lambda i: abs(i - middle))
    return text[: cut + 1], text[cut + 1 :]


@lru_cache(maxsize=256)  # (a line's mask is up to 20 kB: 5 MB at most)
def _placed(text: str, size: int) -> tuple[Image.Image, tuple[int, int]] | None:
    """Where ``text`` inks at font size ``size`` (a mask), and its corner's offset from the pen's position,
    as Pillow draws it; None for no ink. The mask is the glyphs' ink side by side, or, where two glyphs'
    boxes overlap (their ink would blend), the line drawn whole by Pillow.

    Why glyph by glyph: drawing and measuring glyphs was most of a card's time (a county draws 4,000
    cards, each title different), and the same few thousand characters come back on every card.
    Remembered: the same line comes back on many cards."""
    glyphs: list[tuple[Image.Image, int, int]] = []
    pen = 0
    for char in text:
        glyph = _glyph(char, size)
        if glyph.ink is not None:
            x = pen + glyph.corner[0]
            if glyphs and x < glyphs[-1][1] + glyphs[-1][0].width:
                return _ink(text, size)
            glyphs.append((glyph.ink, x, glyph.corner[1]))
        pen += glyph.advance
    if not glyphs:
        return None
    from PIL import Image

    left, top = glyphs[0][1], min(y for _, _, y in glyphs)
    right = max(x + ink.width for ink, x, _ in glyphs)
    bottom = max(y + ink.height for ink, _, y in glyphs)
    mask = Image.new("L", (right - left, bottom - top), 0)
    for ink, x, y in glyphs:
        mask.paste(ink, (x - left, y - top))
    return mask, (left, top)


def _ink(text: str, size: int) -> tuple[Image.Image, tuple[int, int]] | None:
    """Where ``text`` inks at font size ``size`` (a mask) as Pillow draws it, and its corner's offset from
    the pen's position; None for no ink."""
    from PIL import Image, ImageDraw

    font = _font(size)
    box = font.getbbox(text)  # (whole pixels at a whole pen position, as here)
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    if right <= left or bottom <= top:
        return None
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255)
    return mask, (left, top)


def _write(
    image: Image.Image, at: tuple[int, int], text: str, size: int, colour: str | tuple[int, ...]
) -> None:
    """``text`` at font size ``size`` with its pen at ``at``, as Pillow's ``ImageDraw.text`` draws it."""
    placed = _placed(text, size)
    if placed is not None:
        mask, (left, top) = placed
        image.paste(colour, (at[0] + left, at[1] + top), mask)


@cache
def _blank(organisation: str, masthead: str) -> Image.Image:
    """A card with its bands and who publishes it, the same on each of a site's cards: copied for each."""
    from PIL import Image, ImageDraw  # (imported when first drawn: Pillow takes 40 ms of a build's start)

    image = Image.new("RGB", SIZE, "white")
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, SIZE[0], 64), fill=RED)
    _write(image, (32, 14), *_fit(f"{organisation}　{masthead}", 30, WIDTH), "white")
    pen.rectangle((0, SIZE[1] - 10, SIZE[0], SIZE[1]), fill=RED)
    return image


def draw(card: Card) -> bytes:
    """The card as a JPEG: a few kilobytes, made in a few milliseconds (a county has thousands)."""
    image = _blank(card.organisation, card.masthead).copy()
    _write(image, (32, 84), *_fit(card.title, 44, WIDTH), "black")
    lines = [part for line in card.lines for part in _wrapped(line, WIDTH)]
    for index, line in enumerate(lines[:4]):
        _write(image, (32, 152 + 36 * index), *_fit(line, 26, WIDTH), (40, 40, 40))
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
    words = repr((card.title, card.lines, card.organisation, card.year, card.masthead)).encode("utf-8")
    return hashlib.sha256(_drawing() + words).digest()


def card_path(card: Card) -> str:
    """The card's image in the site: ``assets/share/<hash>.jpg``."""
    return f"assets/share/{card_digest(card).hex()[:16]}.jpg"
