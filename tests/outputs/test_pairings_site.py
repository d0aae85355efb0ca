"""结对共创 in a built site: the board page, the branch-page part, the home card, the statistics, the open
data, the poster (HTML, and one A4 sheet in Chromium), ``diff`` and the export workbook, all from one small
township with a pair of every kind the board groups (县直部门–村, 站所–村, 企业–村)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser

from noticeboard.boards.township import build_boards
from noticeboard.office.spreadsheet_export import sheets
from support.build import build_site, make_project
from support.commands import run
from support.markup import Element, content, home_card, is_body_row, printed_board, read, under_headings
from support.open_data import records
from support.pdftext import readable
from support.township import BRANCH_EXTRAS, BRANCHES, Township

pytestmark = pytest.mark.slow  # whole sites built, Chromium printing

PAIRS = """\
# yaml-language-server: $schema=../docs/schema/pairings.schema.json
- id: p-shuiwu-qingshan
  with: qingshan
  partner: 县水务局
  partner_kind: county_department
  signed: 2024-03-01
  renewed: [2025-03-01]
  agreement: 帮助解决饮水困难，发展油茶产业
  results:
  - date: 2024-06-01
    item: 维修灌溉沟渠1.2公里
    funds: 1.5
  - date: 2025-05-10
    item: 在小山村新建抽水站一座，满足周边10多个村子取水
    funds: 8.0
- id: p-gongshang-qingshan
  with: qingshan
  partner: 县工商局
  partner_kind: county_department
  signed: 2024-04-01
  agreement: 帮助发展农家乐
  results:
  - date: 2024-08-01
    item: 协助注册合作社
    funds: 2
- id: p-jiguan-qingshan-1
  with: qingshan-1
  partner: zhen-jiguan
  signed: 2025-05-01
  agreement: 共同开展党员学习
  results:
  - date: 2025-06-01
    item: 联合开展政策宣讲4场
    funds: 0.35
- id: p-huaxin-qingshan-1
  with: qingshan-1
  partner: huaxin
  signed: 2025-02-01
  agreement: 村企联建，带动茶农增收
  results:
  - date: 2025-06-01
    item: 收购茶青30吨
    funds: 12.35
"""


def small_township(root: Path) -> Township:
    town = Township(root)
    town.set("data/branches.yml", BRANCHES + BRANCH_EXTRAS)
    town.set("data/pairings.yml", PAIRS)
    return town


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    town = small_township(tmp_path_factory.mktemp("pairings") / "project")
    return make_project(town.root)


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    out = project / "site"
    result = build_site(out, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return out


def page(built: Path, path: str) -> str:
    return " ".join(content(read(built / path / "index.html")).text().split())


def parts(article: Element) -> dict[str, str]:
    """An article's ``<dl>``: each term and its description's text."""
    terms = [dt.text().strip() for dt in article.find_all("dt")]
    return dict(zip(terms, (dd.text().strip() for dd in article.find_all("dd")), strict=True))


def rows(root: Element, heading_id: str) -> list[tuple[str, ...]]:
    """The body rows of the table under the heading with this id, as the cells' text."""
    return [
        tuple(cell.text().strip() for cell in row.children if isinstance(cell, Element))
        for heading, row in under_headings(root, is_body_row)
        if heading is not None and heading.id == heading_id
    ]


