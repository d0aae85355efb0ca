"""Every kind of public page on a phone (360 and 412 px wide, and 360 px at 200% zoom: 180 CSS px), in
Debian's Chromium: tables stay tables where they fit and become labelled cards where they do not, no
text is broken one character to a line, none is under 12 CSS px (the charts' text included), and the
page never scrolls sideways. Screenshots of every page kind at 360, 412 and 1366 px go to
test-artifacts/ (not committed) for a person to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from support import ROOT

pytestmark = pytest.mark.slow  # Chromium on the built site

ARTIFACTS = ROOT / "test-artifacts"

PAGES = {
    "home": "",
    "branch-board": "boards/branches/",
    "branch": "branches/qingshan-1/",
    "commitments": "commitments/",
    "reviews": "reviews/",
    "pioneers": "pioneers/",
    "venues": "venues/",
    "classification": "classification/",
    "duty-reports": "duty-reports/",
    "stats": "stats/",
    "years": "years/",
    "changes": "changes/",
    "story": "stories/2025/2025-03-tea-cooperative/",
    "branch-2024": "2024/branches/qingshan-1/",
}
"""One page of each kind: home, 星级支部, a branch, the other boards, 统计数据, 往年公示, 变更记录, a story,
and a branch page of an earlier year."""

SHOTS_TALL = 8000
"""Screenshots stop this far down the page (the 48 commitment tables run to 100,000 px on a phone)."""

LAYOUT = """() => {
  const width = window.innerWidth;
  const range = document.createRange();
  function hidden(element) {
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return true;
      const box = e.getBoundingClientRect();
      if ((box.width <= 1 || box.height <= 1) && style.overflow !== "visible") return true;  // visually hidden
    }
    return false;
  }
  function lines(element) {  // the most lines any one piece of the element's own text runs onto
    let most = 1;
    for (const node of element.childNodes) {
      if (node.nodeType !== 3 || !node.textContent.trim()) continue;
      range.selectNodeContents(node);
      const bottoms = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      most = Math.max(most, bottoms.size);
    }
    return most;
  }
  const narrow = [], small = [];
  for (const element of document.body.querySelectorAll("*")) {
    const own = Array.from(element.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("");
    if (!own.trim()) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= 0 || box.left >= width || hidden(element)) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) size *= Math.abs(element.getScreenCTM().a);  // as drawn
    const text = element.textContent.replace(/\\s+/g, " ").trim();
    if (size < 11.95) small.push(`${element.tagName} ${size.toFixed(1)}px: ${text.slice(0, 30)}`);
    const characters = Array.from(text.replace(/ /g, "")).length;
    if (characters > 2 && box.width < 2 * size && lines(element) > 1)
      narrow.push(`${element.tagName} ${box.width.toFixed(0)}px wide at ${size.toFixed(0)}px: ${text.slice(0, 30)}`);
  }
  return {narrow, small, sideways: document.documentElement.scrollWidth - width};
}"""
"""Text boxes narrower than two characters of their own size whose text runs onto several lines (a box
that narrow holding its text on one line is only short: "810" in digits), visible text under 12 CSS px
(an SVG's text as drawn, after the chart is scaled), and how far the page scrolls sideways."""

CARDS = """(box) => Array.from(box.querySelectorAll("tbody tr")).map(row => {
  const lines = [];
  for (const cell of row.cells) {
    const style = getComputedStyle(cell);
    if (style.display === "none") continue;
    const before = getComputedStyle(cell, "::before").content, after = getComputedStyle(cell, "::after").content;
    const words = (c) => c === "none" || c === "normal" ? "" : c.replace(/^"|"$/g, "").replace(/" attr\\(.*\\) "/, "");
    const text = words(before) + cell.innerText.replace(/\\s+/g, " ").trim() + words(after);
    if (style.display === "inline" && lines.length && getComputedStyle(cell.previousElementSibling).display === "inline")
      lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines;
})"""
"""Each row of a table shown as cards, as a reader sees it: its lines, each with its label."""


def open_page(
    browser: Browser, server: str, path: str, width: int, **options: Any
) -> tuple[BrowserContext, Page]:
    zoom = 360 // width if width < 360 else 1  # 180 CSS px: a 360 px phone at 200%
    context = browser.new_context(
        viewport={"width": width, "height": 740},
        device_scale_factor=2 * zoom,
        is_mobile=width < 800,
        has_touch=width < 800,
        locale="zh-CN",
        **options,
    )
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    return context, page


def at_each_size(
    browser: Browser,
    server: str,
    path: str,
    widths: tuple[int, ...],
    script: str,
    argument: Callable[[int], object] = lambda width: None,
) -> dict[str, Any]:
    """What ``script`` finds on the page at ``path`` at each of ``widths`` (given ``argument(width)``), at
    the normal text size and the largest, by ``"360 px, step 3"``."""
    found = {}
    for width in widths:
        context, page = open_page(browser, server, path, width)
        for step in ("0", "3"):
            page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
            page.reload(wait_until="load")
            found[f"{width} px, step {step}"] = page.evaluate(script, argument(width))
        context.close()
    return found


@pytest.fixture
def phone(browser: Browser, server: str) -> Iterator[Page]:
    context, page = open_page(browser, server, "", 360)
    yield page
    context.close()


@pytest.mark.parametrize("width", [360, 412, 180, 1366])
@pytest.mark.parametrize("kind", PAGES)
def test_no_text_broken_to_a_character_a_line_none_too_small_no_sideways_scrolling(
    browser: Browser, server: str, kind: str, width: int
) -> None:
    context, page = open_page(browser, server, PAGES[kind], width)
    layout = page.evaluate(LAYOUT)
    if width != 180:
        ARTIFACTS.mkdir(exist_ok=True)
        tall = min(page.evaluate("document.documentElement.scrollHeight"), SHOTS_TALL)
        clip = {"x": 0, "y": 0, "width": width, "height": tall}
        page.screenshot(path=str(ARTIFACTS / f"phone-{kind}-{width}.png"), full_page=True, clip=clip)
    context.close()
    assert layout["narrow"] == []
    assert layout["small"] == []
    assert layout["sideways"] <= 0


def table_modes(page: Page, selector: str) -> list[bool]:
    """For each table box matching ``selector``: is it shown as cards?"""
    return page.eval_on_selector_all(
        selector, "boxes => boxes.map(b => b.classList.contains('nb-table--cards'))"
    )


def test_a_four_column_member_board_stays_a_table_on_a_360_px_phone(phone: Page, server: str) -> None:
    phone.goto(server + "branches/qingshan-1/")
    members = "h3[id^='members-'] + .nb-table"
    assert table_modes(phone, members) == [False, False, False]
    assert phone.eval_on_selector(f"{members} table", "t => getComputedStyle(t).display") == "table"
    rows = phone.locator(f"{members} tbody tr")
    assert rows.count() == 21  # one line each, not 84
    heights = {round(box["height"]) for box in (row.bounding_box() for row in rows.all()) if box}
    assert max(heights) < 3 * min(heights)


def test_a_table_that_cannot_fit_becomes_cards_and_back_when_there_is_room(phone: Page, server: str) -> None:
    phone.goto(server + "duty-reports/")  # eight columns
    assert set(table_modes(phone, ".nb-table")) == {True}
    phone.set_viewport_size({"width": 1366, "height": 740})
    phone.wait_for_function("!document.querySelector('.nb-table--cards')")
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.wait_for_function("document.querySelectorAll('.nb-table--cards').length === 4")


def test_larger_text_turns_a_table_that_no_longer_fits_into_cards(phone: Page, server: str) -> None:
    phone.goto(server + "branches/qingshan-1/")
    members = "h3[id^='members-'] + .nb-table"
    assert not any(table_modes(phone, members))
    for _ in range(3):
        phone.locator("[data-nb-action=larger]").click()
    assert all(table_modes(phone, members))
    for _ in range(3):
        phone.locator("[data-nb-action=smaller]").click()
    assert not any(table_modes(phone, members))
    phone.evaluate("localStorage.clear()")


def test_larger_text_sets_each_term_above_its_value(phone: Page, server: str) -> None:
    """Beside its term, a value had six characters a line at the largest step on a 360 px phone."""
    beside = "[...document.querySelectorAll('.nb-facts dd, .nb-review__parts dd')].map(e => e.offsetLeft > e.previousElementSibling.offsetLeft)"
    for path in ("branches/qingshan-1/", "pairings/", "reviews/"):
        phone.goto(server + path)
        assert all(phone.evaluate(beside)), path
        for _ in range(3):
            phone.locator("[data-nb-action=larger]").click()
        placed = phone.evaluate(beside)
        phone.evaluate("localStorage.clear()")
        assert placed and not any(placed), path


def test_on_a_touch_screen_a_title_has_no_hidden_link_taking_a_line(phone: Page, server: str) -> None:
    """The ¶ after a heading shows only under a mouse; hidden, it still took a blank line under 活动场所星级
    at the largest step. Its title is Chinese (it was Permanent link)."""
    phone.evaluate("localStorage.setItem('nb-size', '3')")
    phone.goto(server + "venues/")
    title = phone.locator("article h1").first
    lines = phone.evaluate(
        "h => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight))",
        title.element_handle(),
    )
    links = phone.eval_on_selector_all(
        ".headerlink", "links => links.map(a => [getComputedStyle(a).display, a.title])"
    )
    phone.evaluate("localStorage.clear()")
    assert lines == 1
    assert links and all(link == ["none", "本节链接"] for link in links)


def test_the_score_calculation_reads_right_as_cards(browser: Browser, server: str) -> None:
    context, page = open_page(browser, server, "branches/qingshan-1/", 180)
    box = page.locator("h2#score ~ .nb-table").first
    assert "nb-table--cards" in (box.get_attribute("class") or "")
    caption = box.locator("caption")
    assert caption.bounding_box()["width"] > 100  # type: ignore[index]  # not "2025 / 年度 / 支部 / …"
    assert box.evaluate(CARDS) == [
        ["积分制管理考核", "得分：89.9", "权重：× 0.5", "折算：44.95"],
        ["年终目标考核", "得分：90.0", "权重：× 0.5", "折算：45.00"],
        ["合计", "折算：89.95"],
        ["公示得分：90.0（四舍五入保留 1 位小数）"],
        ["星级：★★★三星"],  # the glyphs and the words apart by a margin, not a space
    ]
    context.close()


@pytest.mark.parametrize(
    "kind", ["branch", "commitments", "venues", "classification", "duty-reports", "stats"]
)
def test_every_card_line_has_a_value_and_a_label_only_from_its_own_column(
    browser: Browser, server: str, kind: str
) -> None:
    context, page = open_page(browser, server, PAGES[kind], 180)
    problems = page.evaluate(
        """() => Array.from(document.querySelectorAll('.nb-table--cards td')).flatMap(cell => {
          const shown = getComputedStyle(cell).display !== 'none';
          const label = cell.getAttribute('data-label');
          if (shown && !cell.textContent.trim() && !cell.querySelector('svg')) return [`empty line: ${label}`];
          if (label && cell.colSpan > 1) return [`${label} on a cell of ${cell.colSpan} columns`];
          return [];
        })"""
    )
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('.nb-table--cards td[data-label]'), c => c.dataset.label)"
    )
    context.close()
    assert labels  # the tables are cards at 180 CSS px
    assert problems == []


