"""党校讲习: the school and its 讲师团 (school.yml), the year's 专题讲习 (lectures/<year>.yml) — planned,
held, overdue at the boundary of ``as_of`` — which branch pages list a lecture, the 学习专栏 link, what
the open data, the snapshot and the export carry, and every mistake in the files as ``FILE:LINE: message``."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from noticeboard.boards.kinds.lectures import COLUMN_PAGE, KIND, LectureBoard
from noticeboard.boards.township import Boards, build_boards
from noticeboard.office.board_diff import compare, render, snapshot
from noticeboard.office.spreadsheet_export import sheets
from noticeboard.outputs.open_data import files as open_data_files
from support.township import SITE, Edit, Replace, Township, Write

SCHOOL = "data/school.yml"
LECTURES = "data/lectures/2025.yml"

SCHOOL_TEXT = """\
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
    topics: [小龙虾养殖]
    members:
    - {name: 邓国平, post: 县水产技术推广站高级工程师}
"""

LECTURES_TEXT = """\
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
  speaker: {member: m101}
  audience: 青山村党员和种养大户
  branches: [qingshan]
  deadline: 2025-04-30
  date: 2025-04-20
  status: held
  attendance: 0
- id: 2025-03
  topic: 党员冬训专题讲习
  team: dangjian
  audience: 镇机关全体党员
  branches: [zhen-jiguan]
  deadline: 2026-01-05
  status: planned
