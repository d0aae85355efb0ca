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
