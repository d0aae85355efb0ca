"""The demo site in headless Chromium (Debian's package), as a villager on a phone would use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from support import ROOT
from support.build import build_site
from support.parts import alone_at_the_end, lone_dots

pytestmark = pytest.mark.slow  # Chromium on the built site

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh page that fails the test if anything is requested from outside the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith(server) else outside.append(request.url)
    )
    yield page
    context.close()
    assert outside == [], f"requests left the site: {outside}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_from_home_to_a_branch_board(page: Page, server: str) -> None:
    page.goto(server)
    assert page.locator(".nb-notice").inner_text().startswith("公示期")
    page.get_by_role("link", name="星级支部公示栏").first.click()
    page.wait_for_url("**/boards/branches/")
    assert page.locator("h2#stars-3").inner_text().startswith("三星党支部")
    page.get_by_role("link", name="青山村第一党支部", exact=True).click()
    page.wait_for_url("**/branches/qingshan-1/")
    assert page.locator("h1").inner_text().removesuffix("¶") == "青山村第一党支部"
    assert page.locator("h3#members-3").inner_text() == "三星党员（4 名）"
    assert page.locator(".nb-facts .nb-stars__words").inner_text() == "三星"
    shot(page, "branch-desktop")


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` into the site search; return the titles of the results."""
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    return page.locator(".md-search-result__item h1").all_inner_texts()


def test_search_a_member_name_in_chinese(page: Page, server: str) -> None:
    page.goto(server)
    assert search(page, "邱建国") == ["青山村第一党支部"]
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/branches/qingshan-1/**")
    board = "".join(page.locator("h3[id^='members-'] + .nb-table").all_inner_texts())
    assert "邱建国" in board
    shot(page, "search-landing")


def test_search_a_name_put_in_without_a_key(page: Page, server: str) -> None:
    """A name picked from a phone's candidate bar, or pasted from a menu, comes with no key released:
    Material searched only on keyup, and the box stayed at 键入以开始搜索."""
    page.goto(server)
    page.locator(".md-search__input").first.click()
    page.keyboard.insert_text("邱建国")  # (as an input method puts in a word it composed: no key events)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item h1").all_inner_texts() == ["青山村第一党支部"]


def test_search_a_branch_and_a_secretary(page: Page, server: str) -> None:
    page.goto(server)
    assert search(page, "通达煤矿党支部")[0] == "通达煤矿党支部"
    page.goto(server)
    # A name that begins with words of other pages (青山, 村): Material cut it into them, and every 青山村
    # branch came before this one (eighth of twelve).
    assert search(page, "青山村第一党支部")[0] == "青山村第一党支部"
    page.goto(server)
    assert "青山村第一党支部" in search(page, "刘玉梅")
    # The beginning of a name: cut into 青山村 and 第一 as well, the branch was not among the first five.
    for begun, name in (("青山村第一", "青山村第一党支部"), ("通达煤", "通达煤矿党支部")):
        page.goto(server)
        assert search(page, begun)[0] == name
        # and no line under it says the words it begins with are missing from it (缺少: 青山* 村* 第*)
        assert "缺少" not in page.locator(".md-search-result__item").first.inner_text()
    # The end of names, a word of the index itself (on the open-data page): that page alone was found.
    page.goto(server)
    firsts = {"青山村", "龙潭村", "柳湾村", "石桥村", "松林村", "桃源村"}
    assert {title.removesuffix("第一党支部") for title in search(page, "第一党支部")[:6]} == firsts


def test_a_phone_reads_the_branch_page_without_sideways_scrolling(browser: Browser, server: str) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(server + "branches/qingshan-1/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("label.md-header__button[for='__drawer']").is_visible()
    shot(page, "branch-phone")
    context.close()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "site"
    result = build_site(out, NOTICEBOARD_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return out


def test_the_offline_copy_works_from_a_folder_search_included(browser: Browser, offline_site: Path) -> None:
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith("file://") else outside.append(request.url)
    )
    page.goto((offline_site / "index.html").as_uri())
    page.get_by_role("link", name="星级支部公示栏").first.click()
    page.get_by_role("link", name="青山村第一党支部", exact=True).click()
    assert page.url.endswith("/branches/qingshan-1.html")
    assert search(page, "邱建国") == ["青山村第一党支部"]
    assert outside == []
    page.close()


def test_bytes_a_phone_loads_for_a_branch_page(browser: Browser, server: str) -> None:
    """Measured, and kept under a budget fit for a slow mobile network (printed with -s)."""
    import gzip

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    loaded: dict[str, bytes] = {}
    page.on("response", lambda response: loaded.__setitem__(response.url, response.body()))
    page.goto(server + "branches/qingshan-1/", wait_until="networkidle")
    context.close()
    raw = sum(len(body) for body in loaded.values())
    zipped = sum(len(gzip.compress(body, mtime=0)) for body in loaded.values())
    print(
        f"\nbranch page first load: {len(loaded)} files, {raw / 1000:.0f} kB, {zipped / 1000:.0f} kB gzipped"
    )
    assert zipped < 250_000


OTHER_BOARDS = [
    ("党员先锋岗", "pioneers/", "h2#qingshan-1"),
    ("领导点评", "reviews/", "h2#qingshan"),
    ("活动场所星级", "venues/", "h2#venues-5"),
    ("分类定级", "classification/", "h2#rectification"),
    ("述职考核", "duty-reports/", "h2#duty-3"),
]


def test_the_other_boards_from_the_menu(page: Page, server: str) -> None:
    page.goto(server)
    page.locator(".md-tabs__link", has_text="更多公示").click()  # the section's tab opens its first board
    for title, path, heading in OTHER_BOARDS:
        page.locator(".md-sidebar--primary a.md-nav__link", has_text=title).first.click()
        page.wait_for_url(f"**/{path}")
        assert page.locator("h1").inner_text().removesuffix("¶") == title
        assert page.locator(heading).is_visible()
        assert page.locator(".nb-print__button").first.is_visible()
    page.locator(".md-tabs__link", has_text="统计数据").click()
    page.wait_for_url("**/stats/")
    assert page.locator("svg.nb-chart").count() >= 8
    shot(page, "stats-desktop")


