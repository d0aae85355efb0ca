"""The notice period (公示期) says where it stands, in the reader's browser, in China's time; each
board asks for objections to what it publishes; and the built HTML stays the same whatever the date.

The state is written by script (noticeboard.js, screen.js) from the period's first and last day
in data attributes: 尚未开始（M 天后开始）before the first day, 公示中（还有 N 天）with N the days
left counting today, 公示中（今天截止）on the last day, 公示期已结束 after it. Without script the
dates alone remain. The demo's period is 2026-01-05 to 2026-01-11.
"""

from __future__ import annotations

import datetime as dt
import html as html_text
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from noticeboard.boards.kinds import KINDS
from support.build import BUILD_ENV, build_site

pytestmark = pytest.mark.slow  # the demo site built, Chromium on it

CHINA = dt.timezone(dt.timedelta(hours=8))
BOARD_PAGES = {
    "branches": "boards/branches/index.html",
    "commitments": "commitments/index.html",
    "venues": "venues/index.html",
    "classification": "classification/index.html",
    "duty_reports": "duty-reports/index.html",
    "reviews": "reviews/index.html",
}
STATES = ("公示中", "公示期已结束", "尚未开始", "今天截止")


HIDDEN_STATE = re.compile(r'<span class="nb-notice-state"[^>]*\shidden>.*?</span>', re.S)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def shown(html: str) -> str:
    """The text of ``html`` as a reader without script sees it (the hidden state left out)."""
    return html_text.unescape(re.sub(r"<[^>]+>", "", HIDDEN_STATE.sub("", html)))


def notice_sentence(html: str) -> str:
    """The notice box's first paragraph as a reader without script sees it."""
    box = re.search(r'<div class="nb-notice" role="note">\s*<p>(.*?)</p>', html, re.S)
    assert box is not None
    return " ".join(shown(box.group(1)).split())


# --- Each board asks for objections to what it publishes ---------------------------------------


def test_each_board_asks_for_objections_to_what_it_publishes(site: Path) -> None:
    kinds = {kind.key: kind for kind in KINDS}
    sentences = {key: notice_sentence(read(site, path)) for key, path in BOARD_PAGES.items()}
    for key, sentence in sentences.items():
        assert f"公示期内{kinds[key].objection}，请向青山镇党委组织办反映" in sentence, key
    assert "对承诺事项及其兑现情况有异议的" in sentences["commitments"]
    assert "评定结果" not in sentences["commitments"]
    assert "对点评内容有异议的" in sentences["reviews"] and "评定结果" not in sentences["reviews"]
    assert "对评定结果有异议的" in sentences["branches"]
    assert "对公示内容有异议的" in notice_sentence(read(site, "index.html"))  # the home page: every board


def test_an_earlier_years_board_shows_no_notice_period_of_this_year(site: Path) -> None:
    # 2024's boards were put up and objected to in their own period; this year's dates are not theirs.
    for key, path in BOARD_PAGES.items():
        earlier = read(site, f"2024/{path}")
        assert 'class="nb-notice"' not in earlier, key
        assert "这是 2024 年度的公示内容，保留备查" in shown(earlier), key
        strip = shown(earlier[earlier.index('<div class="nb-strip') :])  # the strip above the footer
        assert strip.lstrip().startswith("本页为 2024 年度存档青山镇党委2025 年度公示"), key  # (· by CSS)
        assert 'class="nb-notice"' in read(site, path), key


def test_boards_that_are_not_ratings_do_not_speak_of_ratings() -> None:
    objection = {kind.key: kind.objection for kind in KINDS}
    assert objection["commitments"] == "对承诺事项及其兑现情况有异议的"
    assert objection["reviews"] == "对点评内容有异议的"
    assert objection["pioneers"] == "对先锋岗党员有异议的"
    for key in ("commitments", "reviews", "pioneers", "venues", "classification", "duty_reports"):
        assert objection[key] != "对评定结果有异议的", key
    assert objection["branches"] == objection["members"] == "对评定结果有异议的"


