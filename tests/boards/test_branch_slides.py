"""The hall TV's branch slides name every branch the board lists: each star level's, then those 未评定."""

from __future__ import annotations

import datetime as dt

from noticeboard.boards.township import build_boards
from noticeboard.outputs import screens
from support.township import BRANCHES, Township

UNRATED = """\
- id: zhen-gongdian
  name: 镇供电所党支部
  kind: organ
  secretary: 孙立
"""


def test_a_branch_without_an_assessment_is_on_the_tv_as_on_the_board(town: Township) -> None:
    town.set("data/branches.yml", BRANCHES + UNRATED)
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    board = boards.current.boards["branches"]
    listed = {row.name for row in board.rows}
    slides = screens.slides(boards, [], None)
    shown = {name for slide in slides if slide.heading.startswith("2025 年度") for name in slide.names}
    assert "镇供电所党支部" in listed
    assert shown == listed
    assert any(slide.heading == "2025 年度未评定" and slide.names == ("镇供电所党支部",) for slide in slides)


def test_a_halls_screen_shows_its_branchs_commitments_as_its_page_does(town: Township) -> None:
    # A hall's screen listed 公开承诺 among its boards and showed none of the branch's 25.
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    slides = screens.slides(boards, [], "qingshan-1")
    shown = [row for slide in slides if slide.kind == "commitments" for row in slide.rows]
    assert shown == [
        ("邱美玲", "结对帮扶 3 户困难群众", "逾期"),  # in progress, its deadline 2025-12-01 passed
        ("本支部", "年内硬化村组道路 2 公里", "已兑现"),  # the branch's own, in its own hall
    ]
    assert {slide.branch for slide in slides if slide.kind == "commitments"} == {"qingshan-1"}
    (branch,) = [slide for slide in slides if slide.kind == "branch"]
    assert "公开承诺：已到期 2 项，其中已兑现 1 项，兑现率 50.0%" in branch.lines


def test_a_hall_without_commitments_says_so_and_shows_no_empty_table(town: Township) -> None:
    town.set("data/commitments/2025.yml", "[]\n")
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    slides = screens.slides(boards, [], "qingshan-1")
    assert not [slide for slide in slides if slide.kind == "commitments"]
    (branch,) = [slide for slide in slides if slide.kind == "branch"]
    assert "本年度没有公开承诺" in branch.lines
