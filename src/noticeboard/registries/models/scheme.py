"""``data/schemes.yml``: the rating rules, with defaults.

The source documents give the star tiers (90 分以上（含 90 分）三星，80–89 分二星，60–79 分一星，
60 分以下无星) and the duty report's weights (20:20:40:20) and grades. Every other default here
(a branch's two assessments weighed equally, rounding to one decimal, the duty report's cut-offs
90/75/60, the venue checklist and tiers, the ledger's base 60) is the township's own choice, and
the boards say so (``rules.provenance``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Self, TypeVar

from pydantic import Field, StringConstraints, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import Number, Record, Score

COMPONENT_LABELS = {
    "points": "积分制管理考核",
    "target": "年终目标考核",
    "daily": "日常记实考核",
    "onsite": "现场观摩考核",
    "annual": "年度综合考核",
    "review": "述职评议考核",
}
"""Chinese names of the well-known score components (支部评星, 述职考核)."""

ComponentKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Weight = Annotated[
    Number, Field(gt=0, le=1), WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 1})
]
Tiers = tuple[Score, Score, Score]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
RoundedScheme = TypeVar("RoundedScheme", "WeightedScheme", "MemberScheme")
"""A scheme that rounds its score (``round``) and puts it in a level by its ``tiers``."""


def _check_tiers(tiers: Tiers) -> Tiers:
    if not tiers[0] > tiers[1] > tiers[2]:
        raise PydanticCustomError("nb_tiers", "应从高到低依次写三星、二星、一星的最低分，例如 [90, 80, 60]")
    return tiers


def _tiers_within_round(scheme: RoundedScheme) -> RoundedScheme:
    """Refuse a tier with more decimals than the scheme rounds its score to (the schemes' validator after
    their fields).

    Why: the rule on the board prints each tier rounded as the score is (89.94 with ``round: 1`` read
    ``89.9 分及以上三星``), while a score of 89.9 fell below 89.94: the board showed 二星 beside its own rule."""
    places = scheme.round
    for tier in scheme.tiers:
        if tier.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) != tier:
            raise PydanticCustomError(
                "nb_tier_places",
                "分数线 {tier} 的小数位多于 round（{places} 位）：得分先四舍五入到 {places} 位小数再定等次，"
                "分数线也只能写到 {places} 位小数",
                {"tier": str(tier), "places": places, "field": "tiers"},  # (reported at the tiers' line)
            )
    return scheme


class WeightedScheme(Record):
    """A score made of weighted components, rounded, then put in one of four levels by three tiers.

    The one rating mechanism behind 支部评星 (three, two, one star, none) and
    述职考核 (优秀, 称职, 基本称职, 不称职): only the defaults and the level names differ.
    """

    components: dict[ComponentKey, Weight]
    tiers: Tiers
    round: int = Field(1, ge=0, le=4, description="保留小数位数（四舍五入后再定等次）")

    _tiers = field_validator("tiers")(_check_tiers)

    _tiers_rounded = model_validator(mode="after")(_tiers_within_round)

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


class BranchScheme(WeightedScheme):
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


class DutyReportScheme(WeightedScheme):
    """How a secretary's duty report is graded (述职考核).

    The documents give the four parts (日常记实考核、现场观摩考核、年度综合考核、述职评议考核)
    weighed 20:20:40:20 and the four grades (优秀、称职、基本称职、不称职); the cut-offs 90, 75
    and 60 are the township's own default.
    """

    components: dict[ComponentKey, Weight] = Field(
        default_factory=lambda: {
            "daily": Decimal("0.2"),
            "onsite": Decimal("0.2"),
            "annual": Decimal("0.4"),
            "review": Decimal("0.2"),
        },
        description="各项考核的权重，合计必须为 1：daily 日常记实，onsite 现场观摩，annual 年度综合，review 述职评议",
    )
    tiers: Tiers = Field(
        (Decimal(90), Decimal(75), Decimal(60)),
        strict=False,
        description="优秀、称职、基本称职的最低分（含），从高到低",
    )


DEFAULT_CHECKLIST: dict[str, tuple[str, ...]] = {
    "八有": (
        "有固定场所",
        "有党组织标牌",
        "有党旗党徽",
        "有制度上墙",
        "有桌椅设施",
        "有远程教育设备",
        "有图书报刊",
        "有档案资料",
    ),
    "五化": ("标识规范化", "功能多元化", "管理制度化", "服务经常化", "环境整洁化"),
}
"""村级组织活动场所“八有”“五化”标准, as the checklist items are commonly written."""


class VenueScheme(Record):
    """How a village activity venue's stars follow from its checklist (活动场所星级).

    The township's own rule (the documents give none).
    Default: all 13 items of 八有 and 五化 pass → 五星; 11 or more → 四星;
    9 or more → 三星; fewer → 未达星级. A star level written in the record wins.
    """

    checklist: dict[Label, Annotated[tuple[Label, ...], Field(strict=False, min_length=1)]] = Field(
        default_factory=lambda: dict(DEFAULT_CHECKLIST),
        strict=False,
        description="检查标准及其检查项，例如 八有: [有固定场所, …]；检查项名称不能重复",
    )
    tiers: tuple[int, int, int] = Field(
        (13, 11, 9), strict=False, description="五星、四星、三星所需的最少达标项数（含），从高到低"
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        items = [item for group in self.checklist.values() for item in group]
        if len(set(items)) != len(items):
            raise PydanticCustomError("nb_checklist", "检查项名称有重复；每一项只能出现一次")
        if not len(items) >= self.tiers[0] > self.tiers[1] > self.tiers[2] >= 1:
            raise PydanticCustomError(
                "nb_tiers",
                "tiers 应从高到低写五星、四星、三星所需的达标项数，且不超过检查项总数 {count}",
                {"count": len(items)},
            )
        return self

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for group in self.checklist.values() for item in group)


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

    _tiers_rounded = model_validator(mode="after")(_tiers_within_round)


class Schemes(Record):
    """All rating schemes; any key left out keeps its default."""

    branch: BranchScheme = Field(default_factory=BranchScheme, description="支部评星")
    member: MemberScheme = Field(default_factory=MemberScheme, description="党员评星")
    duty_report: DutyReportScheme = Field(default_factory=DutyReportScheme, description="书记述职考核")
    venue: VenueScheme = Field(default_factory=VenueScheme, description="活动场所星级")
