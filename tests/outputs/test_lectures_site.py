"""党校讲习 in a built site: the page (school, teams with rosters, the year's lectures, the 学习专栏 with the
link to its category page), the branch-page part, the home card, the open data, both posters (HTML, and
one A4 sheet each in Chromium, on the demo and here), ``diff`` and the export, from one small township."""

from __future__ import annotations

import functools
import http.server
import io
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pypdf
import pytest
from playwright.sync_api import Browser

from support.build import build_site, make_project
from support.commands import run
from support.markup import content, home_card, is_body_row, printed_board, read
from support.pdftext import readable
from support.township import Township

pytestmark = pytest.mark.slow  # whole sites built, Chromium printing

SCHOOL = """\
# yaml-language-server: $schema=../docs/schema/school.schema.json
- name: 青山镇委党校
  place: 镇人社服务中心二楼
  head: {name: 钟晓岚, post: 镇党委委员、组织委员}
  lecturers: 青山镇讲师团
  teams:
  - id: dangjian
    name: 党的建设宣讲队
    topics: [组工知识, 基层党组织换届]
    members:
    - {member: m101, post: 镇组织办主任（队长）}
    - {name: 王建国, post: 青山村党总支书记}
  - id: nongye
    name: 农业技术宣讲队
    topics: [小龙虾养殖, 水稻田间管理]
    members:
    - {name: 邓国平, post: 县水产技术推广站高级工程师}
"""

LECTURES = """\
# yaml-language-server: $schema=../../docs/schema/lectures.schema.json
- id: 2025-01
  topic: 党建知识专题学习
  content: 组工知识、基层党组织换届
  team: dangjian
  speaker: {name: 刘志刚, post: 市委组织部组织一科科长}
  audience: 各党支部书记
  branches: all
  place: 镇委党校
  deadline: 2025-03-31
  date: 2025-03-26
  status: held
  attendance: 42
- id: 2025-02
  topic: 农业技术专题讲习
  team: nongye
  audience: 青山村党员和种养大户
  branches: [qingshan]
  date: 2025-04-20
  status: held
  attendance: 35
- id: 2025-03
  topic: 党员冬训专题讲习
  team: dangjian
  audience: 镇机关全体党员
  branches: [zhen-jiguan]
  deadline: 2025-12-31
  status: planned
"""