def test_the_screen_and_the_posters_use_the_general_sentence_and_show_the_dates(site: Path) -> None:
    screen = shown(read(site, "screen/index.html"))
    assert "公示期：2026年1月5日 至 2026年1月11日" in screen
    assert "对公示内容有异议的，请在公示期内反映" in screen
    for poster in (
        "print/commitments/index.html",
        "print/venues/index.html",
        "print/boards/branches/index.html",
    ):
        text = shown(read(site, poster))
        assert "公示期：2026年1月5日 至 2026年1月11日。对公示内容有异议的，请在公示期内反映。" in text, poster
        assert "data-nb-notice" not in read(site, poster), "paper cannot change: dates only"


def test_without_script_the_dates_alone_remain(site: Path) -> None:
    html = read(site, "commitments/index.html")
    assert 'data-nb-notice-start="2026-01-05" data-nb-notice-end="2026-01-11" hidden' in html
    assert notice_sentence(html).startswith("公示期：2026年1月5日 至 2026年1月11日（7 天）。")
    # The sentences as the script writes them (data may say 尚未开始 in its own words, e.g. a review).
    written = ("公示中（还有", "公示中（今天截止）", "公示期已结束", "尚未开始（")
    with_state = [
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if any(state in page.read_text(encoding="utf-8") for state in written)
    ]
    assert with_state == [], "the state is the reader's day, never the build's"


# --- The state in the reader's browser ------------------------------------------------------------

# (the reader's moment, as an instant; what the notice says). The reader's clock is set to
# Los Angeles: the period is China's whatever the reader's zone.
MOMENTS = [
    (dt.datetime(2026, 1, 1, 12, 0, tzinfo=CHINA), "尚未开始（4 天后开始）"),
    (dt.datetime(2026, 1, 4, 23, 59, tzinfo=CHINA), "尚未开始（1 天后开始）"),
    (dt.datetime(2026, 1, 5, 0, 1, tzinfo=CHINA), "公示中（还有 7 天）"),  # 2026-01-04 in UTC and LA
    (dt.datetime(2026, 1, 8, 9, 0, tzinfo=CHINA), "公示中（还有 4 天）"),
    (dt.datetime(2026, 1, 11, 23, 59, tzinfo=CHINA), "公示中（今天截止）"),
    (dt.datetime(2026, 1, 12, 0, 0, tzinfo=CHINA), "公示期已结束"),  # still 2026-01-11 in UTC and LA
    (dt.datetime(2026, 11, 29, 10, 0, tzinfo=CHINA), "公示期已结束"),
]


@pytest.fixture
def reader(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="zh-CN", timezone_id="America/Los_Angeles")
    yield context
    context.close()


def at(context: BrowserContext, moment: dt.datetime, url: str) -> Page:
    """``url`` opened with the reader's clock standing at ``moment``; fails on any request off the site."""
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    outside: list[str] = []
    here = "file://" if url.startswith("file:") else "http://127.0.0.1"
    page.on("request", lambda r: None if r.url.startswith(here) else outside.append(r.url))
    page.goto(url)
    page.outside = outside  # type: ignore[attr-defined]
    return page


def words(page: Page, where: str) -> str:
    return page.locator(f"{where} [data-nb-notice-words]").inner_text()


def ids(moments: list[tuple[dt.datetime, str]]) -> list[str]:
    return [moment.strftime("%m-%d_%H%M") for moment, _ in moments]


@pytest.mark.parametrize(("moment", "state"), MOMENTS, ids=ids(MOMENTS))
def test_a_board_page_and_the_strip_say_where_the_period_stands(
    reader: BrowserContext, server: str, moment: dt.datetime, state: str
) -> None:
    page = at(reader, moment, server + "commitments/")
    assert words(page, ".nb-notice") == state
    assert words(page, ".nb-strip") == state
    notice = page.locator(".nb-notice p").first.inner_text()
    assert notice.startswith(f"公示期：2026年1月5日 至 2026年1月11日（7 天），{state}。")
    strip = page.locator(".nb-strip").inner_text()  # (the · between its parts are drawn by CSS)
    assert strip.index("2026年1月11日") < strip.index(state) < strip.index("监督电话")
    assert page.outside == []  # type: ignore[attr-defined]
    page.close()


@pytest.mark.parametrize(("moment", "state"), MOMENTS[::2], ids=ids(MOMENTS[::2]))
def test_the_screen_says_where_the_period_stands_from_a_folder(
    reader: BrowserContext, site: Path, moment: dt.datetime, state: str
) -> None:
    page = at(reader, moment, (site / "screen" / "index.html").as_uri())
    assert words(page, ".nb-screen__foot") == state
    shown = page.locator(".nb-screen__foot").inner_text()  # (the · between the parts are drawn by CSS)
    assert shown.index("2026年1月11日") < shown.index(state) < shown.index("监督电话")
    assert page.outside == []  # type: ignore[attr-defined]
    page.close()


