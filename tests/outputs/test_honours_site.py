"""表彰 in the built site: the page (拟表彰对象公示 with each one's notice period, its state in the reader's
browser; 表彰名单), the branch pages (not a 党总支's, which has none), the home card, honours.json, the
posters (and on paper: A4, one sheet a poster for the demo's board), and a member named by an honour
though the star boards keep them unnamed."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser

from support.build import build_site, make_project
from support.markup import Element, content, home_card, printed_board, read, under_headings
from support.open_data import records
from support.pdftext import readable
from support.township import Township

pytestmark = pytest.mark.slow  # a site built, Chromium on it

CHINA = dt.timezone(dt.timedelta(hours=8))

HONOURS = """\
- id: h2025-001
  title: 优秀共产党员
  who: m001
  by: 青山镇党委
  level: township
  proposed_on: 2025-06-20
  notice: {start: 2025-06-21, days: 5}
  awarded_on: 2025-07-01
  reason: 带领群众发展油茶产业
- id: h2025-002
  title: 先进基层党组织
  who: qingshan
  by: 中共云山县委
  level: county
  proposed_on: 2025-06-10
  awarded_on: 2025-06-28
- id: h2025-003
  title: 优秀党务工作者
  who: m101
  by: 青山镇党委
  level: township
  proposed_on: 2026-01-04
- id: h2025-004
  title: 先进基层党组织
  who: qingshan-1
  by: 青山镇党委
  level: township
  proposed_on: 2026-01-04
  notice: {start: 2026-01-05, days: 5}
- id: h2025-005
  title: 抗洪抢险先进个人
  who: m002
  by: 青山镇党委
  level: township
  proposed_on: 2025-08-01
  awarded_on: 2025-08-20
