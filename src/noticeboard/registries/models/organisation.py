"""The yearly records kept in a branch's entry besides its star assessment.

活动场所星级 (``venue``), 分类定级 (``grade`` with ``rectification``) and 述职考核
(``duty_report``). They sit in ``branches.yml`` because each belongs to one
organisation and one year, like the assessments; their rules are in ``schemes.yml``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import Day, Record, Score, Text

Grade = Literal["好", "较好", "一般", "较差"]
GRADES: tuple[str, ...] = ("好", "较好", "一般", "较差")
"""分类定级 grades, best first."""

CheckItem = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class Venue(Record):
    """One year's star rating of a village activity venue (村级组织活动场所星级).

    ``stars`` is the level the township awarded (三星 to 五星); without it the
    level is derived from how many ``checks`` pass, by the thresholds in ``schemes.yml``.
    """

    stars: int | None = Field(None, ge=3, le=5, description="核定星级：3、4 或 5（不填则按检查项自动评定）")
    checks: dict[CheckItem, bool] = Field(
        default_factory=dict,
        description="检查项是否达标，项目名称与 schemes.yml 的 venue.checklist 一致，例如 有党旗党徽: true",
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.stars is None and not self.checks:
            raise PydanticCustomError("nb_venue", "应写 stars（核定星级）或 checks（逐项检查结果），至少一项")
        return self


class Rectification(Record):
    """整顿转化 of an organisation graded 较差: who is responsible, by when, how far it has come."""

    responsible: Text = Field(description="整顿转化责任人，例如 王明（镇党委副书记）")
    deadline: Day = Field(description="整顿转化期限")
    progress: Text | None = Field(None, description="进展情况")


DutyReportKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
DutyReport = dict[DutyReportKey, Score]
"""One year's 述职考核 scores: daily 日常记实, onsite 现场观摩, annual 年度综合, review 述职评议."""


def rectification_by_year(data: Any) -> Any:
    """Accept ``rectification`` for one year without the year: it then belongs to the latest 较差 year.

    ``rectification: {2025: {responsible: …}}`` and ``rectification: {responsible: …}``
    are both natural to write; the second is only unambiguous with a 较差 grade.
    """
    if not isinstance(data, dict):
        return data
    notes = data.get("rectification")
    if not isinstance(notes, dict) or not ({"responsible", "deadline", "progress"} & set(notes)):
        return data
    grades = data.get("grade")
    poor = (
        sorted(year for year, grade in grades.items() if grade == "较差") if isinstance(grades, dict) else []
    )
    if not poor:
        raise PydanticCustomError(
            "nb_rectification",
            "写了整顿转化 rectification，但 grade 中没有定为“较差”的年度",
            {"field": "rectification"},
        )
    return {**data, "rectification": {poor[-1]: notes}}
