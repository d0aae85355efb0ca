"""电子屏: the screen mode turns through every slide by itself, is readable from three metres,
keeps its memory flat for days, and runs from a folder (a USB stick) without any network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from noticeboard.boards.kinds import load_township
from support import ROOT
from support.open_data import records
from support.parts import lone_dots

pytestmark = pytest.mark.slow  # Chromium on the built site

ARTIFACTS = ROOT / "test-artifacts"
WATCH = """() => {
  window.seen = [];
  const note = s => { if (!s.hidden) window.seen.push(s.textContent); };
  const slides = document.querySelectorAll('.nb-slide');
  slides.forEach(note);
  new MutationObserver(changes => changes.forEach(c => note(c.target)))
    .observe(document.querySelector('.nb-screen__slides'), {attributes: true, subtree: true, attributeFilter: ['hidden']});
  return slides.length;
}"""


def screen(browser: Browser, url: str, width: int = 1920, height: int = 1080) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(("http://127.0.0.1", "file://")) else outside.append(r.url),
    )
    page.goto(url)
    page.outside = outside  # type: ignore[attr-defined]
    return page


def test_the_screen_turns_through_every_slide_and_names_every_branch(browser: Browser, server: str) -> None:
    page = screen(browser, server + "screen/?speed=300")  # 15 s a slide → 50 ms
    total = page.evaluate(WATCH)
    page.wait_for_function(f"window.seen.length >= {total + 1}", timeout=60_000)
    seen = "\n".join(page.evaluate("window.seen"))
    registry = load_township(ROOT / "data")
    missing = [b.name for b in registry.branches if not b.is_general and b.name not in seen]
    assert missing == []
    assert "监督电话" in seen and "公开承诺兑现率" in seen
    assert page.outside == []  # type: ignore[attr-defined]
    page.close()


def test_a_hall_shows_its_own_branch(browser: Browser, server: str) -> None:
    page = screen(browser, server + "screen/qingshan-1/")
    branches = set(
        page.evaluate("[...document.querySelectorAll('.nb-slide[data-branch]')].map(s => s.dataset.branch)")
    )
    assert branches == {"qingshan-1"}
    assert "青山村第一党支部" in page.locator(".nb-slide").nth(1).inner_text()
    page.close()


@pytest.mark.parametrize(("width", "height", "name"), [(1920, 1080, "landscape"), (1080, 1920, "portrait")])
def test_text_is_readable_from_three_metres(
    browser: Browser, server: str, width: int, height: int, name: str
) -> None:
    page = screen(browser, server + "screen/", width, height)
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.nb-slide *, .nb-screen__foot *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.querySelectorAll('.nb-slide').forEach((s, i) => s.hidden = i !== 2)")
    page.screenshot(path=str(ARTIFACTS / f"screen-{name}.png"))
    overflow = page.evaluate(
        "[...document.querySelectorAll('.nb-slide')].filter(s => (s.hidden = false, s.scrollHeight > s.clientHeight + 1 || (s.hidden = true, false))).length"
    )
    page.close()
    if name == "landscape":
        assert smallest >= 0.03 * height, f"smallest text {smallest:.0f} px on a {height} px high screen"
    assert overflow == 0, "a slide holds more than fits the screen"


def test_memory_stays_flat_over_many_turns(browser: Browser, server: str) -> None:
    page = screen(browser, server + "screen/?speed=3000")  # 5 ms a slide
    cdp = page.context.new_cdp_session(page)
    page.wait_for_timeout(1500)
    cdp.send("HeapProfiler.collectGarbage")
    before = cdp.send("Runtime.getHeapUsage")["usedSize"]
    page.wait_for_timeout(8000)  # about 1,500 turns: six hours of a hall's screen at 15 s a slide
    cdp.send("HeapProfiler.collectGarbage")
    after = cdp.send("Runtime.getHeapUsage")["usedSize"]
    turned = int(page.locator("#nb-count").inner_text().split("/")[0])
    page.close()
    assert turned >= 1
    assert after - before < 512 * 1024, f"the heap grew by {(after - before) / 1024:.0f} kB"


def test_the_screen_runs_from_a_folder(browser: Browser, site: Path) -> None:
    page = screen(browser, (site / "screen" / "index.html").as_uri() + "?speed=300")
    page.wait_for_function("document.getElementById('nb-count').textContent.startsWith('3/')", timeout=10_000)
    loaded = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert loaded == "rgb(17, 17, 17)", "the stylesheet did not load from the folder"


SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_name_is_shown_whole(browser: Browser, server: str, width: int, height: int) -> None:
    # 华新茶业有限公司党支部 cut to 华新茶业有限公… names no branch; a name wraps in its column instead.
    page = screen(browser, server + "screen/", width, height)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.nb-slide')].flatMap(s => {
            s.hidden = false;
            const names = [...s.querySelectorAll('.nb-slide__names li')]
                .filter(li => li.scrollWidth > li.clientWidth + 1 || li.getBoundingClientRect().right > innerWidth)
                .map(li => li.textContent)
                .concat([...s.querySelectorAll('h1, p, li, th, td')]  // nothing else past the screen's edge
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.textContent));
            s.hidden = true;
            return names;
        })"""
    )
    overflow = page.evaluate(
        "[...document.querySelectorAll('.nb-slide')].filter(s => (s.hidden = false, s.scrollHeight > s.clientHeight + 1 || (s.hidden = true, false))).length"
    )
    page.close()
    assert cut == []
    assert overflow == 0, "a slide holds more than fits the screen"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_footer_breaks_between_its_parts(browser: Browser, server: str, width: int, height: int) -> None:
    # Not 监督电话 0874- on one line and 6000000 on the next, nor 星期三 · above 3/161.
    page = screen(browser, server + "screen/qingshan-1/", width, height)
    page.wait_for_function("!document.querySelector('.nb-notice-state').hidden")
    parts = page.evaluate(
        "[...document.querySelectorAll('.nb-screen__foot .nb-nowrap, .nb-screen__foot .nb-parts > :not([hidden])')].map(e => [e.textContent, e.getClientRects().length])"
    )
    page.close()
    assert any(text.startswith("监督电话 ") for text, _ in parts)
    assert any("星期" in text for text, _ in parts) and any(
        re.fullmatch(r"\d+/\d+", text) for text, _ in parts
    )
    assert [text for text, lines in parts if lines != 1] == []


