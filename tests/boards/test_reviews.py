"""领导点评 of members use the member criteria (seed 000); organisations' the organisation criteria; a
township leader's review records their 联系村. Reviews of members written the old way stay valid."""

from __future__ import annotations

import datetime as dt

import pytest

from noticeboard.boards.township import build_boards
from noticeboard.outputs.open_data import files as open_data_files
from support.open_data import records
from support.township import Township

MEMBER_REVIEW = """\
- subject: m001
  reviewer: {name: 李明, post: 青山村第一党支部书记}
  level: 支部
  work: 种植技术过硬，带头发展茶叶
  commitments: 帮扶 3 户的承诺已完成 2 户
  service: 常到困难户家里走访
  example: 抗旱中带头送水
  public: true
- subject: qingshan
  reviewer: {name: 赵光明, post: 镇党委书记, contact: qingshan}
  level: 镇党委
  overall: 班子团结
  achievements: 道路硬化完成
  problems: 台账不规范
  direction: 规范台账
  public: true
"""


def test_a_member_review_reads_on_the_member_criteria_and_the_leader_names_their_village(
    town: Township,
) -> None:
    town.set("data/reviews/2025.yml", MEMBER_REVIEW)
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    by_org = boards.current.boards["reviews"].by_org
    (member,) = by_org["qingshan-1"].rows
    assert [label for label, _ in member.parts] == [
        "立足本职岗位争创一流业绩",
        "履行公开承诺事项",
        "联系和服务群众",
        "发挥先锋模范作用",
    ]
    (general,) = by_org["qingshan"].rows
    assert [label for label, _ in general.parts] == ["总体评价", "取得成绩", "存在问题", "努力方向"]
    assert general.reviewer_words == "赵光明（镇党委书记，联系青山村党总支）"
    published = {r["subject_kind"]: r for r in records(open_data_files(boards)["data/reviews.json"])}
    assert (
        published["member"]["work"] == "种植技术过硬，带头发展茶叶" and published["member"]["overall"] is None
    )
    assert published["organisation"]["reviewer_contact"] == "青山村党总支"


def test_a_grade_is_said_to_be_the_townships_own_where_a_review_has_one(town: Township) -> None:
    """The seed names a review's four parts and no grade: a board with a graded review says the grade is
    the township's (the page and the poster print ``rule``); one without says nothing of grades."""
    town.set("data/reviews/2025.yml", MEMBER_REVIEW)
    reviews = build_boards(town.load(), dt.date(2026, 1, 5)).current.boards["reviews"]
    assert "评定等次" not in reviews.rule and reviews.rule.startswith("镇党政领导按联系村点评党总支书记")
    town.set(
        "data/reviews/2025.yml",
        MEMBER_REVIEW.replace("  direction: 规范台账\n", "  direction: 规范台账\n  grade: 较好\n"),
    )
    reviews = build_boards(town.load(), dt.date(2026, 1, 5)).current.boards["reviews"]
    assert reviews.rule.endswith("四个方面点评；评定等次为本镇规定。")
    assert reviews.by_org["qingshan"].rule == reviews.rule
    assert "评定等次" not in reviews.by_org["qingshan-1"].rule  # its one review has no grade


def test_a_member_review_written_the_old_way_stays_valid(town: Township) -> None:
    town.set(
        "data/reviews/2025.yml",
        "- subject: m001\n  reviewer: {name: 李明, post: 书记}\n  level: branch\n"
        "  overall: 好\n  achievements: 好\n  problems: 无\n  direction: 学习\n  public: true\n",
    )
    (row,) = (
        build_boards(town.load(), dt.date(2026, 1, 5)).current.boards["reviews"].by_org["qingshan-1"].rows
    )
    assert row.parts[0] == ("总体评价", "好")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            MEMBER_REVIEW.replace("  example: 抗旱中带头送水\n", ""),
            "data/reviews/2025.yml:1: 这一项：点评缺少：example（发挥先锋模范作用）",
        ),
        (
            MEMBER_REVIEW.replace(
                "  example: 抗旱中带头送水\n",
                "  example: 抗旱中带头送水\n  overall: 好\n  achievements: 好\n  problems: 无\n  direction: 学\n",
            ),
            "data/reviews/2025.yml:1: 这一项：一条点评只按一组方面写：点评党组织写 overall、achievements、problems、direction；"
            "点评党员写 work、commitments、service、example",
        ),
        (
            MEMBER_REVIEW.replace("contact: qingshan", "contact: qingshan-x"),
            "data/reviews/2025.yml:10: 联系村“qingshan-x”不是党组织编号；是不是“qingshan”？",  # as it was
        ),
        (
            MEMBER_REVIEW.replace(
                "  overall: 班子团结\n  achievements: 道路硬化完成\n  problems: 台账不规范\n  direction: 规范台账\n",
                "  work: 好\n  commitments: 好\n  service: 好\n  example: 好\n",
            ),
            "data/reviews/2025.yml:12: “qingshan”是党组织；点评党组织应写 overall、achievements、problems、direction"
            "（总体评价、取得成绩、存在问题、努力方向）",
        ),
    ],
)
def test_criteria_and_contact_are_checked(town: Township, text: str, message: str) -> None:
    town.set("data/reviews/2025.yml", text)
    assert town.problems() == [message]