STUDY = """\
---
date: 2025-04-08
slug: study
categories: [学习专栏]
branches: [qingshan-1]
---

# 学习心得：开好“三会一课”

正文。
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    town = Township(tmp_path_factory.mktemp("lectures") / "project")
    town.set("data/school.yml", SCHOOL)
    town.set("data/lectures/2025.yml", LECTURES)
    town.set("docs/stories/posts/study.md", STUDY)
    return make_project(town.root)


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    out = project / "site"
    result = build_site(out, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return out


def page(built: Path, path: str) -> str:
    return " ".join(content(read(built / path / "index.html")).text().split())


def test_the_page_shows_the_school_its_teams_and_the_years_lectures(built: Path) -> None:
    board = content(read(built / "lectures/index.html"))
    text = page(built, "lectures")
    assert "专题讲习 3 次：已举办 2 次，参学 77 人次；计划中 1 次（已过完成时限 1 次）。" in text
    assert "青山镇委党校设在镇人社服务中心二楼，校长：钟晓岚（镇党委委员、组织委员）。" in text
    headings = [(h.id, h.text().strip()) for h in board.find_all("h2") + board.find_all("h3")]
    assert ("teams", "青山镇讲师团（2 个宣讲队，讲师 3 名）") in headings
    assert ("team-dangjian", "党的建设宣讲队（2 名讲师）") in headings
    roster = [li.text().split() for li in board.find_all("ul", "nb-org-list")[0].find_all("li")]
    assert roster == [["周丽娟", "镇组织办主任（队长）"], ["王建国", "青山村党总支书记"]]
    rows = [row for row in board.find("table").iter() if is_body_row(row)]
    assert [row.id for row in rows] == ["lecture-2025-01", "lecture-2025-02", "lecture-2025-03"]
    cells = [cell.text().strip() for cell in rows[2].children if not isinstance(cell, str)]
    assert cells == [
        "党员冬训专题讲习",
        "完成时限 2025年12月31日",
        "党的建设宣讲队",
        "镇机关全体党员",
        "计划中已过完成时限",
    ]
    assert rows[2].find("span", "nb-overdue").text() == "计划中已过完成时限"  # on two lines
    assert [cell.text() for cell in rows[0].find_all("td")][-1] == "已举办参学 42 人"  # on two lines
    assert "公示期内对讲师团名单或专题讲习情况有异议的" in text


def test_the_study_column_links_its_category_page(built: Path) -> None:
    board = content(read(built / "lectures/index.html"))
    links = {a.text().strip(): a.attrs["href"] for a in board.find_all("a")}
    assert links["学习专栏全部文章（1 篇）"] == "../stories/category/" + quote("学习专栏") + "/"
    assert (built / "stories/category/学习专栏/index.html").is_file()
    assert "学习心得：开好“三会一课”" in read(built / "stories/category/学习专栏/index.html").text()
    story = links["学习心得：开好“三会一课”"]
    assert (built / "lectures" / story / "index.html").resolve().is_file()


def test_a_branch_page_lists_the_lectures_it_takes_part_in(built: Path) -> None:
    village = page(built, "branches/qingshan-1")
    assert "专题讲习 本年度安排本支部参学的专题讲习 2 次，已举办 2 次。" in village
    assert "党员冬训专题讲习" not in village
    organ = content(read(built / "branches/zhen-jiguan/index.html"))
    links = [a.attrs["href"] for a in organ.find_all("a") if "lectures/" in a.attrs.get("href", "")]
    assert links == ["../../lectures/#lecture-2025-01", "../../lectures/#lecture-2025-03"]


def test_home_card_open_data_and_navigation(built: Path) -> None:
    assert home_card(read(built / "index.html"), "党校讲习") == [
        "宣讲队 2 个 · 专题讲习 3 次：已举办 2 次，参学 77 人次；计划中 1 次（已过完成时限 1 次）"
    ]
    text = (built / "data/lectures.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert [(lecture["id"], lecture["status"], lecture["overdue"]) for lecture in data["lectures"]] == [
        ("2025-01", "held", False),
        ("2025-02", "held", False),
        ("2025-03", "planned", True),
    ]
    assert "m101" not in text and data["schools"][0]["teams"][0]["members"][0]["name"] == "周丽娟"
    assert (built / "data/2025/lectures.json").read_text(encoding="utf-8") == text
    nav = read(built / "index.html").find("nav", "md-nav--primary").text()
    assert "党校讲习" in nav  # joins 更多公示 by itself


def test_the_posters_list_the_lectures_and_the_teams(built: Path) -> None:
    lectures = printed_board(read(built / "print/lectures/index.html"))
    assert lectures.summaries == (
        "专题讲习 3 次：已举办 2 次，参学 77 人次；计划中 1 次（已过完成时限 1 次）。"
        "青山镇委党校设在镇人社服务中心二楼，校长：钟晓岚（镇党委委员、组织委员）。",
    )
    assert [row.cells for row in lectures.rows] == [
        (
            "党建知识专题学习：组工知识、基层党组织换届",
            "2025.3.26",
            "党的建设宣讲队\n刘志刚（市委组织部组织一科科长）",
            "各党支部书记",
            "已举办\n参学 42 人",
        ),
        ("农业技术专题讲习", "2025.4.20", "农业技术宣讲队", "青山村党员和种养大户", "已举办\n参学 35 人"),
        ("党员冬训专题讲习", "时限 2025.12.31", "党的建设宣讲队", "镇机关全体党员", "计划中\n已过时限"),
    ]
    teams = printed_board(read(built / "print/lectures/teams/index.html"))
    assert [row.cells for row in teams.rows] == [
        (
            "党的建设宣讲队（2 名讲师）",
            "周丽娟（镇组织办主任（队长））、王建国（青山村党总支书记）",
            "组工知识、基层党组织换届",
        ),
        ("农业技术宣讲队（1 名讲师）", "邓国平（县水产技术推广站高级工程师）", "小龙虾养殖、水稻田间管理"),
    ]


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=办公室", "-c", "user.email=office@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_diff_reports_a_lecture_held_and_a_lecturer_changed(tmp_path: Path) -> None:
    town = Township(tmp_path)
    town.set("data/school.yml", SCHOOL)
    town.set("data/lectures/2025.yml", LECTURES)
    git(town.root, "init", "-q", "-b", "main")
    git(town.root, "add", "-A")
    git(town.root, "commit", "-q", "-m", "公示数据")
    town.replace(
        "data/lectures/2025.yml",
        "  deadline: 2025-12-31\n  status: planned\n",
        "  deadline: 2025-12-31\n  date: 2025-12-20\n  status: held\n  attendance: 51\n",
    )
    town.replace("data/school.yml", "{name: 邓国平", "{name: 邓国华")
    result = run("diff", "HEAD", cwd=town.root)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "党校讲习（2 处变化）",
        "  农业技术宣讲队：讲师 邓国平（县水产技术推广站高级工程师） → 邓国华（县水产技术推广站高级工程师）",
        "  专题讲习：党员冬训专题讲习：时间 完成时限 2025年12月31日 → 2025年12月20日，"
        "状态 计划中 → 已举办，参学人数 — → 51",
    ]


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


def test_each_poster_is_one_a4_sheet_on_the_demo_and_here(browser: Browser, served: str, server: str) -> None:
    """The demo has the source document's size: five 宣讲队 of three or four lecturers, four 专题讲习."""
    for url in (served, server):
        lectures = printed_pages(browser, url + "print/lectures/")
        assert len(lectures) == 1, url
        assert "专题讲习公示栏" in lectures[0] and "党建知识专题学习" in lectures[0]
        teams = printed_pages(browser, url + "print/lectures/teams/")
        assert len(teams) == 1, url
        assert "党校讲师团名单" in teams[0] and "党的建设宣讲队" in teams[0]
