"""Labels that wrap on a phone wrap where a reader expects, at every text step, in Debian's Chromium:

- a button never leaves one character alone on its last line (打印活动场所星级公示 / 栏);
- a home card's line does not end with one character on its own line either;
- a heading that names a branch keeps the name whole when it fits on a line: 青山村第一党支部 / （2 个岗位）,
  not 青山村第一党支 / 部（2 个岗位）."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from outputs.test_phone_layout import PAGES, open_page

pytestmark = pytest.mark.slow  # Chromium on the built site

LINES = """(selector) => {
  const found = [];
  const range = document.createRange();
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const chars = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent.length; i++) {
        if (!node.textContent[i].trim()) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0) chars.push([node.textContent[i], Math.round(rect.top), rect.width]);
      }
    }
    const tops = [...new Set(chars.map(c => c[1]))].sort((a, b) => a - b);
    const lines = tops.map(top => chars.filter(c => c[1] === top).map(c => c[0]).join(""));
    const heading = element.closest("h1, h2, h3");
    const room = (heading || element).getBoundingClientRect().width;
    const wide = chars.reduce((sum, c) => sum + c[2], 0);
    found.push({label: element.textContent.trim(), lines, fits: wide <= room});
  }
  return found;
}"""


def _lines(path: str, width: int, step: str, lines: dict[str, list[str]]) -> str:
    return f"{path} at {width} px, step {step}: {' / '.join(lines['lines'])}"


@pytest.mark.parametrize("width", [360, 412])
def test_no_button_ends_with_one_character_on_its_own_line(browser: Browser, server: str, width: int) -> None:
    lonely, wrapped = [], 0
    for path in (*PAGES.values(), "print/venues/", "print/members/qingshan-1/"):
        context, page = open_page(browser, server, path, width)
        for step in ("0", "1", "2", "3"):
            page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
            page.reload(wait_until="load")
            for button in page.evaluate(LINES, ".md-button, .nb-toolbar button"):
                lines = button["lines"]
                wrapped += len(lines) > 1
                if len(lines) > 1 and len(lines[-1]) < 2:
                    lonely.append(_lines(path, width, step, button))
        context.close()
    assert wrapped, "some labels wrap at the larger steps: the check looked at them"
    assert not lonely


@pytest.mark.parametrize("width", [360, 412])
def test_headings_keep_a_branch_name_whole(browser: Browser, server: str, width: int) -> None:
    broken, whole = [], 0
    for path in ("pioneers/", "commitments/"):
        context, page = open_page(browser, server, path, width)
        for step in ("0", "3"):
            page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
            page.reload(wait_until="load")
            for name in page.evaluate(LINES, "h2 .nb-whole"):
                if name["fits"]:
                    whole += 1
                    if len(name["lines"]) > 1:
                        broken.append(_lines(path, width, step, name))
        context.close()
    assert whole > 40, "the names of the pioneer posts' and the commitments' branches were looked at"
    assert not broken


@pytest.mark.parametrize("width", [360, 412, 1366])
def test_no_home_card_ends_with_one_character_on_its_own_line(
    browser: Browser, server: str, width: int
) -> None:
    """(每个党支部的电子屏在该支部页面 / 上, at 1366 px: the card's line is now 在该支部页 / 面上.)"""
    lonely, wrapped = [], 0
    context, page = open_page(browser, server, "", width)
    for step in ("0", "1", "2", "3"):
        page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
        page.reload(wait_until="load")
        for line in page.evaluate(LINES, ".nb-card__line"):
            wrapped += len(line["lines"]) > 1
            if len(line["lines"]) > 1 and len(line["lines"][-1]) < 2:
                lonely.append(_lines("home", width, step, line))
    context.close()
    assert wrapped, "some cards' lines wrap: the check looked at them"
    assert not lonely