def test_pioneer_photos_load_and_have_text(page: Page, server: str) -> None:
    page.goto(server + "branches/qingshan-1/")
    photos = page.locator(".nb-pioneer__photo")
    assert photos.count() == 2
    photos.last.scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('.nb-pioneer__photo')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert photos.first.get_attribute("alt") == page.locator(".nb-pioneer__name").first.inner_text()
    assert photos.last.get_attribute("alt") == "未提供照片"


@pytest.mark.parametrize(
    "path", ["stats/", "pioneers/", "reviews/", "venues/", "classification/", "duty-reports/"]
)
def test_a_phone_reads_the_other_boards_without_sideways_scrolling(
    browser: Browser, server: str, path: str
) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.goto(server + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if path == "stats/":
        shot(page, "stats-phone")
    context.close()
    assert overflow <= 0


def test_older_eyes_can_enlarge_the_text_and_keep_it(page: Page, server: str) -> None:
    page.goto(server + "branches/qingshan-1/")

    def size() -> float:
        return float(
            page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
        )

    normal = size()
    assert page.locator("[data-nb-action=smaller]").is_disabled()
    page.locator("[data-nb-action=larger]").click()
    page.locator("[data-nb-action=larger]").click()
    enlarged = size()
    assert enlarged >= normal * 1.3
    page.goto(server + "commitments/")  # another page: the setting is kept (localStorage, no cookie)
    assert size() == enlarged and page.context.cookies() == []
    page.locator("[data-nb-action=smaller]").click()
    assert normal < size() < enlarged
    page.locator("[data-nb-action=contrast]").click()
    page.goto(server + "boards/branches/")
    assert page.locator("[data-nb-action=contrast]").get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).color") == "rgb(0, 0, 0)"