def test_the_board_groups_pairs_by_kind_with_status_results_and_money(built: Path) -> None:
    board = content(read(built / "pairings/index.html"))
    totals = [p.text().strip() for p in board.find_all("p", "nb-totals")]
    assert totals == [
        "2025 年度共有结对共创 4 对：县直部门–村 2 对，站所–村 1 对，其他结对 1 对。",
        "共创协议：本年度签订 2 对，本年度续签 1 对，未续签 1 对。",
        "投入资金：本年度 20.70 万元，累计 24.20 万元。",
    ]
    headings = [h.text().strip() for h in board.find_all("h2") if h.id.startswith("pairings-")]
    assert headings == [
        "县直部门–村（2 对）",
        "站所–村（1 对）",
        "其他结对（1 对）",
        "投入资金（按结对单位）",
    ]
    titles = [a.find("h3").text().strip() for a in board.find_all("article", "nb-review")]
    assert titles == [
        "县水务局与青山村党总支",
        "县工商局与青山村党总支",
        "镇机关党支部与青山村第一党支部",
        "华新茶业党支部与青山村第一党支部",
    ]
    assert [s.text() for s in board.find_all("span", "nb-overdue")] == ["未续签（上次签订：2024年4月1日）"]
    links = {a.text(): a.attrs["href"] for a in board.find_all("a") if "branches/" in a.attrs.get("href", "")}
    assert links["镇机关党支部"].endswith("branches/zhen-jiguan/")
    assert "青山村党总支" not in links  # a 党总支 has no page
    water = parts(board.find("article", "nb-review"))
    assert water == {
        "结对单位": "县水务局（县直部门）",
        "结对党组织": "青山村党总支（村）",
        "共创协议": "帮助解决饮水困难，发展油茶产业",
        "协议状态": "本年度续签",
        "本年度成果": "2025年5月10日：在小山村新建抽水站一座，满足周边10多个村子取水（投入资金 8.0 万元）",
        "往年成果": "2024年6月1日：维修灌溉沟渠1.2公里（投入资金 1.5 万元）",
        "投入资金": "本年度 8.0 万元，累计 9.5 万元",
    }
    partners = rows(board, "pairings-partners")
    assert partners[:2] == [  # most money this year first
        ("华新茶业党支部", "1 对", "12.35 万元", "12.35 万元"),
        ("县水务局", "1 对", "8.0 万元", "9.5 万元"),
    ]
    assert partners[-1] == ("合计", "4 对", "20.70 万元", "24.20 万元")
    assert "公示期内对结对共创情况或投入资金有异议的" in page(built, "pairings")


def test_a_branch_page_shows_the_pairs_it_is_on(built: Path) -> None:
    jiguan = page(built, "branches/zhen-jiguan")
    assert "结对共创 本支部参与结对共创 1 对；投入资金：本年度 0.35 万元，累计 0.35 万元。" in jiguan
    assert "镇机关党支部与青山村第一党支部" in jiguan and "县水务局" not in jiguan
    links = [a.text() for a in content(read(built / "branches/zhen-jiguan/index.html")).find_all("a")]
    assert "查看全镇结对共创" in links  # to the board
    assert (
        "青山村第一党支部" in links and "镇机关党支部" not in links
    )  # the other side; never the page itself
    village = page(built, "branches/qingshan-1")
    assert "本支部参与结对共创 2 对；投入资金：本年度 12.70 万元，累计 12.70 万元。" in village
    assert not (built / "branches/qingshan/index.html").exists()  # its pairs are on /pairings/ only


def test_home_card_statistics_and_last_year(built: Path) -> None:
    assert home_card(read(built / "index.html"), "结对共创") == ["结对 4 对 · 本年度投入资金 20.70 万元"]
    stats = page(built, "stats")
    assert "结对共创投入资金（2025 年度）" in stats and "企业–村" not in stats
    assert rows(content(read(built / "stats/index.html")), "stat-pairings-funds") == [
        ("县直部门–村", "2 对", "8.0 万元", "11.5 万元"),
        ("站所–村", "1 对", "0.35 万元", "0.35 万元"),
        ("站所–站所", "0 对", "—", "—"),  # no pair, no money recorded: not 0.0
        ("其他结对", "1 对", "12.35 万元", "12.35 万元"),
        ("合计", "4 对", "20.70 万元", "24.20 万元"),
    ]
    figures = json.loads((built / "data/stats.json").read_text(encoding="utf-8"))
    assert [(i["label"], i["count"]) for i in figures["figures"]["pairings"]["items"]] == [
        ("县直部门–村", 2),
        ("站所–村", 1),
        ("站所–站所", 0),
        ("其他结对", 1),
    ]
    assert figures["pairings_funds"][-1] == {
        "key": None,
        "name": "合计",
        "pairs": 4,
        "funds_year": 20.7,
        "funds_total": 24.2,
    }
    last_year = page(built, "2024/pairings")
    assert "2024 年度共有结对共创 2 对：县直部门–村 2 对。" in last_year
    assert "投入资金：本年度 3.5 万元，累计 3.5 万元。" in last_year


