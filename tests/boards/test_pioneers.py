"""党员先锋岗, completed (seeds 004, 002): held by a 无职党员 (marked), assessed at year end (合格/不合格),
the allowance paid to those who passed (exact), and the posts counted by kind of post."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from noticeboard.boards.kinds.pioneers import KIND, PioneerBoards
from noticeboard.boards.township import build_boards
from noticeboard.outputs.open_data import files as open_data_files
from support.open_data import records
from support.township import Township

POST = """\
  post:
    title: 政策宣传岗
    duties: 每月入户宣讲一次
    without_office: true
    assessment: {2025: 合格}
    allowance: {2025: 600.50}
"""


def holder(town: Township, post: str = POST) -> Township:
    town.replace("data/members/qingshan-1.yml", "  private:\n    phone: '13900000001'\n", post)
    return town


def test_a_post_shows_its_holder_without_office_its_assessment_and_exact_allowance(town: Township) -> None:
    boards = build_boards(holder(town).load(), dt.date(2026, 1, 5))
    board = boards.current.boards["pioneers"]
    assert isinstance(board, PioneerBoards)
    (row,) = board.by_branch["qingshan-1"].rows
    assert row.without_office and row.allowance == Decimal("600.50")
    assert row.standing == "2025 年度考核合格，补助 600.5 元"
    (published,) = records(open_data_files(boards)["data/pioneers.json"])
    assert (published["without_office"], published["assessment"], published["allowance"]) == (
        True,
        "合格",
        600.5,
    )


def test_a_post_not_yet_assessed_says_nothing_of_it(town: Township) -> None:
    boards = build_boards(holder(town, "  post:\n    title: 政策宣传岗\n").load(), dt.date(2026, 1, 5))
    (row,) = boards.current.boards["pioneers"].by_branch["qingshan-1"].rows
    assert row.standing == "" and not row.without_office


@pytest.mark.parametrize(
    ("post", "message"),
    [
        (
            "  post:\n    title: 政策宣传岗\n    assessment: {2025: 不合格}\n    allowance: {2025: 600}\n",
            "data/members/qingshan-1.yml:12: “post”（党员先锋岗）：2025 年写了补助 allowance，"
            "但该年考核 assessment 不是“合格”；补助只发给考核合格的先锋岗党员",
        ),
        (
            "  post:\n    title: 政策宣传岗\n    assessment: {2025: 优秀}\n",
            "data/members/qingshan-1.yml:14: 2025 年的 “assessment”：“优秀”不是可选的值，应为 合格、不合格 之一",
        ),
        (
            "  post:\n    title: 政策宣传岗\n    assessment: {2025: 合格}\n    allowance: {2025: -600}\n",
            "data/members/qingshan-1.yml:15: 2025 年的 “allowance”：-600 超出范围：不能小于 0",
        ),
    ],
)
def test_assessment_and_allowance_are_checked(town: Township, post: str, message: str) -> None:
    assert holder(town, post).problems() == [message]


def test_statistics_count_posts_by_kind_of_post(town: Township) -> None:
    holder(town)
    town.replace(
        "data/members/zhen-jiguan.yml",
        "  category: organ\n",
        "  category: organ\n  post:\n    title: 政策宣传岗\n",
    )
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    board = boards.current.boards["pioneers"]
    (figure,) = KIND.figures(boards, board)
    assert figure.title == "党员先锋岗：1 种岗位，2 名党员上岗"
    assert [(bar.label, bar.count) for bar in figure.bars] == [("政策宣传岗", 2)]
