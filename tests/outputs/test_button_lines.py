"""Labels that wrap on a phone wrap where a reader expects, at every text step, in Debian's Chromium:

- a button never leaves one character alone on its last line (打印活动场所星级公示 / 栏);
- a home card's line does not end with one character on its own line either;
- a heading that names a branch keeps the name whole when it fits on a line: 青山村第一党支部 / （2 个岗位）,
  not 青山村第一党支 / 部（2 个岗位）;
- a heading, a card's title or a print button wraps between words, never inside one (华新茶业 / 有限公司党支部, not 华新茶业有 /
  限公司党支部)."""

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


INSIDE_WORDS = r"""(selector) => {
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  const range = document.createRange();
  const top = (node, i) => {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rect = range.getBoundingClientRect();
    return rect.width > 0 ? Math.round(rect.top) : null;
  };
  const found = {wrapped: 0, inside: []};
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const lines = new Set();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i < text.length; i++) {
        const here = top(node, i);
        if (here !== null) lines.add(here);
        // Two Chinese characters of one text node are one word: the site marks each break between words (<wbr>).
        if (i + 1 < text.length && han.test(text[i]) && han.test(text[i + 1]) && here !== null && top(node, i + 1) !== here) {
          found.inside.push(`${element.textContent.trim()}: ${text.slice(0, i + 1)} / ${text.slice(i + 1)}`);
        }
      }
    }
    found.wrapped += lines.size > 1;
  }
  return found;
}"""


def test_headings_and_card_titles_wrap_between_words(browser: Browser, server: str) -> None:
    inside, wrapped = [], 0
    paths = (*PAGES.values(), "branches/huaxin-chaye/", "honours/", "lectures/", "pairings/", "stories/")
    for width in (360, 412):
        for path in paths:
            context, page = open_page(browser, server, path, width)
            for step in ("0", "3"):
                page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
                page.reload(wait_until="load")
                found = page.evaluate(
                    INSIDE_WORDS, ".md-typeset :is(h1, h2, h3), .nb-card__title, .nb-print__button"
                )
                wrapped += found["wrapped"]
                inside += [f"{path} at {width} px, step {step}: {line}" for line in found["inside"]]
            context.close()
    assert wrapped > 100, "many headings wrap on a phone: the check looked at them"
    assert not inside


def test_the_table_of_contents_wraps_between_words(browser: Browser, server: str) -> None:
    """Material's table of contents lists the stories' titles again, in a narrow column (2025 年度支部评星和
    党员评星结 / 果开始公示 at 1366 px, before)."""
    context, page = open_page(browser, server, "stories/", 1366)
    found = page.evaluate(INSIDE_WORDS, ".md-sidebar--secondary .md-nav__link .md-ellipsis")
    context.close()
    assert found["wrapped"] >= 3, "titles wrap in the column: the check looked at them"
    assert not found["inside"]


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
