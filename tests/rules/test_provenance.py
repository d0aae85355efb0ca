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
        == "（本镇规定：四舍五入保留 1 位小数；积分台账的基础分 60 分）"
    )


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
