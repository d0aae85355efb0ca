"""表彰 (推先选优、逐级表彰): what ``honours/<year>.yml`` may say (every mistake as ``FILE:LINE:``), the board
— 拟表彰对象公示 with each one's notice period (its own or the site's) and 表彰名单, grouped by title — its
reminders at their boundaries, its branch-page parts, open data, statistics, export and counts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.kinds.honours import BranchHonours, HonoursBoard, NoticePeriod
from noticeboard.boards.township import Boards, build_boards
from noticeboard.office import board_diff
from noticeboard.office.spreadsheet_export import sheets
from noticeboard.outputs.open_data import files as open_data_files
from support.open_data import records
from support.township import Edit, Replace, Township, Write

HONOURS = """\
# yaml-language-server: $schema=../../docs/schema/honours.schema.json
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
  notice: {start: 2025-06-11}
  awarded_on: 2025-06-28
- id: h2025-003
  title: 优秀党务工作者
  who: m101
  by: 青山镇党委
  level: 镇级
  proposed_on: 2026-01-04
- id: h2025-004
  title: 先进基层党组织
  who: qingshan-1
  by: 青山镇党委
  level: township
  proposed_on: 2026-01-04
  notice:
    start: 2026-01-05
    days: 5
  reason: 村集体经济收入突破50万元
