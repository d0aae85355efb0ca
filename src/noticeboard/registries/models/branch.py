"""``data/branches.yml``: the Party organisations of the township."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import BY_YEAR, OneLine, Record, Score, Slug, Year
from noticeboard.registries.models.organisation import (
    DutyReport,
    Grade,
    Rectification,
    Venue,
    rectification_by_year,
)

Kind = Literal[
    "general",
    "village",
    "organ",
    "institution",
    "enterprise",
    "non_public",
    "community",
    "school",
    "other",
]
KIND_LABELS: dict[str, str] = {
    "general": "党总支",
    "village": "村党支部",
    "organ": "机关党支部",
    "institution": "事业单位党支部",
    "enterprise": "企业党支部",
    "non_public": "非公企业党支部",
    "community": "社区党支部",
    "school": "学校党支部",
    "other": "其他党支部",
}

AssessmentKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Assessment = dict[AssessmentKey, Score]
"""One year's assessment: the scheme's components (``points``, ``target``) or ``score``."""


def _not_a_page_name(value: str) -> str:
    if value == "index":
        raise PydanticCustomError(
            "nb_page_name",
            "“index”不能作党组织编号：网址 branches/index 是党组织一览页；请换一个，例如 index-cun",
        )
    return value


BranchId = Annotated[Slug, AfterValidator(_not_a_page_name)]
"""A 党组织's id: a slug, and not a name the site's pages take (a branch ``index`` stopped every build)."""


class Branch(Record):
    """A 党支部, or a 党总支 (``kind: general``) that groups branches and is not rated."""

    id: BranchId = Field(description="编号，用于网址：小写英文字母、数字和连字符，例如 dongping-village")
    name: OneLine = Field(description="名称，例如 东坪村党支部")
    kind: Kind = Field(
        description="类型：general 党总支，village 村，organ 机关，institution 事业单位，"
        "enterprise 企业，non_public 非公企业，community 社区，school 学校，other 其他"
    )
    parent: Slug | None = Field(None, description="所属党总支的编号（可不填）")
    secretary: OneLine | None = Field(None, description="书记姓名")
    assessments: dict[Year, Assessment] = Field(
        default_factory=dict,
        json_schema_extra=BY_YEAR,
        description="按年度的考核得分：{points: 积分制管理考核, target: 年终目标考核} 或 {score: 总分}",
    )
    venue: dict[Year, Venue] = Field(
        default_factory=dict,
        json_schema_extra=BY_YEAR,
        description="按年度的活动场所星级：{stars: 3–5} 或 {checks: {检查项: true/false}}",
    )
    grade: dict[Year, Grade] = Field(
        default_factory=dict, json_schema_extra=BY_YEAR, description="按年度的分类定级：好、较好、一般、较差"
    )
    rectification: dict[Year, Rectification] = Field(
        default_factory=dict,
        json_schema_extra=BY_YEAR,
        description="定为“较差”的年度的整顿转化：{responsible: 责任人, deadline: 期限, progress: 进展}",
    )
    duty_report: dict[Year, DutyReport] = Field(
        default_factory=dict,
        json_schema_extra=BY_YEAR,
        description="按年度的书记述职评议得分：{daily: 日常记实, onsite: 现场观摩, annual: 年度综合, review: 述职评议}",
    )

    @model_validator(mode="before")
    @classmethod
    def _rectification_year(cls, data: Any) -> Any:
        return rectification_by_year(data)

    @property
    def is_general(self) -> bool:
        return self.kind == "general"
