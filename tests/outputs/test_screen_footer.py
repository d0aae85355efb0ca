"""The hall screen's footer gives the notice period with 至 between the dates, as every board does:
a dash (—) next to the numbers reads like 一 on a screen across the hall."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the demo site built


@pytest.mark.parametrize("screen", ["screen/index.html", "screen/qingshan-1/index.html"])
def test_the_screen_footer_says_zhi_between_the_dates(site: Path, screen: str) -> None:
    html = (site / screen).read_text(encoding="utf-8")
    footer = html[html.index('<footer class="nb-screen__foot">') :]
    footer = re.sub("<[^>]+>", "", footer[: footer.index("</footer>")])  # (the dates kept whole)
    assert "公示期 2026年1月5日 至 2026年1月11日" in footer
    assert not re.search(r"日\s*[—–-]\s*\d", footer), "a dash between the dates"