TEXT_SIZES = """() => [...document.querySelectorAll('article *, .nb-strip *')]
    .filter(e => !e.closest('.nb-reading, svg') && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => [e.textContent.trim().slice(0, 24), parseFloat(getComputedStyle(e).fontSize)])"""
OFF_SCREEN = """() => [...document.querySelectorAll('article *, .nb-strip *')]
    .filter(e => !e.closest('thead, .nb-reading, svg') && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.textContent.trim().slice(0, 24))"""


@pytest.mark.parametrize(
    "path",
    [
        "branches/qingshan-1/",
        "commitments/",
        "reviews/",
        "pioneers/",
        "changes/",
        "2024/branches/qingshan-1/",
    ],
)
def test_the_largest_text_step_enlarges_every_line(browser: Browser, server: str, path: str) -> None:
    # The rule under a board, a commitment's progress notes, a pioneer's name, a review's byline, the
    # year note of an earlier year: each stayed at its size when the rest grew.
    sizes, off_screen = {}, []
    for step in ("0", "3"):
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.add_init_script(f"localStorage.setItem('nb-size', '{step}')")
        page.goto(server + path)
        sizes[step] = page.evaluate(TEXT_SIZES)
        off_screen += page.evaluate(OFF_SCREEN)
        page.close()
    growth = 1.3 / 0.8  # the largest step's .md-typeset against Material's own
    unchanged = sorted(
        {
            text
            for (text, normal), (_, large) in zip(sizes["0"], sizes["3"], strict=True)
            if large < normal * growth * 0.95
        }
    )
    assert len(sizes["0"]) > 20 and unchanged == []
    assert off_screen == []  # e.g. an honour's notice period, kept on one line, ran past the phone's edge


@pytest.mark.parametrize(
    ("width", "chrome"), [(360, ".md-nav--primary .md-nav__link"), (1366, ".md-tabs__link")]
)
def test_the_largest_text_step_enlarges_the_menu_and_the_footer(
    browser: Browser, server: str, width: int, chrome: str
) -> None:
    # The menu a phone opens (首页, 星级支部 …), the tabs on a computer and the footer stayed at Material's
    # size when the page's text grew.
    sizes = {}
    for step in ("0", "3"):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.add_init_script(f"localStorage.setItem('nb-size', '{step}')")
        page.goto(server + "commitments/")
        sizes[step] = page.evaluate(
            f"[...document.querySelectorAll('{chrome}, .md-copyright')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
        page.close()
    assert len(sizes["0"]) > 8
    assert all(large >= normal * 1.5 for normal, large in zip(sizes["0"], sizes["3"], strict=True))


def test_controls_are_at_least_44_px(page: Page, server: str) -> None:
    page.goto(server + "boards/branches/")
    for control in page.locator(".nb-reading__button, .nb-print__button").all():
        box = control.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44


@pytest.mark.parametrize("path", ["branches/qingshan-1/", "commitments/", "duty-reports/", "stats/"])
def test_tables_read_at_200_percent_on_a_360_px_phone(browser: Browser, server: str, path: str) -> None:
    # 200% zoom on a 360 px wide phone leaves 180 CSS pixels for the page.
    context = browser.new_context(
        viewport={"width": 180, "height": 370}, device_scale_factor=4, is_mobile=True
    )
    page = context.new_page()
    page.goto(server + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.nb-table--cards tbody td[data-label]'), '::before').content"
    )
    if path == "branches/qingshan-1/":
        page.locator("h3[id^='members-'] + .nb-table").first.scroll_into_view_if_needed()
        shot(page, "branch-phone-200pct")
    context.close()
    assert overflow <= 0
    assert label.startswith('"') and "：" in label  # each cell is shown with its column's name


def test_a_browser_without_resize_observer_loads_nothing_from_outside(page: Page, server: str) -> None:
    # iOS before 13.1 (WeChat's WebView there) has no ResizeObserver: Material's script would fetch one
    # from unpkg.com, out of reach in mainland China; the site's own copy is loaded first.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script("delete window.ResizeObserver")
    page.goto(server + "branches/qingshan-1/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof ResizeObserver") == "function"
    page.locator("label.md-search__icon, .md-search__input").first.click()  # Material's scripts run
    assert errors == []


@pytest.mark.parametrize("width", [360, 412, 1366])
@pytest.mark.parametrize("path", ["", "2024/boards/branches/"])
def test_no_line_of_the_strip_above_the_footer_begins_or_ends_with_a_lone_dot(
    browser: Browser, server: str, width: int, path: str
) -> None:
    # Not 青山镇党委 · 2025 年度公示 · at a line's end on a phone.
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + path)
    page.wait_for_function("!document.querySelector('.nb-notice-state').hidden")
    wrong, [lines] = lone_dots(page, ".nb-strip .nb-clip")
    page.close()
    assert wrong == []
    assert (lines == 1) is (width > 1000), "one line on a computer, several on a phone"