def test_open_data(built: Path) -> None:
    pairs = records((built / "data/pairings.json").read_text(encoding="utf-8"))
    assert [(p["id"], p["kind"], p["status"], p["funds_year"]) for p in pairs] == [
        ("p-shuiwu-qingshan", "county_village", "renewed", 8.0),
        ("p-gongshang-qingshan", "county_village", "not_renewed", None),
        ("p-jiguan-qingshan-1", "station_village", "signed", 0.35),
        ("p-huaxin-qingshan-1", "other", "signed", 12.35),
    ]
    assert pairs[3]["kind_label"] == "企业–村"
    assert pairs[3]["partner"] == {"id": "huaxin", "name": "华新茶业党支部", "side": "enterprise"}
    earlier = records((built / "data/2024/pairings.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in earlier] == ["p-shuiwu-qingshan", "p-gongshang-qingshan"]


def test_the_poster_lists_every_pair_under_its_kind(built: Path) -> None:
    printed = printed_board(read(built / "print/pairings/index.html"))
    assert printed.summaries == (
        "2025 年度共有结对共创 4 对：县直部门–村 2 对，站所–村 1 对，其他结对 1 对。"
        "共创协议：本年度签订 2 对，本年度续签 1 对，未续签 1 对。投入资金：本年度 20.70 万元，累计 24.20 万元。",
    )
    assert [text for _, text in printed.headings] == [
        "县直部门–村（2 对）",
        "站所–村（1 对）",
        "其他结对（1 对）",
    ]
    assert [row.cells for row in printed.rows] == [
        ("县水务局与青山村党总支", "续签", "在小山村新建抽水站一座，满足周边10多个村子取水", "8.0 万元"),
        ("县工商局与青山村党总支", "未续签", "—", "—"),
        ("镇机关党支部与青山村第一党支部", "新签", "联合开展政策宣讲4场", "0.35 万元"),
        ("华新茶业党支部与青山村第一党支部", "新签", "收购茶青30吨", "12.35 万元"),
    ]
    # The money column holds this year's amounts only (累计 is in the summary line above the table).
    headers = {
        re.sub(r"<[^>]+>", "", h)
        for h in re.findall(
            r"<th\b[^>]*>(.*?)</th>", (built / "print/pairings/index.html").read_text(encoding="utf-8"), re.S
        )
    }
    assert "本年度资金" in headers and "投入资金" not in headers


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def printed_pages(browser: Browser, url: str) -> list[str]:
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [readable(p.extract_text()) for p in reader.pages]


def test_the_poster_is_one_a4_sheet_on_the_demo_and_here(browser: Browser, served: str, server: str) -> None:
    """The demo's 13 pairs (the source report's size: 8 county pairs, 3 and 2 station pairs) fit one sheet."""
    for url in (served, server):
        pages = printed_pages(browser, url + "print/pairings/")
        assert len(pages) == 1, url
        assert "结对共创公示栏" in pages[0] and "0874-6000000" in pages[0]


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=组织办", "-c", "user.email=office@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_diff_reports_a_renewal(tmp_path: Path) -> None:
    town = small_township(tmp_path)
    git(town.root, "init", "-q", "-b", "main")
    git(town.root, "add", "-A")
    git(town.root, "commit", "-q", "-m", "公示数据")
    town.replace(
        "data/pairings.yml",
        "  signed: 2024-04-01\n",
        "  signed: 2024-04-01\n  renewed: [2025-04-01]\n",
    )
    result = run("diff", "HEAD", cwd=town.root)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "结对共创（1 处变化）",
        "  县工商局与青山村党总支：协议状态 未续签（上次签订：2024年4月1日） → 本年度续签",
    ]


def test_the_export_has_the_pairs_their_results_and_a_column_per_organisation(tmp_path: Path) -> None:
    registry = small_township(tmp_path).load()
    workbook = {sheet.title: sheet for sheet in sheets(build_boards(registry, dt.date(2026, 1, 5)))}
    pairs = workbook["2025结对共创"]
    assert [c.title for c in pairs.columns][-3:] == ["协议状态", "本年度投入（万元）", "累计投入（万元）"]
    assert [row[0] for row in pairs.rows] == [
        "p-shuiwu-qingshan",
        "p-gongshang-qingshan",
        "p-jiguan-qingshan-1",
        "p-huaxin-qingshan-1",
    ]
    assert pairs.rows[1][6:] == (None, "未续签", None, Decimal(2))
    results = workbook["2025共创成果"]
    assert len(results.rows) == 5  # every result up to the year, 2024's included
    organisations = workbook["2025党组织"]
    column = [c.title for c in organisations.columns].index("结对共创（对）")
    counts = {row[0]: row[column] for row in organisations.rows}
    assert (counts["qingshan"], counts["qingshan-1"], counts["zhen-jiguan"]) == (2, 2, 1)
