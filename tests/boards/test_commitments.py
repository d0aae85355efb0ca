"""公开承诺: who may commit (the committee, its leaders, every organisation, members), the order of the
board, and the fulfilment rate over what has fallen due, at its boundaries."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from noticeboard.boards.kinds import KINDS, load_township
from noticeboard.boards.kinds.commitments import CommitmentsBoard
from noticeboard.boards.paper import PrintContext
from noticeboard.boards.township import build_boards
from noticeboard.outputs import print_pages
from noticeboard.outputs.open_data import files as open_data_files
from noticeboard.registries.frozen import replace
from support import ROOT
from support.open_data import records
from support.township import Township

KIND = next(kind for kind in KINDS if kind.key == "commitments")

LEADERS = """\
leaders:
- id: l-shuji
  name: 赵光明
  post: 镇党委书记
- id: l-zuzhi
  name: 钱文静
  post: 镇党委组织委员
"""

TOWNSHIP_COMMITMENTS = """\
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
- id: g1
  by: qingshan
  text: 总支牵头修建村级文化广场
  due: 2026-06-30
  status: planned
"""


def board(town: Township, as_of: dt.date = dt.date(2026, 1, 5)) -> CommitmentsBoard:
    result = build_boards(town.load(), as_of).current.boards["commitments"]
    assert isinstance(result, CommitmentsBoard)
    return result


@pytest.fixture
def township(town: Township) -> Township:
    town.set("data/site.yml", (town.root / "data/site.yml").read_text(encoding="utf-8") + LEADERS)
    town.set(
        "data/commitments/2025.yml",
        (town.root / "data/commitments/2025.yml").read_text(encoding="utf-8") + TOWNSHIP_COMMITMENTS,
    )
    return town


def test_the_committees_poster_is_headed_by_the_committee_and_its_leaders_not_the_township(
    township: Township,
) -> None:
    # Headed 公开承诺公示栏 under the township's name alone, its 共 3 项 read as all the township's.
    printing = PrintContext(
        live=lambda kind, key: f"https://x/{kind}/{key}", photo=str, organisation="青山镇党委"
    )
    boards = build_boards(township.load(), dt.date(2026, 1, 5))
    posters = {page.key: page.posters[0] for page in print_pages.catalogue(boards, printing) if page.posters}
    assert posters["commitments/committee"].subject == "青山镇党委和党政领导班子成员"
    assert posters["commitments/qingshan-1"].subject == "青山村第一党支部"


@pytest.mark.parametrize(
    ("post", "portrait", "landscape"),
    [
        (
            "镇党委副书记、镇长",
            ["镇党委副书记", "镇长"],
            ["镇党委副书记、镇长"],
        ),  # 6 + 、 + 2: not on 6 a line
        ("镇党委委员、组织委员", ["镇党委委员", "组织委员"], ["镇党委委员", "组织委员"]),  # 10 > 9 either way
        ("镇长、镇党委副书记", ["镇长", "镇党委副书记"], ["镇长、镇党委副书记"]),  # 9 fit a landscape line
        ("书记、镇长", ["书记、镇长"], ["书记、镇长"]),  # exactly six
        (
            "县委组织部派驻第一书记",
            ["县委组织部派驻第一书记"],
            ["县委组织部派驻第一书记"],
        ),  # too long: as written
    ],
)
def test_a_leaders_posts_are_printed_whole_under_the_name_as_many_to_a_line_as_fit(
    township: Township, post: str, portrait: list[str], landscape: list[str]
) -> None:
    # A 、 may not begin a line: wrapped by the browser, 镇党委副书记、镇长 printed 镇党委副书 / 记、镇长.
    township.set(
        "data/site.yml",
        (township.root / "data/site.yml")
        .read_text(encoding="utf-8")
        .replace("post: 镇党委书记", f"post: {post}"),
    )
    printing = PrintContext(
        live=lambda kind, key: f"https://x/{kind}/{key}", photo=str, organisation="青山镇"
    )
    boards = build_boards(township.load(), dt.date(2026, 1, 5))
    poster = next(
        page.posters[0]
        for page in print_pages.catalogue(boards, printing)
        if page.key == "commitments/committee"
    )
    landscape_rows = poster.rows_landscape or poster.rows
    printed = {
        orientation: next(row.cells[0].split("\n") for row in rows if row.cells[0].startswith("赵光明"))
        for orientation, rows in (("portrait", poster.rows), ("landscape", landscape_rows))
    }
    assert printed == {"portrait": ["赵光明", *portrait], "landscape": ["赵光明", *landscape]}
    for lines in printed.values():
        assert "、".join(lines[1:]) == post  # nothing of the post lost or added


def test_committee_and_leaders_come_first_then_every_organisation_in_registry_order(
    township: Township,
) -> None:
    shown = board(township)
    assert [group.key for group in shown.groups] == ["committee", "qingshan", "qingshan-1"]
    committee = shown.groups[0]
    assert committee.name == "青山镇党委和党政领导班子成员"
    assert [(row.maker, row.maker_note) for row in committee.rows] == [
        ("青山镇党委", None),
        ("赵光明", "镇党委书记"),
    ]
    general = shown.groups[1]
    assert general.org is not None and not general.org.has_page  # a 党总支 has no page: its group has no link
    assert [row.maker for row in general.rows] == ["青山村党总支"]
    members = [row for row in shown.groups[2].rows if row.by_member]
    assert [(row.maker, row.maker_note) for row in members] == [("邱美玲", "农村党员")]


def test_every_valid_commitment_is_in_the_open_data_and_on_a_printed_board(township: Township) -> None:
    boards = build_boards(township.load(), dt.date(2026, 1, 5))
    published = open_data_files(boards)

    ids = [c["id"] for c in records(published["data/commitments.json"])]
    assert sorted(ids) == ["c1", "c2", "g1", "t1", "t2"]
    kinds = {
        c["id"]: (c["maker_kind"], c["maker_post"], c["branch"])
        for c in records(published["data/commitments.json"])
    }
    assert kinds["t1"] == ("committee", None, None)
    assert kinds["t2"] == ("leader", "镇党委书记", None)
    assert kinds["g1"] == ("branch", None, "qingshan")
    summary = json.loads(published["data/summary.json"])["commitments"]
    assert summary["total"] == len(ids)


@pytest.mark.parametrize(
    ("due", "status", "as_of", "fallen_due", "rate"),
    [
        ("2026-01-04", "fulfilled", "2026-01-05", True, "100.0"),  # the deadline passed yesterday
        ("2026-01-05", "in_progress", "2026-01-05", False, None),  # the last day: not yet due
        ("2026-01-04", "in_progress", "2026-01-05", True, "0.0"),  # due and not kept: counts against
        ("2026-06-30", "fulfilled", "2026-01-05", False, None),  # kept early: beside the rate, not in it
    ],
)
def test_the_rate_is_over_commitments_fallen_due(
    town: Township, due: str, status: str, as_of: str, fallen_due: bool, rate: str | None
) -> None:
    fulfilled_on = "\n  fulfilled_on: 2025-12-01" if status == "fulfilled" else ""
    town.set(
        "data/commitments/2025.yml",
        f"- id: x1\n  by: m001\n  text: 修一条路\n  due: {due}\n  status: {status}{fulfilled_on}\n",
    )
    shown = board(town, dt.date.fromisoformat(as_of))
    (row,) = shown.groups[0].rows
    assert row.fallen_due is fallen_due
    total = shown.total
    assert total.rate == (Decimal(rate) if rate else None)
    assert (total.due, total.not_due) == ((1, 0) if fallen_due else (0, 1))
    assert total.rate_text == (f"{rate}%" if rate else "—")


def test_not_yet_due_commitments_do_not_lower_a_branch_rate(town: Township) -> None:
    """青山村第四党支部 showed 11.1% because 131 commitments fall due in 2026: they are counted apart."""
    rows = "".join(
        f"- id: n{i}\n  by: m001\n  text: 事项{i}\n  due: 2026-0{i + 1}-01\n  status: in_progress\n"
        for i in range(1, 9)
    )
    town.set(
        "data/commitments/2025.yml",
        rows
        + "- id: d1\n  by: m001\n  text: 已办\n  due: 2025-06-01\n  status: fulfilled\n  fulfilled_on: 2025-05-20\n",
    )
    shown = board(town)
    fulfilment = shown.fulfilment.rows[0]
    assert (fulfilment.due, fulfilment.due_fulfilled, fulfilment.not_due) == (1, 1, 8)
    assert fulfilment.rate == Decimal("100.0")
    assert fulfilment.sentence == "已到期 1 项，其中已兑现 1 项，兑现率 100.0%；未到期 8 项"


def test_members_commitments_by_category(township: Township) -> None:
    township.replace("data/commitments/2025.yml", "- id: c2\n  by: qingshan-1", "- id: c2\n  by: m101")
    shown = board(township)
    assert [(row.name, row.total) for row in shown.categories] == [("农村党员", 1), ("机关党员", 1)]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("data/commitments/2025.yml", "by: m001", "by: l-shuj"),
            "data/commitments/2025.yml:2: 承诺人“l-shuj”既不是党员编号、党组织编号，也不是 site.yml 中 leaders "
            "的领导编号（镇党委本身写 committee）；是不是“l-shuji”？",
        ),
        (
            ("data/site.yml", "id: l-zuzhi", "id: m001"),
            "data/site.yml:14: 领导编号“m001”与党员编号相同，承诺人无法区分；请换一个编号",
        ),
        (
            ("data/site.yml", "id: l-zuzhi", "id: committee"),
            "data/site.yml:14: 领导编号“committee”与镇党委的固定写法相同，承诺人无法区分；请换一个编号",
        ),
    ],
)
def test_who_may_commit_is_checked(township: Township, edit: tuple[str, str, str], message: str) -> None:
    township.replace(*edit)
    assert township.problems() == [message]


def test_a_commitments_dates_and_progress_are_printed_in_words(township: Township) -> None:
    rows = {row.id: row for group in board(township).groups for row in group.rows}
    helped = rows["c1"]
    assert (helped.due_text, helped.approved_on_text, helped.fulfilled_on_text) == (
        "2025年12月1日",
        "2025年2月5日",
        "",
    )
    assert helped.progress == (("2025年6月1日", "已帮扶 2 户"),)
    assert rows["c2"].fulfilled_on_text == "2025年11月20日"
    assert rows["c2"].progress == ()
    with_no_deadline = replace(helped, due=None)
    assert with_no_deadline.due_text == "—"  # a commitment without a deadline shows a dash, not an empty cell


def test_each_row_carries_its_commitments_own_values() -> None:
    """A row is made field by field in order (for speed): every value it shares a name with the
    commitment or its result is that one's, in every row of the demo's boards (made, due, approved_on
    and fulfilled_on are all dates, and would not be told apart by their type)."""
    boards = build_boards(load_township(ROOT / "data", root=ROOT), dt.date(2026, 1, 5))
    shared = ("id", "by", "text", "category", "status", "made", "due")
    shared += ("approved_by", "approved_on", "fulfilled_on", "updates")
    checked = 0
    for view in boards.years.values():
        rows = {row.id: row for group in view.board(KIND).groups for row in group.rows}
        for result in view.results.commitments:
            row, commitment = rows[result.commitment.id], result.commitment
            for name in shared:
                assert getattr(row, name) == getattr(commitment, name), (commitment.id, name)
            assert (row.year, row.branch, row.maker_kind) == (
                result.year,
                result.branch_id,
                result.maker_kind,
            )
            assert (row.overdue, row.fallen_due) == (result.overdue, result.fallen_due)
            checked += 1
    assert checked == sum(len(view.results.commitments) for view in boards.years.values()) > 0