@pytest.mark.parametrize("step", ["0", "3"])
@pytest.mark.parametrize("width", [360, 412])
def test_no_line_of_parts_on_a_page_begins_or_ends_with_a_lone_dot(
    browser: Browser, server: str, width: int, step: str
) -> None:
    # Not 青山镇党委 · 2025 年度 · at a line's end above 往年公示 (a board's year line at the largest text
    # step), nor 三星 10 个 · at the end of a home card's line.
    wrong, lines = [], []
    for path in ("", "branches/qingshan-1/", "reviews/", "pioneers/", "pairings/"):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.add_init_script(f"localStorage.setItem('nb-size', '{step}')")
        page.goto(server + path)
        found, counted = lone_dots(page, "article .nb-clip")
        wrong += [f"{path}: {problem}" for problem in found]
        wrong += [
            f"{path}: {part} ends with one character alone"
            for part in alone_at_the_end(page, ".nb-parts > *")
        ]
        lines += counted
        plain = "[...document.querySelectorAll('.nb-parts a')].filter(a => getComputedStyle(a).textDecorationLine !== 'underline')"
        wrong += [
            f"{path}: {link} not underlined" for link in page.evaluate(f"{plain}.map(a => a.textContent)")
        ]
        page.close()
    assert wrong == []
    assert len(lines) > 20 and max(lines) > 1, "lines of parts on these pages, some wrapped"


@pytest.mark.parametrize("width", [360, 375, 390, 412])
def test_the_strip_above_the_footer_breaks_between_its_parts(
    browser: Browser, server: str, width: int
) -> None:
    # Not 公示期 2026年1 / 月5日, nor 监督电 / 话 0874-6000000.
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + "2024/boards/branches/")
    parts = page.evaluate(
        "[...document.querySelectorAll('.nb-strip .nb-nowrap')]"
        ".map(e => [e.textContent, new Set([...e.getClientRects()].map(r => Math.round(r.top))).size])"
    )
    page.close()
    assert parts[0][0] == "本页为 2024 年度存档"
    assert any(text.startswith("监督电话 ") for text, _ in parts)
    assert [text for text, lines in parts if lines != 1] == []


def test_the_stories_section_is_named_once_in_the_sidebar(page: Page, server: str) -> None:
    """Material put the section's name, 经验做法, above its own list page of the same name."""
    page.goto(server)
    page.locator(".md-tabs__link", has_text="经验做法").click()
    page.wait_for_url("**/stories/")
    sidebar = page.locator(".md-sidebar--primary").inner_text()
    lines = [line.strip() for line in sidebar.splitlines() if line.strip()]
    assert lines.count("经验做法") == 1, lines
    assert {"归档", "分类"} <= set(lines)