"""
"""Line 2: h2025-001 (a member, awarded in its own period); line 11: h2025-002 (a 党总支, county, own
period of the site's length); line 19: h2025-003 (proposed, in the site's period, level in words);
line 25: h2025-004 (a branch, proposed, its own period)."""

FILE = "data/honours/2025.yml"
AS_OF = dt.date(2026, 1, 5)


@pytest.fixture
def honoured(town: Township) -> Township:
    town.set(FILE, HONOURS)
    return town


def boards_of(town: Township, as_of: dt.date = AS_OF) -> Boards:
    return build_boards(town.load(), as_of)


def board_of(town: Township, as_of: dt.date = AS_OF) -> HonoursBoard:
    board = boards_of(town, as_of).current.boards["honours"]
    assert isinstance(board, HonoursBoard)
    return board


# --- What the file may say ---------------------------------------------------------------------------

LEVELS = "township（镇级）、county（县级）、city（市级）、province（省级）、national（全国）"

BROKEN: list[tuple[str, list[Edit], str]] = [
    (
        "unknown member",
        [Replace(FILE, "who: m001", "who: m0001")],
        f"{FILE}:4: 表彰对象“m0001”既不是党员编号，也不是 branches.yml 里的党组织编号，是不是“m001”？",
    ),
    (
        "unknown organisation",
        [Replace(FILE, "who: qingshan-1", "who: qinshan-1")],
        f"{FILE}:27: 表彰对象“qinshan-1”既不是党员编号，也不是 branches.yml 里的党组织编号，是不是“qingshan-1”？",
    ),
    (
        "awarded before proposed",
        [Replace(FILE, "awarded_on: 2025-06-28", "awarded_on: 2025-06-09")],
        f"{FILE}:18: 表彰日期 awarded_on（2025年6月9日）早于拟表彰日期 proposed_on（2025年6月10日）："
        "应先公示拟表彰对象，再表彰",
    ),
    (
        "awarded years after the site's year",  # (a typo: it was published, and counted as 已表彰)
        [Replace(FILE, "awarded_on: 2025-06-28", "awarded_on: 2027-06-28")],
        f"{FILE}:18: 表彰日期 awarded_on（2027年6月28日）在 2026 年之后（site.yml 的 year 是 2025）；请核对年份",
    ),
    (
        "notice before proposed",
        [Replace(FILE, "    start: 2026-01-05", "    start: 2026-01-03")],
        f"{FILE}:32: 公示开始日期 start（2026年1月3日）早于拟表彰日期 proposed_on（2026年1月4日）：确定拟表彰对象后才能公示",
    ),
    (
        "duplicate id in the file",
        [Replace(FILE, "- id: h2025-003", "- id: h2025-001")],
        f"{FILE}:19: 表彰编号“h2025-001”重复，已在 {FILE}:2 使用；编号必须唯一",
    ),
    (
        "duplicate id in another year",
        [
            Write(
                "data/honours/2024.yml", HONOURS.replace("2025-0", "2024-0").replace("h2024-001", "h2025-004")
            )
        ],
        f"{FILE}:25: 表彰编号“h2025-004”重复，已在 data/honours/2024.yml:2 使用；编号必须唯一",
    ),
    (
        "level misspelt",
        [Replace(FILE, "level: county", "level: conty")],
        f"{FILE}:15: 表彰级别 level“conty”不是可选的值，应为 {LEVELS} 之一，是不是“county”（县级）？",
    ),
    (
        "level in other words",
        [Replace(FILE, "level: 镇级", "level: 县")],
        f"{FILE}:23: 表彰级别 level“县”不是可选的值，应为 {LEVELS} 之一，是不是“county”（县级）？",
    ),
    (
        "level unlike any",
        [Replace(FILE, "level: 镇级", "level: 优秀")],
        f"{FILE}:23: 表彰级别 level“优秀”不是可选的值，应为 {LEVELS} 之一",
    ),
    (
        "title empty",
        [Replace(FILE, "title: 优秀党务工作者", "title: ' '")],
        f"{FILE}:20: 缺少荣誉称号 title，例如 title: 优秀共产党员",
    ),
    (
        "title missing",
        [Replace(FILE, "  title: 优秀党务工作者\n", "")],
        f"{FILE}:19: 缺少荣誉称号 title，例如 title: 优秀共产党员",
    ),
    (
        "awarding body missing",
        [Replace(FILE, "  by: 中共云山县委\n", "")],
        f"{FILE}:11: 缺少表彰单位 by，例如 by: 青山镇党委",
    ),
    (
        "proposed date missing",
        [Replace(FILE, "  proposed_on: 2025-06-10\n", "")],
        f"{FILE}:11: 缺少拟表彰日期 proposed_on，例如 proposed_on: 2025-06-20",
    ),
    (
        "reason on two lines",
        [Replace(FILE, "reason: 带领群众发展油茶产业", "reason: |\n    带领群众\n    发展油茶产业")],
        f"{FILE}:10: 主要事迹 reason 只写一行（公示栏上每项一行），请删去换行",
    ),
    (
        "unknown key",
        [Replace(FILE, "  reason: 带领群众发展油茶产业", "  reasons: 带领群众发展油茶产业")],
        f"{FILE}:10: 未知字段“reasons”，是不是“reason”？",
    ),
    (
        "date that is no date",
        [Replace(FILE, "awarded_on: 2025-07-01", "awarded_on: 7月1日")],
        f"{FILE}:9: “awarded_on”（表彰日期）：“7月1日”应为日期，格式为 年-月-日，例如 2025-03-01",
    ),
]


@pytest.mark.parametrize(
    ("edits", "message"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_every_mistake_is_reported_at_its_line(honoured: Township, edits: list[Edit], message: str) -> None:
    assert honoured.edit(*edits).problems() == [message]


def test_every_mistake_at_once(honoured: Township) -> None:
    honoured.edit(
        Replace(FILE, "who: m001", "who: m0001"),
        Replace(FILE, "level: county", "level: conty"),
        Replace(FILE, "title: 优秀党务工作者", "title: ''"),
    )
    assert [problem.split(":")[1] for problem in honoured.problems()] == ["4", "15", "20"]


def test_a_member_whose_record_failed_is_not_also_unknown(honoured: Township) -> None:
    honoured.replace("data/members/qingshan-1.yml", "  gender: 女\n", "  gender: 女性\n")
    problems = honoured.problems()
    assert len(problems) == 1 and problems[0].startswith("data/members/qingshan-1.yml:")


def test_a_valid_file_loads_with_its_records_in_order(honoured: Township) -> None:
    records = honoured.load().yearly_records["honours"][2025]
    assert [r.id for r in records] == ["h2025-001", "h2025-002", "h2025-003", "h2025-004"]
    assert records[2].level == "township"  # 镇级 as the office writes it
    assert records[1].notice is not None and records[1].notice.days is None


# --- The board ---------------------------------------------------------------------------------------


def test_proposed_and_awarded_are_apart_and_grouped_by_title(honoured: Township) -> None:
    board = board_of(honoured)
    assert [(g.key, g.heading) for g in board.proposed] == [
        ("proposed-1", "先进基层党组织（1 个）"),
        ("proposed-2", "优秀党务工作者（1 名）"),
    ]
    assert [(g.key, g.heading) for g in board.awarded] == [
        ("awarded-1", "先进基层党组织（1 个）"),
        ("awarded-2", "优秀共产党员（1 名）"),
    ]
    assert board.summary == "2025 年度拟表彰对象 2 项，已表彰 2 项。"
    honoured.set(FILE, HONOURS.split("- id: h2025-003")[0])
    assert board_of(honoured).summary == "2025 年度已表彰 2 项。"
    assert board.proposed_heading == "拟表彰对象公示（2 项）"
    assert "请向青山镇党委组织办反映（监督电话 0874-6000000）" in board.proposed_note


def test_within_a_title_the_highest_level_first_then_as_written(honoured: Township) -> None:
    honoured.set(
        FILE,
        HONOURS + "- id: h2025-005\n  title: 先进基层党组织\n  who: zhen-jiguan\n  by: 中共云山县委\n"
        "  level: county\n  proposed_on: 2026-01-04\n"
        "- id: h2025-006\n  title: 先进基层党组织\n  who: qingshan\n  by: 青山镇党委\n"
        "  level: township\n  proposed_on: 2026-01-04\n"
        "- id: h2025-007\n  title: 脱贫攻坚先进集体\n  who: qingshan\n  by: 青山镇党委\n"
        "  level: township\n  proposed_on: 2026-01-04\n",
    )
    board = board_of(honoured)
    assert [g.title for g in board.proposed] == ["先进基层党组织", "优秀党务工作者", "脱贫攻坚先进集体"]
    assert [row.id for row in board.proposed[0].rows] == ["h2025-005", "h2025-004", "h2025-006"]


def test_who_is_named_and_where_they_belong(honoured: Township) -> None:
    rows = {row.id: row for row in board_of(honoured).rows}
    member, general, branch = rows["h2025-001"], rows["h2025-002"], rows["h2025-004"]
    assert (member.name, member.of_member, member.org.id, member.within) == (
        "邱美玲",
        True,
        "qingshan-1",
        "青山村第一党支部",
    )
    assert (general.name, general.org.has_page, general.within) == ("青山村党总支", False, "—")
    assert (branch.name, branch.within, branch.awarding) == (
        "青山村第一党支部",
        "青山村党总支",
        "青山镇党委（镇级）",
    )
    assert general.awarding == "中共云山县委（县级）"


def test_the_notice_period_is_its_own_or_the_site_s(honoured: Township) -> None:
    rows = {row.id: row for row in board_of(honoured).rows}
    assert rows["h2025-003"].notice == NoticePeriod(dt.date(2026, 1, 5), 7, own=False)  # the site's
    assert rows["h2025-004"].notice == NoticePeriod(dt.date(2026, 1, 5), 5, own=True)
    assert rows["h2025-002"].notice == NoticePeriod(dt.date(2025, 6, 11), 7, own=True)  # the site's length
    assert rows["h2025-001"].notice == NoticePeriod(dt.date(2025, 6, 21), 5, own=True)
    assert rows["h2025-004"].notice.text == "2026年1月5日至1月9日（5 天）"
    assert (rows["h2025-004"].notice.start_iso, rows["h2025-004"].notice.end_iso) == (
        "2026-01-05",
        "2026-01-09",
    )
    assert rows["h2025-004"].notice.printed == "2026.1.5\n至 2026.1.9"
    assert rows["h2025-003"].state_lead == "拟表彰，公示期"
    assert rows["h2025-001"].state_text == "2025年7月1日表彰"


def test_an_awarded_honour_without_its_own_period_shows_none(honoured: Township) -> None:
    honoured.replace(FILE, "  notice: {start: 2025-06-21, days: 5}\n", "")
    row = next(row for row in board_of(honoured).rows if row.id == "h2025-001")
    assert row.notice is None


def test_a_period_into_the_next_year_names_both_years() -> None:
    notice = NoticePeriod(dt.date(2025, 12, 29), 7, own=True)
    assert notice.end == dt.date(2026, 1, 4)
    assert notice.text == "2025年12月29日至2026年1月4日（7 天）"


def test_a_year_without_honours_has_no_board(honoured: Township) -> None:
    boards = boards_of(honoured)
    assert boards.current.boards.get("honours") is not None
    honoured.set(FILE, "# 暂无\n")
    assert "honours" not in boards_of(honoured).current.boards


# --- Reminders, at their boundaries ------------------------------------------------------------------


def reminders(town: Township, as_of: dt.date = AS_OF) -> list[str]:
    boards = boards_of(town, as_of)
    kind = next(kind for kind in KINDS if kind.key == "honours")
    return sorted(
        str(reminder)
        for view in boards.years.values()
        if (board := view.board(kind)) is not None
        for reminder in kind.reminders(boards, view, board)
    )


def test_a_consistent_file_has_no_reminder(honoured: Township) -> None:
    assert reminders(honoured) == []


def test_awarded_before_its_notice_period_ended(honoured: Township) -> None:
    # Its own period is 21–25 June: awarded on its last day is too early, the day after is not.
    honoured.replace(FILE, "awarded_on: 2025-07-01", "awarded_on: 2025-06-25")
    assert reminders(honoured) == [
        f"{FILE}:9: 提醒：邱美玲的“优秀共产党员”在 2025年6月25日 表彰，而公示期到 2025年6月25日 才结束："
        "应在公示期满、没有异议后再表彰"
    ]
    honoured.replace(FILE, "awarded_on: 2025-06-25", "awarded_on: 2025-06-26")
    assert reminders(honoured) == []


def test_a_proposed_honour_whose_period_ended_without_an_award(honoured: Township) -> None:
    # h2025-004's own period ends on 9 January: on that day nothing is said, the day after it is.
    assert reminders(honoured, dt.date(2026, 1, 9)) == []
    assert reminders(honoured, dt.date(2026, 1, 10)) == [
        f"{FILE}:25: 提醒：拟表彰青山村第一党支部的“先进基层党组织”的公示期已于 2026年1月9日 结束，"
        "还没有写表彰日期 awarded_on（已表彰的写上日期，不予表彰的从名单中删去）"
    ]


def test_a_proposed_honour_that_joined_the_site_s_period_late(honoured: Township) -> None:
    # The site's period begins on 5 January: proposed that day is in time, the day after is not.
    honoured.replace(FILE, "  proposed_on: 2026-01-04\n", "  proposed_on: 2026-01-05\n")
    assert reminders(honoured) == []
    honoured.replace(FILE, "  proposed_on: 2026-01-05\n", "  proposed_on: 2026-01-06\n")
    assert reminders(honoured) == [
        f"{FILE}:24: 提醒：拟表彰周丽娟的“优秀党务工作者”的拟表彰日期 2026年1月6日 晚于全镇公示期的开始日期 "
        "2026年1月5日，公示不足 7 天：请为它写自己的公示期 notice"
    ]


# --- Where it is shown ---------------------------------------------------------------------------------


def test_an_honour_is_on_its_branch_page_and_a_general_branch_s_only_on_the_board(honoured: Township) -> None:
    view = boards_of(honoured).current
    parts = {
        branch_id: section.view.rows
        for branch_id, page in view.pages.items()
        for section in page.sections
        if isinstance(section.view, BranchHonours)
    }
    assert {branch_id: [row.id for row in rows] for branch_id, rows in parts.items()} == {
        "qingshan-1": ["h2025-004", "h2025-001"],  # the branch's own (proposed first) and its member's
        "zhen-jiguan": ["h2025-003"],
    }


def test_the_open_data_names_members_without_their_id(honoured: Township) -> None:
    data = records(open_data_files(boards_of(honoured))["data/honours.json"])
    assert [h["id"] for h in data] == ["h2025-004", "h2025-003", "h2025-002", "h2025-001"]
    member = data[-1]
    assert member["name"] == "邱美玲" and member["subject_kind"] == "member"
    assert "m001" not in json.dumps(data)
    assert member["organisation"] == "qingshan-1" and member["level"] == "township"
    assert member["notice"] == {"start": "2025-06-21", "end": "2025-06-25", "days": 5, "own": True}
    assert data[1]["notice"] == {"start": "2026-01-05", "end": "2026-01-11", "days": 7, "own": False}
    assert data[1]["status"] == "proposed" and data[1]["awarded_on"] is None


def test_statistics_count_what_was_awarded_by_title_and_level(honoured: Township) -> None:
    boards = boards_of(honoured)
    kind = next(kind for kind in KINDS if kind.key == "honours")
    titles, levels = kind.figures(boards, boards.current.boards["honours"])
    assert [(bar.label, bar.count) for bar in titles.bars] == [("先进基层党组织", 1), ("优秀共产党员", 1)]
    assert [(bar.label, bar.count) for bar in levels.bars] == [
        ("镇级", 1),
        ("县级", 1),
        ("市级", 0),
        ("省级", 0),
        ("全国", 0),
    ]
    assert titles.note == "尚未表彰的拟表彰对象 2 项不计入"


def test_the_export_sheet_lists_every_honour(honoured: Township) -> None:
    sheet = next(sheet for sheet in sheets(boards_of(honoured)) if sheet.title == "2025表彰")
    assert [column.title for column in sheet.columns][:4] == ["编号", "荣誉称号", "表彰对象", "所在党组织"]
    first = sheet.rows[0]
    assert first[:6] == (
        "h2025-004",
        "先进基层党组织",
        "青山村第一党支部",
        "青山村党总支",
        "青山镇党委",
        "镇级",
    )
    assert first[7:11] == (dt.date(2026, 1, 5), dt.date(2026, 1, 9), None, "拟表彰")


def test_validate_counts_and_home_card(honoured: Township) -> None:
    boards = boards_of(honoured)
    kind = next(kind for kind in KINDS if kind.key == "honours")
    board = boards.current.boards["honours"]
    assert kind.counts(boards, board) == "表彰：拟表彰对象 2 项，已表彰 2 项"
    card = kind.home_card(boards, board)
    assert card is not None and (card.title, card.line) == ("表彰", "拟表彰对象 2 项 · 已表彰 2 项")


def test_the_what_changed_report_names_an_honour_awarded(honoured: Township) -> None:
    before = board_diff.snapshot(boards_of(honoured))
    honoured.replace(
        FILE,
        "  proposed_on: 2026-01-04\n- id: h2025-004",
        "  proposed_on: 2026-01-04\n  awarded_on: 2026-01-20\n- id: h2025-004",
    )
    report = board_diff.compare(before, board_diff.snapshot(boards_of(honoured)))
    assert [change.sentence() for change in report.changes] == [
        "优秀党务工作者：周丽娟：状态 拟表彰 → 已表彰，公示期 2026年1月5日至1月11日（7 天） → —，表彰日期 — → 2026年1月20日"
    ]
    assert "表彰（1 处变化）" in board_diff.render(report)
