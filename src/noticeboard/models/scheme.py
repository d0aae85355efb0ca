"""``data/schemes.yml``: the published rating rules, with the source documents' defaults.

Defaults (渔洋镇《党员积分制考核评星活动方案》): 90 分以上（含 90 分）三星，80–89 分二星，
60–79 分一星，60 分以下无星; a branch's score weighs 积分制管理考核 and
年终目标考核 equally; a member's annual total is the ledger base plus entries.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Self

from pydantic import Field, StringConstraints, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .common import Number, Record, Score

COMPONENT_LABELS = {"points": "积分制管理考核", "target": "年终目标考核"}
"""Chinese names of the well-known branch score components."""

ComponentKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Weight = Annotated[
    Number, Field(gt=0, le=1), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 1})
]
Tiers = tuple[Score, Score, Score]


def _check_tiers(tiers: Tiers) -> Tiers:
    if not tiers[0] > tiers[1] > tiers[2]:
        raise PydanticCustomError("nb_tiers", "应从高到低依次写三星、二星、一星的最低分，例如 [90, 80, 60]")
    return tiers


class BranchScheme(Record):
    """How a branch's score is made and turned into stars (支部评星)."""

    components: dict[ComponentKey, Weight] = Field(
        default_factory=lambda: {"points": Decimal("0.5"), "target": Decimal("0.5")},
        description="各项考核的权重，合计必须为 1：points 积分制管理考核，target 年终目标考核",
    )
    tiers: Tiers = Field(
        (Decimal(90), Decimal(80), Decimal(60)),
        strict=False,
        description="三星、二星、一星的最低分（含），从高到低",
    )
    round: int = Field(1, ge=0, le=4, description="保留小数位数（四舍五入后再定星）")

    _tiers = field_validator("tiers")(_check_tiers)

    @field_validator("components")
    @classmethod
    def _check_components(cls, components: dict[str, Decimal]) -> dict[str, Decimal]:
        if "score" in components:
            raise PydanticCustomError("nb_components", "score 是总分的写法，不能用作考核项名称")
        total = sum(components.values(), Decimal(0))
        if total != 1:
            raise PydanticCustomError(
                "nb_components", "各项权重合计应为 1，现在是 {total}", {"total": str(total)}
            )
        return components


class LedgerScheme(Record):
    """How a points ledger (积分台账) adds up to a member's annual total."""

    base: Number = Field(Decimal(60), description="基础分")
    min: Number = Field(Decimal(0), description="年度总积分下限")
    max: Number = Field(Decimal(100), description="年度总积分上限")

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.min <= self.base <= self.max:
            raise PydanticCustomError("nb_ledger", "应满足 min ≤ base ≤ max")
        return self


class MemberScheme(Record):
    """How a member's annual points are turned into stars (党员评星)."""

    tiers: Tiers = Field(
        (Decimal(90), Decimal(80), Decimal(60)),
        strict=False,
        description="三星、二星、一星的最低积分（含），从高到低",
    )
    round: int = Field(1, ge=0, le=4, description="保留小数位数（四舍五入后再定星）")
    ledger: LedgerScheme = Field(default_factory=LedgerScheme, description="积分台账的计分方法")

    _tiers = field_validator("tiers")(_check_tiers)


class Schemes(Record):
    """All rating schemes; any key left out keeps its default."""

    branch: BranchScheme = Field(default_factory=BranchScheme, description="支部评星")
    member: MemberScheme = Field(default_factory=MemberScheme, description="党员评星")
