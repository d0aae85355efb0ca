"""A record that validates is shown on its boards and in its open data (issue 13): for every board kind,
the open data, the home page, the board's page(s) and its printed boards count the same records, and
where they name them, name the same ones.

Read on two sites: the demo, and the small township with every board's data plus what once went missing
(a 党总支's commitment was counted on the home page and shown nowhere else), the township committee's and a
leader's commitments, a review of a 党总支's secretary. Printed boards are read in their portrait sheets
(each poster holds both orientations); pages by the markup their partials produce."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

from noticeboard.boards.kinds import KINDS as DECLARED_KINDS
from noticeboard.rules.ratings import STAR_WORDS, VENUE_WORDS
from support.build import build_site, make_project
from support.markup import (
    GROUP_COUNT,
    Element,
    PrintedBoard,
    content,
    group_label,
    home_card,
    is_body_row,
    numbers,
    printed_board,
    read,
    under_headings,
)
from support.open_data import published
from support.township import Township, with_extras

pytestmark = pytest.mark.slow  # whole sites built

LEADERS = """\
leaders:
- id: l-shuji
  name: 赵光明
  post: 镇党委书记
"""

MORE_COMMITMENTS = """\
- id: g1
  by: qingshan
  text: 总支牵头修建村级文化广场
  due: 2026-06-30
  status: planned
- id: t1
  by: committee
  text: 年内建成镇级党群服务中心
  due: 2025-10-31
  status: fulfilled
  fulfilled_on: 2025-10-20
- id: t2
  by: l-shuji
  text: 每月到联系村走访一次
  due: 2025-12-31
  status: in_progress
"""

GENERAL_REVIEW = """\
- subject: qingshan
  reviewer: {name: 赵光明, post: 镇党委书记}
  level: committee
  overall: 统筹有力
  achievements: 文化广场立项
  problems: 对支部指导不够
  direction: 加强指导
  public: true
"""

PIONEER_POST = "  post:\n    title: 政策宣传岗\n    duties: 宣传惠农政策\n  private:\n"

PAIRINGS = """\
- id: p-shuiwu-qingshan
  with: qingshan
  partner: 县水务局
  partner_kind: county_department
  signed: 2024-03-01
  renewed: [2025-03-01]
  agreement: 帮助解决饮水困难
  results:
  - {date: 2025-05-10, item: 新建抽水站一座, funds: 8.0}
- id: p-jiguan-qingshan-1
  with: qingshan-1
  partner: zhen-jiguan
  signed: 2025-05-01
  agreement: 共同开展党员学习
"""
"""A pair of a 党总支 (no page of its own) with a county department, and of two branches."""

HONOURS = """\
- id: h2025-001
  title: 优秀共产党员
  who: m001
  by: 青山镇党委
  level: township
  proposed_on: 2025-06-20
  awarded_on: 2025-07-01
- id: h2025-002
  title: 先进基层党组织
  who: qingshan
  by: 青山镇党委
  level: township
  proposed_on: 2026-01-04
"""
"""An honour of a member, awarded, and one of a 党总支 (no page of its own), proposed."""

SCHOOL = """\
- name: 青山镇委党校
  place: 镇人社服务中心二楼
  head: {name: 钟晓岚, post: 镇党委委员、组织委员}
  teams:
  - id: dangjian
    name: 党的建设宣讲队
    members:
    - {member: m101, post: 镇组织办主任}
