"""Which parts of each rule the source documents give, and which the township set for itself.

Why: a board must never present the township's own choice as a rule of the documents
it is published under. The documents give the star tiers (90 分以上三星，80–89 分二星，
60–79 分一星，60 分以下无星，无星即不合格党员), the duty report's four parts weighed
20:20:40:20 and its four grades, and the four classification grades. They do not give
the weights of a branch's two assessments, the duty report's grade cut-offs, rounding to
a decimal, the venue checklist and its tiers, or the ledger's base points and bounds: those are the
township's (本镇规定, in ``schemes.yml``), and so is any documented value it changes.
Each rule in words (``rules.ratings``) is followed by the note this module makes.
"""

from __future__ import annotations

from decimal import Decimal

from noticeboard.registries.models.scheme import (
    COMPONENT_LABELS,
    BranchScheme,
    DutyReportScheme,
    MemberScheme,
    VenueScheme,
)

DOCUMENT_STAR_TIERS = (Decimal(90), Decimal(80), Decimal(60))
"""三星、二星、一星的最低分 as the documents give them, for branches and members alike."""
DOCUMENT_DUTY_WEIGHTS = {
    "daily": Decimal("0.2"),
    "onsite": Decimal("0.2"),
    "annual": Decimal("0.4"),
    "review": Decimal("0.2"),
}
"""述职考核由日常记实、现场观摩、年度综合、述职评议四部分组成，按 20:20:40:20 的比例加权计分."""
UNQUALIFIED = "无星（不合格）"
"""The documents' word for a member below the lowest tier: 60 分以下无星即可认定为不合格党员."""


def township_note(choices: list[str]) -> str:
    """``（本镇规定：…）`` after a rule, or "" when every part of it is the documents'."""
    return f"（本镇规定：{'；'.join(choices)}）" if choices else ""


def _places(places: int) -> str:
    return f"四舍五入保留 {places} 位小数" if places else "四舍五入取整"


def _weights(components: dict[str, Decimal]) -> str:
    return "、".join(
        f"{COMPONENT_LABELS.get(key, key)} {weight.normalize():f}" for key, weight in components.items()
    )


def branch_choices(scheme: BranchScheme) -> list[str]:
    choices = [f"{_weights(scheme.components)} 加权", _places(scheme.round)]
    if scheme.tiers != DOCUMENT_STAR_TIERS:
        choices.append("各星级的分数线")
    return choices


def member_choices(scheme: MemberScheme) -> list[str]:
    """Rounding, the ledger's base points and the bounds of a year's total: a ledger that adds up beyond
    them is counted at the bound (``rules.ratings.ledger_total``), which a board must say, or a member
    with 107 points of entries shows 100 unexplained."""
    low, high = (f"{bound.normalize():f}" for bound in (scheme.ledger.min, scheme.ledger.max))
    choices = [
        _places(scheme.round),
        f"积分台账的基础分 {scheme.ledger.base.normalize():f} 分",
        f"年度总积分在 {low}–{high} 分之间，台账加减后超出的按 {low} 分或 {high} 分计",
    ]
    if scheme.tiers != DOCUMENT_STAR_TIERS:
        choices.append("各星级的分数线")
    return choices


def duty_choices(scheme: DutyReportScheme) -> list[str]:
    cut_offs = "、".join(f"{tier.normalize():f}" for tier in scheme.tiers)
    choices = [f"各等次的分数线 {cut_offs} 分", _places(scheme.round)]
    if scheme.components != DOCUMENT_DUTY_WEIGHTS:
        choices.insert(0, f"{_weights(scheme.components)} 加权")
    return choices


def venue_choices(scheme: VenueScheme) -> list[str]:
    return ["检查标准和各星级所需的达标项数"]