@pytest.mark.parametrize(("width", "height"), [*SIZES, (1024, 768)])
def test_no_line_of_the_footer_begins_or_ends_with_a_lone_dot(
    browser: Browser, server: str, width: int, height: int
) -> None:
    # Not 公示期已结束 · at a line's end with 监督电话 below it.
    page = screen(browser, server + "screen/qingshan-1/", width, height)
    page.wait_for_function("!document.querySelector('.nb-notice-state').hidden")
    wrong, (lines, _) = lone_dots(page, ".nb-screen__foot .nb-clip")  # (the notice; the date and the count)
    phone = page.locator(".nb-screen__foot .nb-clip").first.locator(".nb-parts > *").last.inner_text()
    slides = page.evaluate("document.querySelectorAll('.nb-slide').length")
    for index in range(slides):  # each slide's heading and lines of parts (星级党员：三星 3 名 · 二星 …)
        page.evaluate(
            f"[...document.querySelectorAll('.nb-slide')].forEach((s, i) => s.hidden = i !== {index})"
        )
        wrong += lone_dots(page, ".nb-slide .nb-clip")[0]
    page.close()
    assert phone.startswith("监督电话")
    assert wrong == []
    assert width > 1500 or lines > 1, "on a narrower screen the notice wraps (what this test is for)"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_halls_commitments_fit_its_screen_with_who_and_status_on_one_line(
    browser: Browser, server: str, site: Path, width: int, height: int
) -> None:
    # On a portrait screen, a table of three columns broke 陶欣/怡 and 已兑/现.
    page = screen(browser, server + "screen/liuwan-4/", width, height)
    found = page.evaluate(
        """() => [...document.querySelectorAll('.nb-slide--commitments')].map(s => {
            s.hidden = false;
            const lines = td => {
                const range = document.createRange();
                range.selectNodeContents(td);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            };
            const broken = [...s.querySelectorAll('tbody tr')]
                .flatMap(tr => [tr.cells[0], tr.cells[2]]).filter(td => lines(td) > 1).map(td => td.textContent);
            const over = s.scrollHeight > s.clientHeight + 1
                || [...s.querySelectorAll('td, th')].some(e => e.getBoundingClientRect().right > innerWidth + 1);
            const rows = s.querySelectorAll('tbody tr').length;
            s.hidden = true;
            return {broken, over, rows};
        })"""
    )
    page.close()
    published = records((site / "data/commitments.json").read_text(encoding="utf-8"))
    assert sum(slide["rows"] for slide in found) == sum(c["branch"] == "liuwan-4" for c in published) > 0
    assert [slide["broken"] for slide in found if slide["broken"]] == []
    assert not any(slide["over"] for slide in found), "a slide holds more than fits the screen"