def test_every_page_s_strip_and_the_home_notice_say_it(reader: BrowserContext, server: str) -> None:
    moment = dt.datetime(2026, 1, 10, 8, 0, tzinfo=CHINA)
    for path in ("", "branches/qingshan-1/", "stats/", "reviews/", "screen/qingshan-1/"):
        page = at(reader, moment, server + path)
        where = ".nb-screen__foot" if path.startswith("screen/") else ".nb-strip"
        assert words(page, where) == "公示中（还有 2 天）", path
        page.close()
    page = at(reader, moment, server)
    assert words(page, ".nb-notice") == "公示中（还有 2 天）"
    page.close()


def test_the_screen_changes_its_state_at_midnight_in_china(reader: BrowserContext, server: str) -> None:
    """A hall's screen runs for days: the state follows the date at the next turn of the slides."""
    page = reader.new_page()
    page.clock.install(time=dt.datetime(2026, 1, 11, 23, 59, 50, tzinfo=CHINA))
    page.goto(server + "screen/")
    assert words(page, ".nb-screen__foot") == "公示中（今天截止）"
    page.clock.run_for(60_000)  # four turns of 15 s
    assert words(page, ".nb-screen__foot") == "公示期已结束"
    page.close()


def test_without_script_a_reader_sees_the_dates_alone(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "commitments/")
    notice = page.locator(".nb-notice p").first.inner_text()
    assert notice.startswith("公示期：2026年1月5日 至 2026年1月11日（7 天）。")
    assert not page.locator("[data-nb-notice-words]").first.is_visible()
    context.close()


# --- The same HTML whatever the build machine's date ----------------------------------------------

CLOCK_SHIM = '''\
"""Tests only: this Python's clock reads NB_TEST_CLOCK (a Unix time) as if it were now, and runs on."""
import datetime as _dt
import os as _os
import time as _time

_shift = float(_os.environ["NB_TEST_CLOCK"]) - _time.time()
_time_real, _time_ns_real = _time.time, _time.time_ns
_localtime_real, _gmtime_real, _strftime_real = _time.localtime, _time.gmtime, _time.strftime
_time.time = lambda: _time_real() + _shift
_time.time_ns = lambda: _time_ns_real() + int(_shift * 1e9)
_time.localtime = lambda secs=None: _localtime_real(_time.time() if secs is None else secs)
_time.gmtime = lambda secs=None: _gmtime_real(_time.time() if secs is None else secs)
_time.strftime = lambda fmt, t=None: _strftime_real(fmt, _time.localtime() if t is None else t)


class _Datetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


_dt.datetime = _Datetime  # date.today() already reads time.time()
'''


@pytest.fixture(scope="module")
def clock_shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clock")
    (folder / "sitecustomize.py").write_text(textwrap.dedent(CLOCK_SHIM), encoding="utf-8")
    return folder


def on_date(clock_shim: Path, day: dt.date) -> dict[str, str]:
    """The environment of a Python whose clock says it is ``day`` (noon in China)."""
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=CHINA)
    path = os.pathsep.join(p for p in (str(clock_shim), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "NB_TEST_CLOCK": str(moment.timestamp())}


def test_the_clock_shim_sets_the_build_machine_s_date(clock_shim: Path) -> None:
    env = {**BUILD_ENV, **on_date(clock_shim, dt.date(2026, 1, 8))}
    code = "import datetime as d, time; print(d.date.today(), d.datetime.now().date(), time.strftime('%F'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2026-01-08"] * 3


@pytest.mark.parametrize("day", [dt.date(2026, 1, 1), dt.date(2026, 1, 8)], ids=["before", "during"])
def test_the_site_is_byte_identical_whatever_the_build_date(
    site: Path, clock_shim: Path, tmp_path: Path, day: dt.date
) -> None:
    """``site`` was built on today's date (after the demo's period); these before it and during it."""
    out = tmp_path / "site"
    result = build_site(out, **on_date(clock_shim, day))
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []
