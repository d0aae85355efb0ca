"""``data/commitments/<year>.yml``: public commitments (公开承诺) and their progress."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import Day, Id, OneLine, Record, Text

Status = Literal["planned", "in_progress", "fulfilled", "unfulfilled"]
STATUS_LABELS: dict[str, str] = {
    "planned": "计划中",
    "in_progress": "进行中",
    "fulfilled": "已兑现",
    "unfulfilled": "未兑现",
}


class Update(Record):
    """A dated progress note."""

    date: Day = Field(description="日期")
    note: Text = Field(description="进展情况")


class Commitment(Record):
    """A commitment made by a member or a branch, reviewed by a secretary, supervised by the public."""

    id: Id = Field(description="编号，全镇唯一")
    by: Id = Field(
        description="承诺人：党员编号、党组织编号、领导编号（site.yml 的 leaders）或 committee（镇党委本身）"
    )
    text: Text = Field(description="承诺内容")
    category: Text | None = Field(None, description="类别（可不填）")
    made: Day | None = Field(None, description="承诺日期")
    due: Day | None = Field(None, description="计划完成日期")
    approved_by: OneLine | None = Field(None, description="审核人（党组织书记）")
    approved_on: Day | None = Field(None, description="审核日期")
    status: Status = Field(
        description="状态：planned 计划中，in_progress 进行中，fulfilled 已兑现，unfulfilled 未兑现"
    )
    fulfilled_on: Day | None = Field(None, description="兑现日期（状态为 fulfilled 时必填）")
    updates: tuple[Update, ...] = Field((), strict=False, description="进展记录")

    @model_validator(mode="after")
    def _check_dates(self) -> Self:
        if self.status == "fulfilled" and self.fulfilled_on is None:
            raise PydanticCustomError(
                "nb_fulfilled", "状态为 fulfilled（已兑现）时必须填写 fulfilled_on（兑现日期）"
            )
        if self.status != "fulfilled" and self.fulfilled_on is not None:
            raise PydanticCustomError("nb_fulfilled", "只有状态为 fulfilled（已兑现）时才填写 fulfilled_on")
        if self.made and self.due and self.due < self.made:
            raise PydanticCustomError("nb_dates", "计划完成日期 due 早于承诺日期 made")
        if self.made and self.fulfilled_on and self.fulfilled_on < self.made:
            raise PydanticCustomError("nb_dates", "兑现日期 fulfilled_on 早于承诺日期 made")
        return self
