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
