"""``data/members/<branch-id>.yml``: the Party members of one branch."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import BY_YEAR, Day, Id, Number, OneLine, Record, Text, Year

Category = Literal["rural", "organ", "retired", "floating", "other"]
CATEGORY_LABELS: dict[str, str] = {
    "rural": "农村党员",
    "organ": "机关党员",
    "retired": "离退休党员",
    "floating": "流动党员",
    "other": "其他",
}


PHOTO_NAME = r"^[^/\\:*?\"<>|]+\.(jpg|jpeg|png|JPG|JPEG|PNG)$"


class Post(Record):
    """A 党员先锋岗: the post a member holds, put up on the wall with the member's photo."""

    title: OneLine = Field(description="岗位名称，例如 政策宣传岗")
    duties: Text | None = Field(None, description="岗位职责")
    since: Day | None = Field(None, description="设岗日期")
    photo: Annotated[str, StringConstraints(pattern=PHOTO_NAME, max_length=120)] | None = Field(
        None, description="照片文件名，放在 data/photos/ 文件夹里，例如 m00001.jpg（jpg 或 png）"
    )
    without_office: bool = Field(
        False, description="是否为无职党员（不担任村组干部等职务）设岗：true 或 false"
    )
    assessment: dict[Year, Literal["合格", "不合格"]] = Field(
        default_factory=dict, json_schema_extra=BY_YEAR, description="按年度的年终考核：合格 或 不合格"
    )
    allowance: dict[Year, Annotated[Number, Field(ge=0)]] = Field(
        default_factory=dict,
        json_schema_extra=BY_YEAR,
        description="按年度兑现的补助（元），例如 600；只发给考核合格的",
    )

    @model_validator(mode="after")
    def _allowance_after_passing(self) -> Self:
        unpassed = [year for year in self.allowance if self.assessment.get(year) != "合格"]
        if unpassed:
            raise PydanticCustomError(
                "nb_allowance",
                "{year} 年写了补助 allowance，但该年考核 assessment 不是“合格”；补助只发给考核合格的先锋岗党员",
                {"year": unpassed[0]},
            )
        return self


class Member(Record):
    """A Party member. Name, gender, branch, points and stars are published on the star boards;
    ethnicity and education only on the pioneer-post board (党员先锋岗), and only for post holders."""

    id: Id = Field(description="编号，全镇唯一（纯数字请加引号，例如 '0123'）")
    name: OneLine = Field(description="姓名")
    gender: Literal["男", "女"] = Field(description="性别：男 或 女")
    ethnicity: Text | None = Field(None, description="民族")
    education: Text | None = Field(None, description="学历")
    born: int | None = Field(None, ge=1900, le=2100, description="出生年份（不公开）")
    joined: Day | None = Field(None, description="入党时间")
    category: Category | None = Field(
        None, description="类别：rural 农村，organ 机关，retired 离退休，floating 流动，other 其他"
    )
    points: dict[Year, Number] = Field(
        default_factory=dict, json_schema_extra=BY_YEAR, description="按年度的年度总积分"
    )
    exempt: dict[Year, Text] = Field(
        default_factory=dict, json_schema_extra=BY_YEAR, description="按年度写明原因：经申请同意不参与评星"
    )
    post: Post | None = Field(
        None, description="党员先锋岗：{title: 岗位, duties: 职责, since: 设岗日期, photo: 照片}"
    )
    private: dict[Any, Any] = Field(
        default_factory=dict, description="不公开的信息（电话、身份证号、住址、备注等），永不发布"
    )