"""
"""m002 (唐德华, 59.94 points) has no star: the star boards count them without their name (the privacy
default); the honour names them, as an honour does."""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    town = Township(tmp_path_factory.mktemp("honours") / "project")
    town.set("data/honours/2025.yml", HONOURS)
    project = make_project(town.root)
    out = project / "site"
    result = build_site(out, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> Element:
    return content(read(site / path / "index.html"))


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def rows_by_group(board: Element) -> dict[str, list[str]]:
    """Heading id (``proposed-1`` …) → the names in its table, as the page lists them."""
    found: dict[str, list[str]] = {}
    for heading, row in under_headings(
        board, lambda e: e.tag == "tr" and e.parent is not None and e.parent.tag == "tbody"
    ):
        assert heading is not None
        found.setdefault(f"{heading.id} {heading.text().strip()}", []).append(row.find("th").text().strip())
    return found


def test_the_page_lists_the_proposed_with_their_periods_and_the_awarded(small: Path) -> None:
    board = page(small, "honours")
    assert rows_by_group(board) == {
        "proposed-1 先进基层党组织（1 个）": ["青山村第一党支部"],
        "proposed-2 优秀党务工作者（1 名）": ["周丽娟"],
        "awarded-1 先进基层党组织（1 个）": ["青山村党总支"],
        "awarded-2 优秀共产党员（1 名）": ["邱美玲"],
        "awarded-3 抗洪抢险先进个人（1 名）": ["唐德华"],
    }
    text = " ".join(board.text().split())
    assert "2025 年度拟表彰对象 2 项，已表彰 3 项。" in text
    assert "拟表彰对象公示（2 项）" in text and "表彰名单（3 项）" in text
    assert "请向青山镇党委组织办反映（监督电话 0874-6000000）" in text
    assert "2026年1月5日至1月9日（5 天）" in text  # its own period
    assert "2026年1月5日至1月11日（7 天）" in text  # the site's
    assert "中共云山县委（县级）" in text and "2025年6月28日" in text
    # The page's notice asks for objections to what it publishes.
    assert "公示期内对拟表彰对象有异议的，请向青山镇党委组织办反映" in " ".join(
        read(small / "honours/index.html").text().split()
    )


def test_each_proposed_honour_carries_its_period_for_the_browser(small: Path) -> None:
    source = html(small, "honours")
    for start, end in (("2026-01-05", "2026-01-09"), ("2026-01-05", "2026-01-11")):
        assert f'data-nb-notice-start="{start}" data-nb-notice-end="{end}" hidden' in source
    assert "公示中" not in source.split('id="proposed"', 1)[1]  # the reader's day, never the build's


@pytest.mark.parametrize(
    ("moment", "own", "site"),
    [
        (dt.datetime(2026, 1, 8, 9, 0, tzinfo=CHINA), "公示中（还有 2 天）", "公示中（还有 4 天）"),
        (dt.datetime(2026, 1, 9, 22, 0, tzinfo=CHINA), "公示中（今天截止）", "公示中（还有 3 天）"),
        (dt.datetime(2026, 1, 10, 0, 5, tzinfo=CHINA), "公示期已结束", "公示中（还有 2 天）"),
    ],
)
def test_each_period_says_where_it_stands_in_the_reader_s_browser(
    browser: Browser, small: Path, moment: dt.datetime, own: str, site: str
) -> None:
    context = browser.new_context(locale="zh-CN", timezone_id="America/Los_Angeles")
    tab = context.new_page()
    tab.clock.set_fixed_time(moment)
    tab.goto((small / "honours" / "index.html").as_uri())
    assert tab.locator("#h2025-004 [data-nb-notice-words]").inner_text() == own
    assert tab.locator("#h2025-003 [data-nb-notice-words]").inner_text() == site
    tab.goto((small / "branches" / "qingshan-1" / "index.html").as_uri())
    assert tab.locator("#honours ~ .nb-table [data-nb-notice-words]").first.inner_text() == own
    context.close()


def test_branch_pages_show_their_own_and_their_members_honours(small: Path) -> None:
    def honours_part(branch: str) -> str:
        source = html(small, f"branches/{branch}")
        if 'id="honours"' not in source:
            return ""
        return " ".join(page(small, f"branches/{branch}").text().split()).split("表彰 对象", 1)[1]

    qingshan = honours_part("qingshan-1")
    assert (
        "青山村第一党支部 先进基层党组织 青山镇党委（镇级） 拟表彰，公示期 2026年1月5日至1月9日（5 天）"
        in qingshan
    )
    assert "邱美玲 优秀共产党员 青山镇党委（镇级） 2025年7月1日表彰" in qingshan
    assert "唐德华 抗洪抢险先进个人" in qingshan
    assert "周丽娟 优秀党务工作者" in honours_part("zhen-jiguan")
    assert not (
        small / "branches" / "qingshan"
    ).exists()  # a 党总支 has no page: its honour is on /honours/ only
    assert all("青山村党总支 先进基层党组织" not in honours_part(b) for b in ("qingshan-1", "zhen-jiguan"))


def test_the_home_card_and_the_open_data(small: Path) -> None:
    assert home_card(read(small / "index.html"), "表彰") == ["拟表彰对象 2 项 · 已表彰 3 项"]
    data = records((small / "data" / "honours.json").read_text(encoding="utf-8"))
    assert Counter(h["status"] for h in data) == {"proposed": 2, "awarded": 3}
    assert records((small / "data" / "2025" / "honours.json").read_text(encoding="utf-8")) == data
    assert not any(member in json.dumps(data) for member in ("m001", "m002", "m101"))


def test_a_member_without_a_star_is_named_by_the_honour_only(small: Path) -> None:
    """The star boards keep 唐德华 (无星) unnamed by default; the honour names them, by its nature."""
    members = records((small / "data" / "members.json").read_text(encoding="utf-8"))
    assert "唐德华" not in json.dumps(members, ensure_ascii=False)
    assert "唐德华" in (small / "data" / "honours.json").read_text(encoding="utf-8")
    star_board = page(small, "branches/qingshan-1").text().split("表彰", 1)[0]
    assert "唐德华" not in star_board


def test_the_posters_print_the_periods_and_the_phone(small: Path) -> None:
    printed = printed_board(read(small / "print" / "honours" / "index.html"))
    assert printed.posters == ("honours-proposed", "honours-awarded")
    rows = {(row.poster, row.cells[0].split("\n")[0]): row.cells for row in printed.rows}
    assert rows[("honours-proposed", "青山村第一党支部")] == (
        "青山村第一党支部\n青山村党总支",
        "青山镇党委（镇级）",
        "—",
        "2026.1.5\n至 2026.1.9",
    )
    assert rows[("honours-proposed", "周丽娟")][3] == "2026.1.5\n至 2026.1.11"
    assert rows[("honours-awarded", "邱美玲")][3] == "2025.7.1"
    assert printed.summaries[0].startswith("拟表彰对象 2 项：先进基层党组织 1 个，优秀党务工作者 1 名。")
    assert (
        printed.summaries[1]
        == "2025 年度已表彰 3 项：先进基层党组织 1 个，优秀共产党员 1 名，抗洪抢险先进个人 1 名。"
    )
    text = " ".join(read(small / "print" / "honours" / "index.html").text().split())
    assert "公示期：2026年1月5日 至 2026年1月11日" in text and "监督电话：0874-6000000" in text
    assert "打印拟表彰对象公示栏和表彰名单" in read(small / "honours" / "index.html").text()


def test_the_demo_s_posters_are_one_a4_sheet_each(browser: Browser, server: str) -> None:
    tab = browser.new_page()
    tab.goto(server + "print/honours/")
    tab.emulate_media(media="print")
    reader = pypdf.PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True, print_background=True)))
    tab.close()
    assert len(reader.pages) == 2, "拟表彰对象公示栏 and 表彰名单, one sheet each"
    for sheet in reader.pages:
        assert (
            abs(float(sheet.mediabox.width) - 595.3) <= 1 and abs(float(sheet.mediabox.height) - 841.9) <= 1
        )
        words = readable(sheet.extract_text())
        assert "公示期" in words and "监督电话" in words and "扫一扫" in words
    assert "拟表彰对象公示栏" in readable(reader.pages[0].extract_text())
    assert "表彰名单" in readable(reader.pages[1].extract_text())
