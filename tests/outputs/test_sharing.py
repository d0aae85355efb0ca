"""Share previews: every page carries Open Graph meta with its board's summary and a card image
drawn at build time with the font this package ships (OFL)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from noticeboard.outputs.share_cards import FONT, Card, card_path, draw, drawable

SITE_URL = "https://noticeboard.example.org/"
META = re.compile(r'<meta property="og:(\w+(?::\w+)?)" content="([^"]*)">')


def og(html: str) -> dict[str, str]:
    return dict(META.findall(html))


@pytest.mark.slow  # the whole demo site built
def test_every_page_has_a_share_card_under_site_url(site: Path) -> None:
    pages = [
        p
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("print/", "screen/", "2025/"))
        and p.name != "404.html"
    ]
    assert len(pages) > 100
    for page in pages:
        meta = og(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        assert {"title", "description", "image", "url"} <= set(meta), where
        assert meta["image"].startswith(SITE_URL + "assets/share/") and meta["url"].startswith(SITE_URL), (
            where
        )
        image = site / meta["image"].removeprefix(SITE_URL)
        assert image.is_file(), where
        assert image.stat().st_size < 60_000, f"{where}: the card is too heavy for a slow network"


@pytest.mark.slow  # the whole demo site built
def test_a_board_card_says_what_the_board_shows(site: Path) -> None:
    meta = og((site / "boards" / "branches" / "index.html").read_text(encoding="utf-8"))
    assert meta["title"] == "星级支部公示栏（2025 年度）"
    assert meta["description"].startswith("三星党支部 10 个，二星党支部 20 个")
    branch = og((site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8"))
    assert branch["title"] == "青山村第一党支部" and "2025 年度三星（90.0 分）" in branch["description"]
    with Image.open(site / meta["image"].removeprefix(SITE_URL)) as card:
        assert card.size == (600, 315)


def test_the_card_draws_chinese_with_the_shipped_font() -> None:
    assert FONT.is_file() and (FONT.parent / "OFL.txt").is_file()
    blank = Image.open(io.BytesIO(draw(Card("", (), "", 2025)))).convert("L")
    card = Image.open(
        io.BytesIO(draw(Card("星级支部公示栏", ("三星党支部 11 个",), "青山镇党委", 2025)))
    ).convert("L")
    title = (32, 84, 500, 140)
    inked = sum(1 for value in card.crop(title).get_flattened_data() if value < 100)
    assert inked > 2000 and all(value > 200 for value in blank.crop(title).get_flattened_data())


def test_characters_the_font_lacks_are_left_out_not_drawn_as_boxes() -> None:
    assert drawable("王堃（组织办）") == "王（组织办）"  # 堃 is outside GB2312
    assert drawable("三星党支部 11 个") == "三星党支部 11 个"


def test_a_cards_file_is_named_by_its_words_the_same_in_every_process() -> None:
    """Pages name the image before it is drawn: the name must follow the card's words, and nothing else
    that differs between builds of the same data."""
    card = Card("星级支部公示栏", ("三星党支部 11 个",), "青山镇党委", 2025)
    script = (
        "from noticeboard.outputs.share_cards import Card, card_path\n"
        "print(card_path(Card('星级支部公示栏', ('三星党支部 11 个',), '青山镇党委', 2025)))"
    )
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert card_path(card) == other.stdout.strip()
    assert re.fullmatch(r"assets/share/[0-9a-f]{16}\.jpg", card_path(card))
    changed = [
        Card("星级支部公示栏", ("三星党支部 12 个",), "青山镇党委", 2025),
        Card("星级支部公示栏", ("三星党支部 11 个",), "青山镇党委", 2024),
        Card("星级支部公示栏", ("三星党支部 11 个",), "龙潭镇党委", 2025),
        Card("星级党员公示栏", ("三星党支部 11 个",), "青山镇党委", 2025),
    ]
    assert len({card_path(card), *map(card_path, changed)}) == 1 + len(changed)


def _drawn_by_pillow(card: Card) -> bytes:
    """``card`` drawn line by line by Pillow's own text drawing, in its basic layout (words that fit at
    their full size)."""
    from PIL import ImageDraw, ImageFont

    def font(size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)

    expected = Image.new("RGB", (600, 315), "white")
    pen = ImageDraw.Draw(expected)
    pen.rectangle((0, 0, 600, 64), fill=(183, 28, 28))
    pen.text((32, 14), f"{card.organisation}　公示栏", font=font(30), fill="white")
    pen.text((32, 84), card.title, font=font(44), fill="black")
    for index, line in enumerate(card.lines):
        pen.text((32, 152 + 36 * index), line, font=font(26), fill=(40, 40, 40))
    pen.rectangle((0, 305, 600, 315), fill=(183, 28, 28))
    out = io.BytesIO()
    expected.save(out, "JPEG", quality=75)
    return out.getvalue()


def test_a_card_is_drawn_as_pillow_draws_its_words() -> None:
    """Each glyph's ink is drawn once and put side by side on every card that has it: the pixels are the
    ones Pillow's own text drawing gives."""
    card = Card(
        "青山村第一党支部", ("2025 年度三星（90.0 分）", "公示期 2026年1月5日至1月11日"), "青山镇党委", 2025
    )
    assert draw(card) == _drawn_by_pillow(card)


def test_letters_whose_ink_overlaps_are_drawn_as_pillow_draws_them() -> None:
    """In ``WA`` and ``AV`` one letter's ink reaches over the other's box, where Pillow blends the two: such
    a line is drawn whole, and gives Pillow's pixels too."""
    card = Card("WAVE 景区党支部", ("AVA 村 Tyj 组：三星 5 名",), "青山镇党委", 2025)
    assert draw(card) == _drawn_by_pillow(card)


def test_a_line_is_measured_as_pillow_measures_it() -> None:
    """Whether a title fits, and at which size, is decided by the glyphs' widths added up: they must add up
    to Pillow's own measure of the line, for every character of the font and at every size tried."""
    import random

    from PIL import ImageFont

    from noticeboard.outputs.share_cards import _length

    characters = sorted(drawable("".join(map(chr, range(0x20, 0xFFFF)))))
    lines = [
        " WAVE 2025 年度，三星（90.0 分）…",
        *("".join(random.Random(n).choices(characters, k=20)) for n in range(40)),
    ]
    for size in range(44, 14, -2):
        font = ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)
        for line in lines:
            assert _length(line, size) == font.getlength(line), (line, size)


def test_a_card_is_the_same_whatever_was_drawn_before_it() -> None:
    """Every process of a build draws the cards it is given, after different others: a card's bytes must
    not depend on which lines that process drew before (its file's name says only its words)."""
    card = Card(
        "青山村第一党支部",
        ("2025 年度三星（90.0 分）", "星级党员：三星 5 名，二星 10 名，一星 8 名"),
        "青山镇党委",
        2025,
    )
    for other in range(300):  # more lines than are kept drawn
        draw(
            Card(
                f"第{other}党支部",
                (f"2025 年度二星（{80 + other / 10:.1f} 分）", card.lines[1]),
                "青山镇党委",
                2025,
            )
        )
    script = (
        "import sys; from noticeboard.outputs.share_cards import Card, draw\n"
        f"sys.stdout.buffer.write(draw(Card({card.title!r}, {card.lines!r}, {card.organisation!r}, 2025)))"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout
    assert draw(card) == fresh
