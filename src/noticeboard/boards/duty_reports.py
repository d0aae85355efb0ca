"""述职评议公示: the secretaries' duty-report grades of one year (优秀, 称职, 基本称职, 不称职)."""

from __future__ import annotations

from dataclasses import dataclass

from noticeboard.boards.parts import Group, OrgRef, org_ref
from noticeboard.registries.models import COMPONENT_LABELS
from noticeboard.registries.reading import Registry
from noticeboard.rules.ratings import DUTY_GRADES, Rating, describe_tiers, rate_duty_report


@dataclass(frozen=True)
class DutyRow:
    """One secretary's graded duty report."""

    org: OrgRef
    rating: Rating


@dataclass(frozen=True)
class DutyReportBoard:
    """Every graded secretary of the year, by grade, highest score first."""

    year: int
    groups: tuple[Group[DutyRow], ...]
    rule: str
    components: tuple[tuple[str, str], ...]
    """The weights as people say them, e.g. (日常记实考核, 20%)."""
    places: int
    """Decimals the total is rounded to (half-up) before it is graded."""

    @property
    def rows(self) -> tuple[DutyRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


def duty_report_board(registry: Registry, year: int) -> DutyReportBoard:
    scheme = registry.schemes.duty_report
    rows = [
        DutyRow(org_ref(registry, branch), rate_duty_report(branch.duty_report[year], scheme))
        for branch in registry.branches
        if year in branch.duty_report
    ]
    rows.sort(key=lambda row: -row.rating.score)  # stable: equal scores keep the registry's order
    groups = tuple(
        Group(str(level), DUTY_GRADES[level], level, tuple(r for r in rows if r.rating.stars == level))
        for level in (3, 2, 1, 0)
    )
    components = tuple(
        (COMPONENT_LABELS.get(key, key), f"{(weight * 100).normalize():f}%")
        for key, weight in scheme.components.items()
    )
    rule = describe_tiers(scheme.tiers, scheme.round, DUTY_GRADES)
    return DutyReportBoard(year, groups, rule, components, scheme.round)