"""


@pytest.fixture
def school(town: Township) -> Township:
    town.set(SCHOOL, SCHOOL_TEXT)
    town.set(LECTURES, LECTURES_TEXT)
    return town


def boards_of(town: Township, as_of: dt.date = dt.date(2026, 1, 5)) -> Boards:
    return build_boards(town.load(), as_of)


def board(town: Township, as_of: dt.date = dt.date(2026, 1, 5)) -> LectureBoard:
    shown = boards_of(town, as_of).current.boards["lectures"]
    assert isinstance(shown, LectureBoard)
    return shown


def reminders(town: Township, as_of: dt.date = dt.date(2026, 1, 5)) -> list[str]:
    boards = boards_of(town, as_of)
    return [
        str(r)
        for view in boards.years.values()
        if (b := view.board(KIND))
        for r in KIND.reminders(boards, view, b)
    ]


# --- The rules at their boundaries ------------------------------------------------------------


def test_no_school_and_no_lectures_is_no_board(town: Township) -> None:
    assert "lectures" not in boards_of(town).current.boards


def test_held_lectures_count_their_attendance_and_planned_ones_wait(school: Township) -> None:
    shown = board(school)
    c = shown.counts
    assert (c.total, c.held, c.planned, c.overdue, c.attendance) == (3, 2, 1, 0, 42)
    assert c.sentence == "专题讲习 3 次：已举办 2 次，参学 42 人次；计划中 1 次"
    held, _, planned = shown.rows
    assert held.when == "2025年3月26日" and held.result == "已举办，参学 42 人"
    assert planned.when == "完成时限 2026年1月5日" and planned.result == "计划中"
    assert held.result_lines == ("已举办", "参学 42 人") and planned.result_lines == ("计划中",)
    assert held.by == "党的建设宣讲队；主讲：刘志刚（市委组织部组织一科科长）"


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        (dt.date(2026, 1, 5), False),  # the deadline's own day is still within it
        (dt.date(2026, 1, 6), True),  # the day after: overdue
    ],
)
def test_a_planned_lecture_is_overdue_the_day_after_its_deadline(
    school: Township, as_of: dt.date, overdue: bool
) -> None:
    row = board(school, as_of).rows[-1]
    assert row.overdue is overdue
    assert row.result == ("计划中，已过完成时限" if overdue else "计划中")
    assert row.result_lines == (("计划中", "已过完成时限") if overdue else ("计划中",))
    assert board(school, as_of).counts.overdue == int(overdue)


def test_validate_reminds_of_a_planned_lecture_past_its_deadline(school: Township) -> None:
    assert reminders(school) == []
    assert reminders(school, dt.date(2026, 1, 6)) == [
        "data/lectures/2025.yml:28: 提醒：专题讲习“党员冬训专题讲习”的完成时限 2026年1月5日 已过，状态仍是 planned"
        "（计划中）；已举办的请改为 held 并写上 date 和 attendance，推迟的请改写时间"
    ]


LEADERS = """\
leaders:
- {id: l-shuji, name: 韩立新, post: 镇党委书记}
- {id: l-zuzhi, name: 陶志远, post: 镇党委委员、组织委员}
- {id: l-xuanchuan, name: 杨海波, post: 镇党委委员、宣传委员}
"""


def test_validate_reminds_of_a_post_site_yml_gives_to_another_leader(school: Township) -> None:
    """The school's head is the township's 组织委员: named otherwise than site.yml's, the boards would
    show two people in one post (a helper found 钟晓岚 on the lectures board, 陶志远 on the others)."""
    school.set("data/site.yml", SITE + LEADERS)
    assert reminders(school) == [
        "data/school.yml:3: 提醒：青山镇委党校写的是“钟晓岚（镇党委委员、组织委员）”，而 site.yml 的 leaders 里"
        "组织委员是陶志远；同一职务写了两个人，请核对哪一处没有更新"
    ]
    school.replace(SCHOOL, "{name: 钟晓岚,", "{name: 陶志远,")
    assert reminders(school) == []


def test_a_post_several_leaders_share_or_none_holds_is_not_compared(school: Township) -> None:
    school.set("data/site.yml", SITE + LEADERS)
    school.replace(SCHOOL, "镇党委委员、组织委员", "镇党委委员")  # shared by three: says nothing of who
    school.replace(SCHOOL, "青山村党总支书记", "镇党委委员、纪委书记")  # no leader holds 纪委书记 here
    assert reminders(school) == []
    school.replace(
        SCHOOL, "{name: 邓国平, post: 县水产技术推广站高级工程师}", "{name: 邓国平, post: 宣传委员}"
    )
    assert reminders(school) == [
        "data/school.yml:16: 提醒：青山镇委党校写的是“邓国平（宣传委员）”，而 site.yml 的 leaders 里"
        "宣传委员是杨海波；同一职务写了两个人，请核对哪一处没有更新"
    ]


def test_without_a_deadline_the_planned_date_is_what_passes(school: Township) -> None:
    school.replace(
        LECTURES, "  deadline: 2026-01-05\n  status: planned", "  date: 2026-01-02\n  status: planned"
    )
    assert board(school).rows[-1].overdue
    assert reminders(school) == [
        "data/lectures/2025.yml:28: 提醒：专题讲习“党员冬训专题讲习”的计划日期 2026年1月2日 已过，状态仍是 planned"
        "（计划中）；已举办的请改为 held 并写上 date 和 attendance，推迟的请改写时间"
    ]


def test_a_held_lecture_is_never_overdue(school: Township) -> None:
    # 2025-01 was held on 2025-03-26, before its deadline; held late it is still held, not overdue.
    school.replace(LECTURES, "date: 2025-03-26", "date: 2025-04-26")
    assert not any(row.overdue for row in board(school, dt.date(2026, 6, 1)).rows if row.held)


def test_lectures_are_listed_by_date_then_deadline_undated_last(school: Township) -> None:
    school.set(
        LECTURES,
        """\
        - {id: a, topic: 甲, audience: 党员, status: planned}
        - {id: b, topic: 乙, audience: 党员, status: planned, deadline: 2025-06-30}
        - {id: c, topic: 丙, audience: 党员, status: held, date: 2025-03-01, attendance: 5}
        """,
    )
    assert [row.topic for row in board(school).rows] == ["丙", "乙", "甲"]
    assert board(school).rows[-1].when == "时间待定"


def test_a_lecture_is_on_the_pages_of_the_branches_it_names(school: Township) -> None:
    """``all``: every branch; a 党总支 (qingshan): its branches; a branch (zhen-jiguan): that branch only."""
    by_branch = board(school).by_branch
    assert [row.id for row in by_branch["qingshan-1"]] == ["2025-01", "2025-02"]
    assert [row.id for row in by_branch["zhen-jiguan"]] == ["2025-01", "2025-03"]
    view = boards_of(school).current
    sections = {s.template: s for s in view.pages["qingshan-1"].sections}
    part = sections["partials/nb/branch-lectures.html"].view
    assert part.sentence == "本年度安排本支部参学的专题讲习 2 次，已举办 2 次。"


def test_a_branch_no_lecture_names_has_no_lecture_part(school: Township) -> None:
    school.replace(LECTURES, "branches: all", "branches: [qingshan]")
    school.replace(LECTURES, "branches: [zhen-jiguan]", "branches: [qingshan-1]")
    page = boards_of(school).current.pages["zhen-jiguan"]
    assert "partials/nb/branch-lectures.html" not in [s.template for s in page.sections]


@pytest.mark.parametrize("words", ["all", "全部", "全镇"])
def test_the_whole_township_may_be_written_in_words(school: Township, words: str) -> None:
    school.replace(LECTURES, "branches: all", f"branches: {words}")
    assert board(school).rows[0].branches is None


def test_the_school_and_its_teams_name_members_by_the_registry(school: Township) -> None:
    (shown,) = board(school).schools
    assert shown.sentence == "青山镇委党校设在镇人社服务中心二楼，校长：钟晓岚（镇党委委员、组织委员）。"
    assert shown.teams_sentence == (
        "青山镇讲师团以党校为依托，设党的建设宣讲队、农业技术宣讲队共 2 个宣讲队，讲师 3 名。"
    )
    team = shown.teams[0]
    assert team.heading == "党的建设宣讲队（2 名讲师）"
    assert team.roster_words == "周丽娟（镇组织办主任（队长））、王建国（青山村党总支书记）"
    assert board(school).rows[1].speaker is not None and board(school).rows[1].speaker.words == "周丽娟"


def test_earlier_years_show_their_lectures_without_todays_roster(school: Township) -> None:
    school.set(
        "data/lectures/2024.yml",
        "- {id: x24, topic: 旧讲习, audience: 党员, status: held, date: 2024-05-01, attendance: 9}\n",
    )
    earlier = boards_of(school).years[2024].boards["lectures"]
    assert isinstance(earlier, LectureBoard)
    assert (
        [row.topic for row in earlier.rows] == ["旧讲习"] and earlier.schools == () and earlier.column is None
    )


# --- The 学习专栏 -------------------------------------------------------------------------------

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


def test_the_column_links_its_category_page_once_a_story_is_in_it(school: Township) -> None:
    column = board(school).column
    assert column is not None and column.page is None and column.stories == ()
    assert column.sentence == "参学干部撰写的学习心得，经审核后在“经验做法”的学习专栏展示；目前还没有文章。"
    school.set("docs/stories/posts/study.md", STUDY)
    column = board(school).column
    assert column is not None and column.page == COLUMN_PAGE == "stories/category/学习专栏.md"
    assert [(s.title, s.path) for s in column.stories] == [("学习心得：开好“三会一课”", "study.md")]
    assert column.link_words == "学习专栏全部文章（1 篇）"


def test_a_draft_makes_no_category_page_so_it_is_not_linked(school: Township) -> None:
    school.set("docs/stories/posts/study.md", STUDY.replace("slug: study", "slug: study\ndraft: true"))
    column = board(school).column
    assert column is not None and column.page is None


# --- What the outputs carry -------------------------------------------------------------------


def test_the_open_data_names_lecturers_but_carries_no_member_id(school: Township) -> None:
    boards = boards_of(school)
    text = open_data_files(boards)["data/lectures.json"]
    data = json.loads(text)
    assert [lecture["id"] for lecture in data["lectures"]] == ["2025-01", "2025-02", "2025-03"]
    assert data["lectures"][1]["speaker"] == {"name": "周丽娟", "post": None}
    assert data["lectures"][0]["branches"] == "all" and data["lectures"][1]["branches"] == ["qingshan"]
    assert data["schools"][0]["teams"][0]["members"][0] == {"name": "周丽娟", "post": "镇组织办主任（队长）"}
    assert "m101" not in text


def test_the_snapshot_reports_a_lecture_held_and_a_roster_changed(school: Township) -> None:
    before = snapshot(boards_of(school))
    school.replace(
        LECTURES,
        "  deadline: 2026-01-05\n  status: planned",
        "  date: 2026-01-04\n  status: held\n  attendance: 30",
    )
    school.replace(SCHOOL, "{name: 邓国平", "{name: 邓国华")
    text = render(compare(before, snapshot(boards_of(school))))
    assert "党员冬训专题讲习" in text and "已举办" in text
    assert "农业技术宣讲队" in text and "邓国华" in text


def test_the_snapshot_reports_the_schools_head_replaced(school: Township) -> None:
    """The demo's school got another head (钟晓岚 → 陶志远) and the change log said nothing of it."""
    before = snapshot(boards_of(school))
    school.replace(
        SCHOOL, "{name: 钟晓岚, post: 镇党委委员、组织委员}", "{name: 陶志远, post: 镇党委委员、组织委员}"
    )
    text = render(compare(before, snapshot(boards_of(school))))
    assert "青山镇委党校" in text and "钟晓岚" in text and "陶志远" in text


