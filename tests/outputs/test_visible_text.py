"""No page shows markup as text: every HTML file's visible text is free of tags and attributes.

Markup shown as text (Material's footer escaped by our autoescaping on the blog and 404 pages)
went unseen by every other test; this reads each page as a reader does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.visible import visible_text

pytestmark = pytest.mark.slow  # reads the whole demo site

MARKUP = re.compile(r"</?[a-z][a-z0-9-]*[\s>/]|\bclass=\"|\bhref=\"|&lt;|&gt;|&amp;[a-z]+;")


def markup_shown(html: str) -> list[str]:
    text = visible_text(html)
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in MARKUP.finditer(text)]


def test_no_page_shows_markup_as_text(site: Path) -> None:
    shown = {
        page.relative_to(site).as_posix(): found
        for page in sorted(site.rglob("*.html"))
        if (found := markup_shown(page.read_text(encoding="utf-8")))
    }
    assert shown == {}


def test_the_stories_and_404_pages_end_with_the_real_footer(site: Path) -> None:
    for name in ("stories/index.html", "404.html", "stories/archive/2025/index.html"):
        html = (site / name).read_text(encoding="utf-8")
        assert '<footer class="md-footer">' in html, name
        assert "&lt;footer" not in html, name


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
COMMIT_ID = re.compile(r"[0-9a-f]+")
FILE_NAME = re.compile(r"[\w-]+\.(?:json|xml)\b")


def test_no_page_shows_english(site: Path) -> None:
    # Readers read Chinese. Only the open-data page names the JSON files' fields (as a program reads them);
    # the change log names commits by their ids (hexadecimal), and a page may name a file (stats.json).
    english = {
        page.relative_to(site).as_posix(): words
        for page in sorted(site.rglob("*.html"))
        if page.relative_to(site).parts[0] != "open-data"
        if (
            words := sorted(
                {
                    word
                    for word in LATIN_WORD.findall(
                        FILE_NAME.sub("", visible_text(page.read_text(encoding="utf-8")))
                    )
                    if not COMMIT_ID.fullmatch(word)
                }
            )
        )
    }
    assert english == {}


def test_the_page_for_a_missing_address_says_so_in_chinese_and_leads_home(site: Path) -> None:
    text = visible_text((site / "404.html").read_text(encoding="utf-8"))
    assert "找不到这一页" in text and "返回青山镇党委公示栏首页" in text
    assert "Not found" not in text
