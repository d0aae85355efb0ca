"""``data/reviews/<year>.yml``: leadership reviews (领导点评).

Source: 镇党政领导按联系村对党总支书记进行点评，党总支书记对支部书记进行点评，
党支部书记负责对本支部党员进行点评 — 对党组织围绕总体评价、取得成绩、存在问题和努力方向进行点评，
对党员围绕立足本职岗位争创一流业绩、履行公开承诺事项、联系和服务群众、发挥先锋模范作用等情况进行点评.
A review is written on one set of four criteria; a review of a member written on the
organisation criteria (as before) stays valid. It reaches the public boards only with ``public: true``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import Day, Id, OneLine, Record, Text

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


ORGANISATION_CRITERIA = (
    ("overall", "总体评价"),
    ("achievements", "取得成绩"),
    ("problems", "存在问题"),
    ("direction", "努力方向"),
)
"""What a review of an organisation (its secretary) speaks to, in order."""
MEMBER_CRITERIA = (
    ("work", "立足本职岗位争创一流业绩"),
    ("commitments", "履行公开承诺事项"),
    ("service", "联系和服务群众"),
    ("example", "发挥先锋模范作用"),
)
"""What a review of a member speaks to, in order."""


class Reviewer(Record):
    """Who gave the review."""

    name: OneLine = Field(description="点评人姓名")
    post: OneLine = Field(description="点评人职务，例如 镇党委书记")
    contact: Text | None = Field(
        None, description="镇党政领导的联系村（党组织编号，可不写），例如 qingshan：镇党政领导按联系村点评"
    )


class Review(Record):
    """One review of an organisation (its secretary) or of a member."""

    subject: Id = Field(description="被点评的党组织编号或党员编号")
    reviewer: Reviewer = Field(description="点评人：{name: 姓名, post: 职务}")
    level: Level = Field(
        description="层级：committee（镇党委→总支书记）、general（总支→支部书记）、branch（支部→党员）；"
        "也可写 镇党委、总支、支部"
    )
    date: Day | None = Field(None, description="点评日期")
    overall: Text | None = Field(None, description="点评党组织：总体评价")
    achievements: Text | None = Field(None, description="点评党组织：取得成绩")
    problems: Text | None = Field(None, description="点评党组织：存在问题")
    direction: Text | None = Field(None, description="点评党组织：努力方向")
    work: Text | None = Field(None, description="点评党员：立足本职岗位争创一流业绩")
    commitments: Text | None = Field(None, description="点评党员：履行公开承诺事项")
    service: Text | None = Field(None, description="点评党员：联系和服务群众")
    example: Text | None = Field(None, description="点评党员：发挥先锋模范作用")
    grade: Text | None = Field(None, description="评定等次（可不填），例如 好")
    public: bool = Field(False, description="是否公开：写 true 才会公示")

    @model_validator(mode="after")
    def _one_set_of_criteria(self) -> Self:
        for criteria in (ORGANISATION_CRITERIA, MEMBER_CRITERIA):
            written = [key for key, _ in criteria if getattr(self, key) is not None]
            if written and len(written) < len(criteria):
                missing = "、".join(f"{key}（{label}）" for key, label in criteria if key not in written)
                raise PydanticCustomError("nb_criteria", "点评缺少：{missing}", {"missing": missing})
        organisation = self.overall is not None
        member = self.work is not None
        if organisation and member:
            raise PydanticCustomError(
                "nb_criteria",
                "一条点评只按一组方面写：点评党组织写 overall、achievements、problems、direction；"
                "点评党员写 work、commitments、service、example",
            )
        if not (organisation or member):
            raise PydanticCustomError(
                "nb_criteria",
                "点评内容缺失：点评党组织写 overall（总体评价）、achievements、problems、direction；"
                "点评党员写 work（立足本职岗位争创一流业绩）、commitments、service、example",
            )
        return self

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """The criteria it is written on, as (label, text), in the documents' order."""
        criteria = MEMBER_CRITERIA if self.work is not None else ORGANISATION_CRITERIA
        return tuple((label, str(getattr(self, key))) for key, label in criteria)