def test_the_snapshot_reports_a_lecture_credited_to_another_team(school: Township) -> None:
    before = snapshot(boards_of(school))
    school.replace(
        LECTURES, "  topic: 农业技术专题讲习\n  team: nongye", "  topic: 农业技术专题讲习\n  team: dangjian"
    )
    text = render(compare(before, snapshot(boards_of(school))))
    assert "专题讲习：农业技术专题讲习：宣讲队 农业技术宣讲队 → 党的建设宣讲队" in text


def test_the_export_has_the_lectures_and_the_roster_with_member_ids(school: Township) -> None:
    found = {sheet.title: sheet for sheet in sheets(boards_of(school))}
    lectures = found["2025专题讲习"]
    assert [row[0] for row in lectures.rows] == ["2025-01", "2025-02", "2025-03"]
    assert lectures.rows[0][9:11] == ("已举办", 42)
    assert found["2025讲师团"].rows[0] == (
        "党的建设宣讲队",
        "周丽娟",
        "镇组织办主任（队长）",
        "m101",
        "组工知识、基层党组织换届",
    )


def test_statistics_count_the_attendance_of_held_lectures(school: Township) -> None:
    boards = boards_of(school)
    (figure,) = KIND.figures(boards, boards.current.boards["lectures"])
    assert figure.title == "专题讲习参学人数（2025 年度）：已举办 2 次，共 42 人次"
    assert [(bar.label, bar.count) for bar in figure.bars] == [
        ("党建知识专题学习", 42),
        ("农业技术专题讲习", 0),
    ]


