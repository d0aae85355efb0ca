"""``data/reviews/<year>.yml``: leadership reviews (领导点评).

Source: 镇党政领导按联系村对党总支书记进行点评，党总支书记对支部书记进行点评，
党支部书记负责对本支部党员进行点评 — on 总体评价、取得成绩、存在问题和努力方向.
A review reaches the public boards only when it says ``public: true``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from noticeboard.registries.models.common import Day, Record, Text

LEVEL_LABELS: dict[str, str] = {
    "committee": "镇党委点评党总支（党支部）书记",
    "general": "党总支点评党支部书记",
    "branch": "党支部点评党员",
}
_LEVEL_WORDS = {
    "镇党委": "committee",
    "党委": "committee",
    "总支": "general",
    "党总支": "general",
    "支部": "branch",
    "党支部": "branch",
}


def _level(value: Any) -> Any:
    """``committee``, or as the office writes it: 镇党委, 总支, 支部 (also 镇党委→总支书记)."""
    if isinstance(value, str):
        head = value.split("→", 1)[0].strip()
        return _LEVEL_WORDS.get(head, head)
    return value


Level = Annotated[
    Literal["committee", "general", "branch"],
    BeforeValidator(_level),
    WithJsonSchema({"enum": ["committee", "general", "branch", *_LEVEL_WORDS]}),
]


class Reviewer(Record):
    """Who gave the review."""

    name: Text = Field(description="点评人姓名")
    post: Text = Field(description="点评人职务，例如 镇党委书记")


class Review(Record):
    """One review of an organisation (its secretary) or of a member."""

    subject: Text = Field(description="被点评的党组织编号或党员编号")
    reviewer: Reviewer = Field(description="点评人：{name: 姓名, post: 职务}")
    level: Level = Field(
        description="层级：committee（镇党委→总支书记）、general（总支→支部书记）、branch（支部→党员）；"
        "也可写 镇党委、总支、支部"
    )
    date: Day | None = Field(None, description="点评日期")
    overall: Text = Field(description="总体评价")
    achievements: Text = Field(description="取得成绩")
    problems: Text = Field(description="存在问题")
    direction: Text = Field(description="努力方向")
    grade: Text | None = Field(None, description="评定等次（可不填），例如 好")
    public: bool = Field(False, description="是否公开：写 true 才会公示")