"""
LECTURES = """\
- {id: l1, topic: 党建知识专题学习, team: dangjian, audience: 各党支部书记, branches: all, date: 2025-03-26, status: held, attendance: 42}
- {id: l2, topic: 农业技术专题讲习, audience: 青山村党员, branches: [qingshan], date: 2025-04-20, status: held, attendance: 35}
- {id: l3, topic: 党员冬训专题讲习, audience: 镇机关党员, branches: [zhen-jiguan], deadline: 2025-12-31, status: planned}
"""
"""Lectures for the whole township, for a 党总支 (its branches' pages list it) and for a branch, one overdue."""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small township with every board's data, and records by the committee, a leader and a 党总支."""
    town = with_extras(Township(tmp_path_factory.mktemp("small") / "project"))
    text = (town.root / "data/site.yml").read_text(encoding="utf-8")
    town.set("data/site.yml", text + LEADERS)
    text = (town.root / "data/commitments/2025.yml").read_text(encoding="utf-8")
    town.set("data/commitments/2025.yml", text + MORE_COMMITMENTS)
    text = (town.root / "data/reviews/2025.yml").read_text(encoding="utf-8")
    town.set("data/reviews/2025.yml", text + GENERAL_REVIEW)
    town.replace("data/members/qingshan-1.yml", "  private:\n", PIONEER_POST)
    town.set("data/pairings.yml", PAIRINGS)
    town.set("data/honours/2025.yml", HONOURS)
    town.set("data/school.yml", SCHOOL)
    town.set("data/lectures/2025.yml", LECTURES)
    project = make_project(town.root)
    out = project / "site"
    result = build_site(out, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return out


@dataclass
class Built:
    """One built site, its pages read once."""

    root: Path
    pages: dict[str, Element] = field(default_factory=dict, repr=False)

    def page(self, path: str) -> Element:
        """The page at ``path`` (``commitments``, ``print/members`` …; ``""`` for the home page)."""
        if path not in self.pages:
            self.pages[path] = read(self.root / path / "index.html")
        return self.pages[path]

    def content(self, path: str) -> Element:
        return content(self.page(path))

    def printed(self, path: str) -> PrintedBoard:
        return printed_board(self.page(f"print/{path}"))

    def data(self, name: str) -> Any:
        return published((self.root / "data" / name).read_text(encoding="utf-8"))

    @cached_property
    def branch_pages(self) -> dict[str, Element]:
        """Branch id → its branch page's content (current year)."""
        return {
            path.parent.name: content(read(path)) for path in sorted(self.root.glob("branches/*/index.html"))
        }

    def home(self, title: str) -> str:
        return " ".join(home_card(self.page(""), title))


@pytest.fixture(scope="module", params=["demo", "small township"])
def built(request: pytest.FixtureRequest, small_site: Path) -> Built:
    return Built(request.getfixturevalue("site") if request.param == "demo" else small_site)


@dataclass
class Published:
    """What one kind's outputs say: how many records each counts, how many per level (boards by
    level), and the records themselves where an output names them."""

    totals: dict[str, int]
    levels: dict[str, Counter[str]] = field(default_factory=dict)
    entries: dict[str, Counter[tuple[str, ...]]] = field(default_factory=dict)


def _levels(rows: list[tuple[Element, Element]]) -> Counter[str]:
    """Rows per level, as their headings name it (``三星党支部（11 个）`` → ``三星``)."""
    return Counter(group_label(heading.text()) for heading, _ in rows)


def _stated(text: str) -> Counter[str]:
    """``三星 11 个 · 二星 20 个 · 未评定 1 个`` → the count per level."""
    return Counter({label: int(n) for label, n in re.findall(r"(\S+) (\d+) [个名]", text)})


def _printed_levels(printed: PrintedBoard) -> Counter[str]:
    return Counter(group_label(row.group or "") for row in printed.rows)


def _under(
    page: Element, *heading_ids: str, is_row: Callable[[Element], bool] = is_body_row
) -> list[tuple[Element, Element]]:
    """(heading, row) of the rows (table rows unless told) under the headings whose id starts with one of
    ``heading_ids``: the groups of a board, not its other tables."""
    return [
        (h, row) for h, row in under_headings(page, is_row) if h is not None and h.id.startswith(heading_ids)
    ]


def branch_stars(built: Built) -> Published:
    data = built.data("branches.json")
    summary = built.data("summary.json")["branches"]
    page = _under(built.content("boards/branches"), "stars-", "unrated")
    printed = built.printed("boards/branches")
    home = _stated(built.home("星级支部公示栏"))
    return Published(
        {
            "data/branches.json": len(data),
            "summary.json branches.total": summary["total"],
            "home page": sum(home.values()),
            "/boards/branches/ rows": len(page),
            "print/boards/branches/ rows": len(printed.rows),
        },
        {
            "data/branches.json": Counter(STAR_WORDS.get(b["stars"], "未评定") for b in data),
            "home page": home,
            "/boards/branches/": _levels(page),
            "print/boards/branches/": _printed_levels(printed),
        },
        {
            "data/branches.json": Counter((b["name"],) for b in data),
            "/boards/branches/": Counter((row.find("th").text().strip(),) for _, row in page),
            "print/boards/branches/": Counter((row.cells[0],) for row in printed.rows),
        },
    )


def member_stars(built: Built) -> Published:
    """Named members only: with the default privacy (both sites), starred members are named, the rest counted."""
    data = built.data("members.json")
    named = {branch: _under(page, "members-") for branch, page in built.branch_pages.items()}
    printed = built.printed("members")
    home = _stated(built.home("星级党员（各党支部公示栏）"))
    starred = Counter({words: home[words] for words in ("三星", "二星", "一星")})
    return Published(
        {
            "data/members.json": len(data),
            "home page (starred)": sum(starred.values()),
            "branch pages' named rows": sum(len(rows) for rows in named.values()),
            "print/members/ rows": len(printed.rows),
        },
        {
            "data/members.json": Counter(STAR_WORDS[m["stars"]] for m in data),
            "home page (starred)": starred,
            "branch pages": sum((_levels(rows) for rows in named.values()), Counter()),
            "print/members/": _printed_levels(printed),
        },
        {
            "data/members.json": Counter((m["branch"], m["name"]) for m in data),
            "branch pages": Counter(
                (branch, row.find("th").text().strip()) for branch, rows in named.items() for _, row in rows
            ),
            "print/members/": Counter(
                (row.poster.removeprefix("members-"), row.cells[0]) for row in printed.rows
            ),
        },
    )


def _commitment_rows(page: Element) -> list[Element]:
    """Rows of commitment tables: each has one status (``nb-status--…``)."""
    return [row for row in page.iter() if is_body_row(row) and row.find_all("span", "nb-status--")]


def _commitment(row: Element) -> tuple[str, str]:
    """(maker, text) of a page's row: the maker's name before the note under it, the text before its category."""
    return row.find("th").own_text(), row.find("td").own_text()


def commitments(built: Built) -> Published:
    data = built.data("commitments.json")
    page = built.content("commitments")
    rows = _commitment_rows(page)
    printed = built.printed("commitments")
    return Published(
        {
            "data/commitments.json": len(data),
            "summary.json commitments.total": built.data("summary.json")["commitments"]["total"],
            "home page 共 N 项": numbers(r"共 (\d+) 项", built.home("公开承诺"))[0],
            "/commitments/ 共 N 项": numbers(r"共 (\d+) 项", page.find("p", "nb-totals").text())[0],
            "/commitments/ jump list": sum(
                numbers(r"(\d+) 项", li.text())[0] for li in page.find("nav", "nb-jump").find_all("li")
            ),
            "/commitments/ group headings": sum(
                int(m.group(1)) for h in page.find_all("h2") if (m := GROUP_COUNT.search(h.text().strip()))
            ),
            "/commitments/ rows": len(rows),
            "print/commitments/ rows": len(printed.rows),
            "print/commitments/ summaries": sum(numbers(r"^共 (\d+) 项", s)[0] for s in printed.summaries),
        },
        entries={
            "data/commitments.json": Counter((c["maker"], c["text"]) for c in data),
            "/commitments/": Counter(_commitment(row) for row in rows),
            "print/commitments/": Counter(
                (row.cells[0].split("\n")[0], row.cells[1]) for row in printed.rows
            ),
        },
    )


REVIEW_BY = re.compile(r"点评人：(.*?)（")


def reviews(built: Built) -> Published:
    data = built.data("reviews.json")
    articles = built.content("reviews").find_all("article", "nb-review")
    printed = built.printed("reviews")
    return Published(
        {
            "data/reviews.json": len(data),
            "home page": numbers(r"公开点评 (\d+) 条", built.home("领导点评"))[0],
            "/reviews/ articles": len(articles),
            "print/reviews/ headings": len(printed.headings),
            "print/reviews/ summaries": sum(numbers(r"^共 (\d+) 条点评", s)[0] for s in printed.summaries),
        },
        entries={
            "data/reviews.json": Counter((r["subject"], r["reviewer"]) for r in data),
            "/reviews/": Counter(
                (
                    a.find("h3").text().strip().removeprefix("对").removesuffix("的点评"),
                    REVIEW_BY.findall(a.find("p", "nb-review__by").text())[0],
                )
                for a in articles
            ),
            "print/reviews/": Counter(
                (text.split("的点评　", 1)[0].removeprefix("对"), REVIEW_BY.findall(text)[0])
                for _, text in printed.headings
            ),
        },
    )


def pioneers(built: Built) -> Published:
    data = built.data("pioneers.json")
    cards = _under(built.content("pioneers"), "", is_row=lambda e: "nb-pioneer" in e.classes)
    printed = built.printed("pioneers")
    return Published(
        {
            "data/pioneers.json": len(data),
            "home page": numbers(r"设岗 (\d+) 个", built.home("党员先锋岗"))[0],
            "/pioneers/ cards": len(cards),
            "print/pioneers/ rows": len(printed.rows),
            "print/pioneers/ summaries": sum(
                numbers(r"设党员先锋岗 (\d+) 个", s)[0] for s in printed.summaries
            ),
        },
        entries={
            "data/pioneers.json": Counter((p["branch"], p["name"], p["post"]) for p in data),
            "/pioneers/": Counter(
                (
                    heading.id,
                    card.find("p", "nb-pioneer__name").text().strip(),
                    card.find("p", "nb-pioneer__post").text().strip(),
                )
                for heading, card in cards
            ),
            "print/pioneers/": Counter(
                (row.poster.removeprefix("pioneers-"), row.cells[0], row.cells[4]) for row in printed.rows
            ),
        },
    )


def venues(built: Built) -> Published:
    data = built.data("venues.json")
    board = built.content("venues")
    page = _under(board, "venues-")
    printed = built.printed("venues")
    home = _stated(built.home("活动场所星级"))
    return Published(
        {
            "data/venues.json": len(data),
            "home page": sum(home.values()),
            "/venues/ 共评定 N 个": numbers(r"共评定 (\d+) 个", board.text())[0],
            "/venues/ rows": len(page),
            "print/venues/ rows": len(printed.rows),
            "print/venues/ summary": numbers(r"共评定 (\d+) 个", printed.summaries[0])[0],
        },
        {
            "data/venues.json": Counter(VENUE_WORDS[v["stars"] or 0] for v in data),
            "home page": home,
            "/venues/": _levels(page),
            "print/venues/": _printed_levels(printed),
        },
    )


def _listed_organisation(element: Element) -> bool:
    return element.tag == "li" and element.parent is not None and "nb-org-list" in element.parent.classes


def classification(built: Built) -> Published:
    data = built.data("classification.json")
    page = built.content("classification")
    listed = _under(page, "grade-", is_row=_listed_organisation)
    printed = built.printed("classification")
    home = _stated(built.home("分类定级"))
    return Published(
        {
            "data/classification.json": len(data),
            "home page": sum(home.values()),
            "/classification/ 共有 N 个": numbers(r"共有 (\d+) 个党组织", page.text())[0],
            "/classification/ rows": len(listed),
            "print/classification/ rows": len(printed.rows),
            "print/classification/ summary": numbers(r"共 (\d+) 个党组织", printed.summaries[0])[0],
        },
        {
            "data/classification.json": Counter(c["grade"] for c in data),
            "home page": home,
            "/classification/": _levels(listed),
            "print/classification/": _printed_levels(printed),
        },
    )


def duty_reports(built: Built) -> Published:
    data = built.data("duty-reports.json")
    board = built.content("duty-reports")
    page = _under(board, "duty-")
    printed = built.printed("duty-reports")
    home = _stated(built.home("书记述职考核"))
    return Published(
        {
            "data/duty-reports.json": len(data),
            "home page": sum(home.values()),
            "/duty-reports/ 共 N 名": numbers(r"共 (\d+) 名党组织书记", board.text())[0],
            "/duty-reports/ rows": len(page),
            "print/duty-reports/ rows": len(printed.rows),
            "print/duty-reports/ summary": numbers(r"共 (\d+) 名书记", printed.summaries[0])[0],
        },
        {
            "data/duty-reports.json": Counter(d["grade"] for d in data),
            "home page": home,
            "/duty-reports/": _levels(page),
            "print/duty-reports/": _printed_levels(printed),
        },
    )


HONOUR_PARTS = {"proposed": "拟表彰", "awarded": "已表彰"}


def honours(built: Built) -> Published:
    """表彰: each honour by its part (拟表彰 or 已表彰), its title and whom it names."""
    data = built.data("honours.json")
    page = built.content("honours")
    rows = _under(page, "proposed-", "awarded-")
    printed = built.printed("honours")
    return Published(
        {
            "data/honours.json": len(data),
            "home page": sum(numbers(r"(\d+) 项", built.home("表彰"))),
            "/honours/ N 项 + N 项": sum(numbers(r"(\d+) 项", page.find("p", "nb-totals").text())),
            "/honours/ rows": len(rows),
            "print/honours/ rows": len(printed.rows),
        },
        entries={
            "data/honours.json": Counter((HONOUR_PARTS[h["status"]], h["title"], h["name"]) for h in data),
            "/honours/": Counter(
                (
                    HONOUR_PARTS[heading.id.split("-")[0]],
                    heading.text().split("（")[0].strip(),
                    row.find("th").text().strip(),
                )
                for heading, row in rows
            ),
            "print/honours/": Counter(
                (
                    HONOUR_PARTS[row.poster.removeprefix("honours-")],
                    (row.group or "").split("（")[0],
                    row.cells[0].split("\n")[0],
                )
                for row in printed.rows
            ),
        },
    )


PAIR_KINDS = {"县直部门–村": "county_village", "站所–村": "station_village", "站所–站所": "station_station"}


def pairings(built: Built) -> Published:
    """结对共创: each pair under its kind of pairing (its heading), named by its two sides."""
    data = built.data("pairings.json")
    page = built.content("pairings")
    articles: list[tuple[str, Element]] = []
    kind = ""
    for element in page.iter():
        if element.tag == "h2":
            kind = element.id.removeprefix("pairings-").replace("-", "_")
        elif element.tag == "article" and "nb-review" in element.classes:
            articles.append((kind, element))
    printed = built.printed("pairings")
    return Published(
        {
            "data/pairings.json": len(data),
            "home page": numbers(r"结对 (\d+) 对", built.home("结对共创"))[0],
            "/pairings/ 共有结对共创 N 对": numbers(
                r"共有结对共创 (\d+) 对", page.find("p", "nb-totals").text()
            )[0],
            "/pairings/ group headings": sum(
                numbers(r"（(\d+) 对）$", h.text().strip())[0]
                for h in page.find_all("h2")
                if h.id in {f"pairings-{key.replace('_', '-')}" for key in (*PAIR_KINDS.values(), "other")}
            ),
            "/pairings/ articles": len(articles),
            "print/pairings/ rows": len(printed.rows),
            "print/pairings/ summary": numbers(r"共有结对共创 (\d+) 对", printed.summaries[0])[0],
        },
        {
            "data/pairings.json": Counter(p["kind"] for p in data),
            "/pairings/": Counter(kind for kind, _ in articles),
            "print/pairings/": Counter(
                PAIR_KINDS.get(group_label(row.group or ""), "other") for row in printed.rows
            ),
        },
        {
            "data/pairings.json": Counter(f"{p['partner']['name']}与{p['with']['name']}" for p in data),
            "/pairings/": Counter(a.find("h3").text().strip() for _, a in articles),
            "print/pairings/": Counter(row.cells[0] for row in printed.rows),
        },
    )


def lectures(built: Built) -> Published:
    """党校讲习: the year's 专题讲习, each by its topic (the teams are standing, not counted records)."""
    data = built.data("lectures.json")["lectures"]
    page = built.content("lectures")
    rows = _under(page, "lectures")
    printed = built.printed("lectures")
    return Published(
        {
            "data/lectures.json": len(data),
            "home page 专题讲习 N 次": numbers(r"专题讲习 (\d+) 次", built.home("党校讲习"))[0],
            "/lectures/ 专题讲习 N 次": numbers(r"专题讲习 (\d+) 次", page.find("p", "nb-totals").text())[0],
            "/lectures/ rows": len(rows),
            "print/lectures/ rows": len(printed.rows),
            "print/lectures/ summary": numbers(r"^专题讲习 (\d+) 次", printed.summaries[0])[0],
        },
        entries={
            "data/lectures.json": Counter((lecture["topic"],) for lecture in data),
            "/lectures/": Counter((row.find("th").own_text(),) for _, row in rows),
            "print/lectures/": Counter((row.cells[0].split("：")[0],) for row in printed.rows),
        },
    )


KINDS: dict[str, Callable[[Built], Published]] = {
    "branches": branch_stars,
    "members": member_stars,
    "commitments": commitments,
    "reviews": reviews,
    "pioneers": pioneers,
    "venues": venues,
    "classification": classification,
    "duty_reports": duty_reports,
    "pairings": pairings,
    "honours": honours,
    "lectures": lectures,
}
"""Every board kind (``noticeboard.boards.kinds``) and how to read its outputs."""


def test_every_board_kind_is_checked() -> None:
    """A new board kind fails here until its outputs are read below."""
    assert sorted(kind.key for kind in DECLARED_KINDS) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_output_of_a_board_counts_the_same_records(built: Built, kind: str) -> None:
    published = KINDS[kind](built)
    reference, *_ = published.totals.values()  # the open data
    assert reference > 0, "the site has no such records: the check would prove nothing"
    assert published.totals == dict.fromkeys(published.totals, reference)
    for name, levels in published.levels.items():
        assert +levels == +next(iter(published.levels.values())), name
    for name, entries in published.entries.items():
        assert entries == next(iter(published.entries.values())), name


@pytest.mark.parametrize("kind", ["branches", "members", "classification", "duty_reports", "venues"])
def test_a_printed_group_heading_counts_the_rows_under_it(built: Built, kind: str) -> None:
    path = {"branches": "boards/branches", "duty_reports": "duty-reports"}.get(kind, kind)
    printed = built.printed(path)
    stated = Counter({(poster, text): int(GROUP_COUNT.findall(text)[0]) for poster, text in printed.headings})
    counted = Counter((row.poster, row.group) for row in printed.rows)
    assert stated == counted


def test_every_commitment_is_on_its_branch_page(built: Built) -> None:
    """A commitment of a branch (its own or a member's) is on the branch's page, and no other is."""
    data = built.data("commitments.json")
    pages = built.branch_pages
    expected = Counter((c["branch"], c["maker"], c["text"]) for c in data if c["branch"] in pages)
    shown = Counter(
        (branch, *_commitment(row)) for branch, page in pages.items() for row in _commitment_rows(page)
    )
    assert shown == expected
    assert len({c["id"] for c in data}) == len(data)  # ids are unique: a count is a count of commitments


def test_the_small_township_publishes_the_committee_the_leader_and_the_general_branch(
    small_site: Path,
) -> None:
    """What once went missing is in the open data, on the board and on paper."""
    built = Built(small_site)
    data = {c["id"]: c for c in built.data("commitments.json")}
    assert sorted(data) == ["c1", "c2", "g1", "t1", "t2"]
    shown = commitments(built).entries
    for key in ("t1", "t2", "g1"):
        record = (data[key]["maker"], data[key]["text"])
        assert all(record in entries for entries in shown.values()), (key, record)
    assert ("青山村党总支书记王建国", "赵光明") in reviews(built).entries["/reviews/"]