def test_the_duty_report_columns_keep_their_weight_in_the_label(browser: Browser, server: str) -> None:
    context, page = open_page(browser, server, "duty-reports/", 360)
    labels = page.evaluate(
        "() => [...new Set(Array.from(document.querySelectorAll('.nb-table--cards td[data-label]'), c => c.dataset.label))]"
    )
    context.close()
    assert labels[:4] == ["书记", "日常记实考核（20%）", "现场观摩考核（20%）", "年度综合考核（40%）"]


def test_without_javascript_a_wide_table_scrolls_inside_its_own_box(browser: Browser, server: str) -> None:
    context, page = open_page(browser, server, "duty-reports/", 360, java_script_enabled=False)
    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    box = page.evaluate(
        "(() => { const b = document.querySelector('.nb-table'); return [b.scrollWidth, b.clientWidth]; })()"
    )
    context.close()
    assert sideways <= 0
    assert box[0] > box[1]  # the table is wider than its box, which scrolls


CHART_TEXT = """() => Array.from(document.querySelectorAll('svg.nb-chart'))
  .filter(chart => chart.getBoundingClientRect().width > 0)
  .flatMap(chart => Array.from(chart.querySelectorAll('text'),
    t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""
"""The drawn size of each text of the charts shown (each chart is drawn in full and compact; one shows)."""


@pytest.mark.parametrize("step", ["0", "3"])
def test_charts_keep_their_text_at_12_px_or_more_even_at_200_percent(
    browser: Browser, server: str, step: str
) -> None:
    for width in (360, 180):
        context, page = open_page(browser, server, "stats/", width)
        page.evaluate(f"localStorage.setItem('nb-size', '{step}')")
        page.reload(wait_until="load")
        sizes = page.evaluate(CHART_TEXT)
        sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        context.close()
        assert len(sizes) > 50
        assert min(sizes) >= 12
        assert sideways <= 0  # at 180 px the chart scrolls inside its own box


def test_at_the_largest_text_a_phones_charts_grow_with_the_text(browser: Browser, server: str) -> None:
    """Fitted to a phone's column, the full chart's labels stayed at 16 px beside text of 26 px."""
    sizes = at_each_size(browser, server, "stats/", (360,), CHART_TEXT)
    assert max(sizes["360 px, step 0"]) < 17 and max(sizes["360 px, step 3"]) >= 24


SPLIT = r"""(splits) => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{3,4}-\d{7,8}/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (splits && tops.size > 1) split.push(`${match[0]} in ${node.parentElement.textContent.trim().slice(0, 40)}`);
    }
  }
  for (const kept of document.querySelectorAll(".nb-nowrap")) {
    const box = kept.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 0.5) split.push(`${kept.textContent} runs off the screen`);
  }
  return split;
}"""
"""Each date (``2026年1月11日``, ``1月11日``) and phone number on the page that runs onto two lines (when
``splits``), and each text kept on one line that runs off the screen."""

DATED_PAGES = {
    **PAGES,
    "pioneers": "pioneers/",
    "honours": "honours/",
    "pairings": "pairings/",
    "lectures": "lectures/",
}
"""Every page kind, and the boards whose rows carry dates."""


@pytest.mark.parametrize("kind", DATED_PAGES)
def test_no_date_or_phone_number_is_split_across_two_lines(browser: Browser, server: str, kind: str) -> None:
    """At 360 and 412 px, at the normal text size and the largest: a phone breaks ``2026年1月11日`` anywhere,
    and ``2026年1月`` at the end of one line with ``11日`` on the next is a date misread. At 200% zoom
    (180 px), where the largest text leaves no line long enough for a date, what is kept on one line still
    fits the screen."""
    split = at_each_size(
        browser, server, DATED_PAGES[kind], (360, 412, 180), SPLIT, lambda width: width != 180
    )
    assert split == {where: [] for where in split}


LINE_START = r"""() => {
  const found = [];
  const range = document.createRange();
  const closers = /[。，、；：！？）》」』]/g;
  function block(node) {
    for (let e = node.parentElement; e; e = e.parentElement) {
      if (!getComputedStyle(e).display.startsWith("inline")) return e;
    }
    return null;
  }
  function rect(node, at) {
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    return Array.from(range.getClientRects()).find(r => r.width > 0) || null;
  }
  let last = null;  // the last character shown before: its box and its block
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!text.trim() || !node.parentElement.getClientRects().length) continue;
    const home = block(node);
    for (const match of text.matchAll(closers)) {
      const box = rect(node, match.index);
      if (!box) continue;
      const before = match.index > 0 ? rect(node, match.index - 1) : (last && last.home === home ? last.box : null);
      if (before && box.top >= before.bottom - 1) found.push(`${text.slice(Math.max(0, match.index - 12), match.index + 6)}`);
    }
    const end = text.trimEnd().length - 1;
    const box = end >= 0 ? rect(node, end) : null;
    if (box) last = { box, home };
  }
  return found;
}"""
"""Each closing mark (。，、；：！？ and closing brackets) that begins a line after text of its own block: Chinese
never sets one there, and a browser forced to break a run it may not break (a line too short for it) puts it
there."""


@pytest.mark.parametrize("kind", DATED_PAGES)
def test_no_line_begins_with_a_closing_mark(browser: Browser, server: str, kind: str) -> None:
    """The notice's 公示期已结束 was kept on one line with the comma before it, and at the largest text on a
    360 px phone the 。 after it began the next line."""
    begins = at_each_size(browser, server, DATED_PAGES[kind], (360, 412), LINE_START)
    assert begins == {where: [] for where in begins}


NAME_BREAKS = r"""() => {
  const broken = [];
  const range = document.createRange();
  const naming = /党支部|党总支|党组织|承诺人|单位|活动场所|^类别$|^类型$/;
  for (const table of document.querySelectorAll(".nb-table table")) {
    const heads = Array.from(table.querySelectorAll("thead th")).map(th => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      Array.from(row.children).forEach((cell, column) => {
        if (!naming.test(heads[column] || "") || !cell.getClientRects().length) return;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement.closest(".nb-muted")) continue;  // (a note under the name: 农村党员)
          range.selectNodeContents(node);
          const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (tops.size > 1) broken.push(`${node.textContent} in ${cell.textContent.trim()}`);
        }
      });
    }
  }
  return broken;
}"""
"""Each word (the text between two ``<wbr>``) of a table cell that names an organisation (by its column's
heading) and runs onto two lines."""


@pytest.mark.parametrize(
    "kind", ["branch-board", "commitments", "classification", "duty-reports", "honours", "pairings", "stats"]
)
def test_an_organisations_name_breaks_only_between_its_words(
    browser: Browser, server: str, kind: str
) -> None:
    """A table's column broke names anywhere: 青山村第一党 / 支部 on the commitments board at 1366 px, 县卫生健 / 康局,
    镇水务站党 / 支部 and 离退休党 / 员 on a phone. Now 青山村第一 / 党支部, or the table becomes cards."""
    broken = at_each_size(browser, server, DATED_PAGES[kind], (360, 412, 1366), NAME_BREAKS)
    assert broken == {where: [] for where in broken}
