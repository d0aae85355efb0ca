"""A button's label that wraps on a phone never leaves one character alone on its last line
(打印活动场所星级公示 / 栏): the lines are balanced, at every text step, in Debian's Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from outputs.test_phone_layout import PAGES, open_page

pytestmark = pytest.mark.slow  # Chromium on the built site

LAST_LINES = """() => {
  const found = [];
  const range = document.createRange();
  for (const button of document.querySelectorAll(".md-button, .nb-toolbar button")) {
    if (!button.getClientRects().length) continue;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    const tops = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent.length; i++) {
        if (!node.textContent[i].trim()) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width > 0) tops.push(Math.round(rect.top));
      }
    }
    const lines = [...new Set(tops)];
    const last = tops.filter(top => top === Math.max(...lines)).length;
    found.push({label: button.textContent.trim(), lines: lines.length, last});
  }
  return found;
}"""


@pytest.mark.parametrize("width", [360, 412])
def test_no_button_ends_with_one_character_on_its_own_line(browser: Browser, server: str, width: int) -> None:
    lonely, wrapped = [], 0
    for path in (*PAGES.values(), "print/venues/", "print/members/qingshan-1/"):
        context, page = open_page(browser, server, path, width)
        for step in ("0", "1", "2", "3"):
            page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
            page.reload(wait_until="load")
            for button in page.evaluate(LAST_LINES):
                wrapped += button["lines"] > 1
                if button["lines"] > 1 and button["last"] < 2:
                    lonely.append(f"{path} at {width} px, step {step}: {button['label']}")
        context.close()
    assert wrapped, "some labels wrap at the larger steps: the check looked at them"
    assert not lonely
