"""Share cards (分享卡片): a small image and a one-line summary per board, for links pasted into WeChat.

Why drawn at build time: a messenger shows the ``og:image`` of a link as its card, and a
card that names the board and its counts ("三星党支部 11 个") tells a villager what the link
is before opening it. The font travels with this package (``fonts/``, OFL), so every machine
that builds the site draws the same card; characters it lacks are left out, never drawn as boxes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from noticeboard.registries.disk_cache import DiskCache

FONT = Path(__file__).parent / "fonts" / "NotoSansSC-Bold-GB2312.otf"
SIZE = (600, 315)
"""Width and height: the 1.91:1 of link cards, small enough to stay a few kilobytes."""
RED = (183, 28, 28)


@dataclass(frozen=True)
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


class Cards:
    """Card images by their content, kept on disk between builds (a county has thousands)."""

    def __init__(self, folder: Path | None = None) -> None:
        salt = f"card 2 {SIZE} {FONT.stat().st_size}\n".encode()
        self.store = DiskCache(folder, salt, ".jpg") if folder is not None else None

    def image(self, card: Card) -> bytes:
        key = "\n".join((card.title, *card.lines, card.organisation, str(card.year))).encode()
        stored = self.store.get(key) if self.store else None
        if stored is not None:
            return stored
        data = draw(card)
        if self.store:
            self.store.put(key, data)
        return data


def _counts(groups: Any, unit: str) -> str:
    """``三星党支部 11 个，二星党支部 20 个`` from a board's groups that have rows."""
    return "，".join(f"{g.title} {len(g.rows)} {unit}" for g in groups if g.rows)


def card_for(kind: str, view: Any, year: int, organisation: str, notice: str) -> Card:
    """The card of one page kind (as the site's pages are named: ``board-branches``, ``branch`` …);
    ``view`` is the view that page shows (a board, a branch page, the statistics)."""
    suffix = f"（{year} 年度）"
    lines: tuple[str, ...]
    if kind == "board-branches":
        board = view  # BranchBoard
        title, lines = "星级党支部公示栏" + suffix, (_counts(board.groups, "个"),)
    elif kind == "branch":
        page = view  # BranchPage
        rating = page.branch.rating
        rated = f"{year} 年度{rating.words}（{rating.score} 分）" if rating else f"{year} 年度未评定"
        counts = page.members.counts
        members = f"星级党员：三星 {counts['3']} 名，二星 {counts['2']} 名，一星 {counts['1']} 名"
        title, lines = page.branch.name, (rated, members)
    elif kind == "commitments":
        c = view.counts
        line = f"共 {c['total']} 项：已兑现 {c['fulfilled']} 项，进行中 {c['in_progress']} 项" + (
            f"，逾期 {c['overdue']} 项" if c["overdue"] else ""
        )
        title, lines = "公开承诺" + suffix, (line,)
    elif kind == "reviews":
        count: int = sum(len(board.rows) for board in view.values())
        title, lines = "领导点评" + suffix, (f"公开点评 {count} 条",)
    elif kind in ("venues", "classification", "duty-reports"):
        names = {"venues": "活动场所星级", "classification": "分类定级", "duty-reports": "书记述职评议"}
        unit = "名" if kind == "duty-reports" else "个"
        title, lines = names[kind] + suffix, (_counts(view.groups, unit),)
    elif kind == "pioneers":
        posts = sum(len(board.rows) for board in view.values())
        title, lines = "党员先锋岗", (f"{len(view)} 个党支部设党员先锋岗 {posts} 个",)
    elif kind == "stats":
        title, lines = "统计数据" + suffix, (f"党员 {view.members} 名：类别、学历、年龄、星级变化",)
    else:
        title, lines = "党务公开栏", ("星级党支部、星级党员、公开承诺",)
    return Card(title, (*lines, notice), organisation, year)