def test_validate_counts_lectures_and_teams(school: Township) -> None:
    boards = boards_of(school)
    assert KIND.counts(boards, boards.current.boards["lectures"]) == (
        "专题讲习 3 次（已举办 2 次，参学 42 人次；计划中 1 次，逾期 0 次）；讲师团 2 个宣讲队，讲师 3 名"
    )


def test_home_card_and_share_text(school: Township) -> None:
    boards = boards_of(school)
    shown = boards.current.boards["lectures"]
    card = KIND.home_card(boards, shown)
    assert (card.title, card.line, card.page) == (
        "党校讲习",
        "宣讲队 2 个 · 专题讲习 3 次：已举办 2 次，参学 42 人次；计划中 1 次",
        "lectures",
    )
    (page,) = KIND.pages(boards.current, shown)
    assert KIND.share_text(page).lines == (
        "讲师团 2 个宣讲队，讲师 3 名",
        "专题讲习 3 次：已举办 2 次，参学 42 人次；计划中 1 次",
    )
    assert [link.key for link in page.prints] == ["lectures", "lectures/teams"]


# --- Every mistake, where it is -------------------------------------------------------------------

MISTAKES: list[tuple[tuple[Edit, ...], list[str]]] = [
    (
        (Replace(LECTURES, "team: nongye", "team: nongyi"),),
        ["data/lectures/2025.yml:15: 宣讲队“nongyi”不在 school.yml 的讲师团里；是不是“nongye”？"],
    ),
    (
        (Replace(LECTURES, "team: nongye", "team: wenhua"),),
        [
            "data/lectures/2025.yml:15: 宣讲队“wenhua”不在 school.yml 的讲师团里；可写的宣讲队编号：dangjian、nongye"
        ],
    ),
    (
        (Replace(SCHOOL, "member: m101", "member: m999"),),
        ["data/school.yml:10: 党员编号“m999”不在党员名册（members/）里；不是本镇党员的请写 name（姓名）"],
    ),
    (
        (Replace(LECTURES, "speaker: {member: m101}", "speaker: {member: m998}"),),
        [
            "data/lectures/2025.yml:16: 党员编号“m998”不在党员名册（members/）里；不是本镇党员的请写 name（姓名）"
        ],
    ),
    (
        (Replace(LECTURES, "  date: 2025-03-26\n", ""),),
        ["data/lectures/2025.yml:10: 状态为 held（已举办）时必须填写 date（举办日期）"],
    ),
    (
        (Replace(LECTURES, "  attendance: 42\n", ""),),
        ["data/lectures/2025.yml:11: 状态为 held（已举办）时必须填写 attendance（参学人数）"],
    ),
    (
        (Replace(LECTURES, "attendance: 42", "attendance: -3"),),
        ["data/lectures/2025.yml:12: “attendance”：-3 超出范围：不能小于 0"],
    ),
    (  # (99999999999 was accepted, and published)
        (Replace(LECTURES, "attendance: 42", "attendance: 420000"),),
        ["data/lectures/2025.yml:12: “attendance”：420000 超出范围：不能大于 100000"],
    ),
    (
        (Replace(LECTURES, "  status: planned\n", "  status: planned\n  attendance: 12\n"),),
        ["data/lectures/2025.yml:30: 只有状态为 held（已举办）时才填写 attendance（参学人数）"],
    ),
    (
        (Replace(LECTURES, "- id: 2025-02", "- id: 2025-01"),),
        [
            "data/lectures/2025.yml:13: 专题讲习编号“2025-01”重复，已在 data/lectures/2025.yml:1 使用；编号必须唯一"
        ],
    ),
    (
        (Write("data/lectures/2024.yml", "- {id: 2025-03, topic: 旧, audience: 党员, status: planned}\n"),),
        [
            "data/lectures/2025.yml:23: 专题讲习编号“2025-03”重复，已在 data/lectures/2024.yml:1 使用；编号必须唯一"
        ],
    ),
    (
        (Replace(SCHOOL, "- id: nongye", "- id: dangjian"),),
        [
            "data/lectures/2025.yml:15: 宣讲队“nongye”不在 school.yml 的讲师团里；可写的宣讲队编号：dangjian",
            "data/school.yml:12: 宣讲队编号“dangjian”重复，已在 data/school.yml:6 使用；编号必须唯一",
        ],
    ),
    (
        (Replace(LECTURES, "branches: [qingshan]", "branches: [qingshan, qinshan-2]"),),
        ["data/lectures/2025.yml:18: 党组织“qinshan-2”不存在于 branches.yml；全镇参学请写 branches: all"],
    ),
    (
        (Replace(SCHOOL, "{name: 王建国, post", "{name: 王建国, member: m001, post"),),
        ["data/school.yml:11: member（党员编号）和 name（姓名）只写一个：本镇党员写 member，其他人写 name"],
    ),
    (
        (
            Replace(
                SCHOOL,
                "    - {name: 邓国平, post: 县水产技术推广站高级工程师}",
                "    - {post: 县水产技术推广站高级工程师}",
            ),
        ),
        ["data/school.yml:16: “members”：应写 member（党员编号）或 name（姓名）"],
    ),
    (
        (
            Replace(
                SCHOOL,
                "    members:\n    - {name: 邓国平, post: 县水产技术推广站高级工程师}",
                "    members: []",
            ),
        ),
        ["data/school.yml:15: 农业技术宣讲队还没有讲师；members 里至少写一名讲师"],
    ),
    (
        (
            Replace(
                SCHOOL, "    - {name: 王建国, post: 青山村党总支书记}", "    - {member: m101, post: 副队长}"
            ),
        ),
        ["data/school.yml:11: 讲师“周丽娟”在党的建设宣讲队里写了两次"],
    ),
    (
        # A broken school.yml is reported once: the lectures naming its teams are not blamed as well.
        (Replace(SCHOOL, "    topics: [小龙虾养殖]\n", "    topics: [小龙虾养殖]\n    备注: 队长邓国平\n"),),
        ["data/school.yml:15: 未知字段“备注”：备注请写成以 # 开头的一行（# 后面的文字是注释，不会公开）"],
    ),
    (
        (Replace(LECTURES, "status: planned", "status: 计划"),),
        ["data/lectures/2025.yml:29: “status”（状态）：“计划”不是可选的值，应为 planned、held 之一"],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), MISTAKES)
def test_every_mistake_is_reported_at_its_line(
    school: Township, edits: tuple[Edit, ...], expected: list[str]
) -> None:
    assert school.edit(*edits).problems() == expected


def test_a_file_in_lectures_must_be_named_by_its_year(school: Township) -> None:
    school.set("data/lectures/2025年.yml", LECTURES_TEXT)
    assert school.problems() == ["data/lectures/2025年.yml:1: 文件名应为四位数的年份，例如 2025.yml"]
