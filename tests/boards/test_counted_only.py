"""A branch's star-member board says whom it counts and does not name, so the names add up to its total.

The demo's 龙潭村第四党支部 said 共有党员 27 名 and named 26: its one member without a star is only counted
(``site.yml``'s ``privacy``), and nothing on the page said so."""

from __future__ import annotations

import datetime as dt
import re

from noticeboard.boards.kinds.member_stars import MemberBoard
from noticeboard.boards.township import build_boards
from support.build import build_site, make_project
from support.township import SITE, Township

AS_OF = dt.date(2026, 1, 5)


def _board(town: Township) -> MemberBoard:
    board = build_boards(town.load(), AS_OF).current.boards["members"].by_branch["qingshan-1"]
    assert isinstance(board, MemberBoard)
    return board


def test_the_unnamed_are_said_by_kind_and_number(town: Township) -> None:
    board = _board(town)  # 邱美玲 91 (named), 唐德华 59.94 (无星), 谭德华 exempt
    assert [row.name for row in board.rows] == ["邱美玲"]
    assert board.counts["total"] == 3
    assert board.counted_only == "其中无星 1 名、经申请不参与评星 1 名只计人数，不公示姓名。"


def test_a_kind_the_township_names_is_not_said(town: Township) -> None:
    town.set("data/site.yml", SITE + "privacy:\n  list_unstarred: true\n")
    board = _board(town)
    assert "唐德华" in [row.name for row in board.rows]
    assert board.counted_only == "其中经申请不参与评星 1 名只计人数，不公示姓名。"
    town.set("data/site.yml", SITE + "privacy:\n  list_unstarred: true\n  list_exempt: true\n")
    board = _board(town)
    assert len(board.rows) == board.counts["total"] == 3
    assert board.counted_only == ""


def test_a_member_named_under_not_rated_by_request_is_not_said_to_be_unrated(town: Township) -> None:
    """Under 不参与评星 a row's stars said 未评定, which the board counts apart (members not yet rated)."""
    town.set("data/site.yml", SITE + "privacy:\n  list_unstarred: true\n  list_exempt: true\n")
    root = make_project(town.root)
    result = build_site(root / "site", config=root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    for page in ("branches/qingshan-1/index.html", "print/members/qingshan-1/index.html"):
        html = (root / "site" / page).read_text(encoding="utf-8")
        row = re.search(r"<tr>(?:(?!</tr>).)*谭德华(?:(?!</tr>).)*</tr>", html, re.S)
        assert row is not None, page
        assert "不参与评星" in row.group() and "未评定" not in row.group(), (page, row.group())
