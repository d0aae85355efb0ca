"""Each rule says which of its parts the township set for itself (本镇规定); none is attributed to the
source documents unless they give it."""

from __future__ import annotations

from decimal import Decimal

from noticeboard.registries.models import BranchScheme, DutyReportScheme, MemberScheme, VenueScheme
from noticeboard.rules.provenance import (
    branch_choices,
    duty_choices,
    member_choices,
    township_note,
    venue_choices,
)


def test_the_documents_tiers_are_theirs_the_weights_and_rounding_are_the_townships() -> None:
    assert township_note(branch_choices(BranchScheme())) == (
        "（本镇规定：积分制管理考核 0.5、年终目标考核 0.5 加权；四舍五入保留 1 位小数）"
    )
    assert (
        township_note(member_choices(MemberScheme()))
        == "（本镇规定：四舍五入保留 1 位小数；积分台账的基础分 60 分；"
        "年度总积分在 0–100 分之间，台账加减后超出的按 0 分或 100 分计）"
    )


def test_the_ledgers_bounds_are_said_as_the_scheme_sets_them() -> None:
    """A ledger adding up beyond the bounds counts at the bound: the board says so, with the township's
    own bounds (a member with 107 points of entries shows 100)."""
    scheme = MemberScheme.model_validate({"ledger": {"base": 50, "min": 10, "max": Decimal("120.5")}})
    assert member_choices(scheme)[1:] == [
        "积分台账的基础分 50 分",
        "年度总积分在 10–120.5 分之间，台账加减后超出的按 10 分或 120.5 分计",
    ]


def test_changed_tiers_become_the_townships_own() -> None:
    tiers = (Decimal(95), Decimal(85), Decimal(70))
    assert "各星级的分数线" in branch_choices(BranchScheme(tiers=tiers))
    assert "各星级的分数线" in member_choices(MemberScheme(tiers=tiers))
    assert "各星级的分数线" not in branch_choices(BranchScheme())


def test_duty_report_weights_are_the_documents_cut_offs_the_townships() -> None:
    assert duty_choices(DutyReportScheme()) == ["各等次的分数线 90、75、60 分", "四舍五入保留 1 位小数"]
    halves = {
        "daily": Decimal("0.25"),
        "onsite": Decimal("0.25"),
        "annual": Decimal("0.25"),
        "review": Decimal("0.25"),
    }
    assert duty_choices(DutyReportScheme(components=halves))[0] == (
        "日常记实考核 0.25、现场观摩考核 0.25、年度综合考核 0.25、述职评议考核 0.25 加权"
    )


def test_the_venue_rule_is_all_the_townships() -> None:
    assert township_note(venue_choices(VenueScheme())) == "（本镇规定：检查标准和各星级所需的达标项数）"


def test_rounding_to_whole_points_is_said_as_such() -> None:
    assert "四舍五入取整" in branch_choices(BranchScheme(round=0))
