"""述职考核公示: the secretaries' duty-report grades of one year (优秀, 称职, 基本称职, 不称职).

Reads ``duty_report`` (by year: four scores, or ``score``) on any organisation in
``branches.yml`` and ``schemes.yml: duty_report`` (weights, rounding, grade cut-offs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchFact,
    CountyBoard,
    CountyColumn,
    HomeCard,
    PrintLink,
    ShareText,
    YearInput,
    level_columns,
)
from noticeboard.boards.paper import (
    PrintContext,
    PrintPage,
    PrintRow,
    both_orientations,
    grouped,
    make_poster,
    wrapped_row,
)
from noticeboard.boards.parts import Group, OrgRef, group_counts, org_ref
from noticeboard.boards.sheets import Cell, Column, ExtraColumns
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import COMPONENT_LABELS
from noticeboard.registries.reading import Registry
from noticeboard.rules.provenance import duty_choices, township_note
from noticeboard.rules.ratings import DUTY_GRADES, Rating, describe_tiers, rate_duty_report


@frozen
class DutyRow:
    """One secretary's graded duty report."""

    org: OrgRef
    rating: Rating


@frozen
class DutyReportBoard:
    """Every graded secretary of the year, by grade, highest score first."""

    year: int
    current: bool
    groups: tuple[Group[DutyRow], ...]
    rule: str
    components: tuple[tuple[str, str], ...]
    """The weights as people say them, e.g. (日常记实考核, 20%)."""
    places: int
    """Decimals the total is rounded to (half-up) before it is graded."""

    @cached_property
    def by_org(self) -> Mapping[str, DutyRow]:
        """Each organisation's row by its id (a branch page asks for its own; a county has thousands)."""
        return {row.org.id: row for group in self.groups for row in group.rows}

    @property
    def rows(self) -> tuple[DutyRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


def duty_report_board(registry: Registry, year: int, current: bool) -> DutyReportBoard:
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
    rule = describe_tiers(scheme.tiers, scheme.round, DUTY_GRADES) + township_note(duty_choices(scheme))
    return DutyReportBoard(year, current, groups, rule, components, scheme.round)


DUTY_CHARS = {
    "portrait": (10, 3, None, None, None, None, None, 4),
    "landscape": (16, 5, None, None, None, None, None, 6),
}


class DutyReportsKind(BoardKind):
    key: ClassVar[str] = "duty_reports"
    objection: ClassVar[str] = "对述职考核结果有异议的"
    title: ClassVar[str] = "述职考核"
    order: ClassVar[int] = 80
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "duty-reports",
            "述职考核",
            "duty-reports/",
            (
                *level_columns(
                    ("boards", "duty_reports"),
                    "grades",
                    [(w, w) for w in DUTY_GRADES.values()],
                    {"优秀": "述职优秀"},
                ),
                CountyColumn("参加考核", ("boards", "duty_reports", "total")),
            ),
            chart=0,
            note="党组织书记述职考核的等次；括号内为占本乡镇参加考核书记的百分比（四舍五入保留 1 位小数）",
            order=80,
            rule_of="duty_reports",
        ),
    )
    fact_label: ClassVar[str] = "述职考核"
    fact_order: ClassVar[int] = 2
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"duty-reports": ("branches.yml", "schemes.yml")}

    def build(self, given: YearInput) -> DutyReportBoard:
        return duty_report_board(given.registry, given.year, given.current)

    def pages(self, view: Any, board: DutyReportBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("duty-reports", "述职考核公示栏"),) if board.current else ()
        partials = ("partials/nb/duty-board.html",)
        return (
            BoardPage(
                "duty-reports",
                "duty-reports.md",
                "述职考核",
                board,
                partials=partials,
                prints=prints,
                year_link="述职考核",
            ),
        )

    def branch_fact(self, board: DutyReportBoard, branch_id: str) -> BranchFact | None:
        row = board.by_org.get(branch_id)
        return (
            None
            if row is None
            else BranchFact("书记述职考核", "duty-reports", "partials/nb/fact-duty.html", row)
        )

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, DutyReportBoard)
        return ShareText(f"书记述职考核（{board.year} 年度）", (group_counts(board.groups, "名"),))

    def home_card(self, boards: Any, board: DutyReportBoard) -> HomeCard:
        line = " · ".join(f"{group.title} {len(group.rows)} 名" for group in board.groups)
        return HomeCard("书记述职考核", line, "duty-reports")

    def print_pages(self, boards: Any, board: DutyReportBoard, printing: PrintContext) -> Sequence[PrintPage]:
        poster = _poster(board, printing.organisation, printing.live("duty-reports", ""), printing)
        return (
            PrintPage(
                "duty-reports", "打印：述职考核公示栏", "述职考核公示栏", ("duty-reports", ""), (poster,)
            ),
        )

    def rule(self, board: DutyReportBoard) -> str:
        return board.rule

    def rollup(self, board: DutyReportBoard) -> Mapping[str, object]:
        """Secretaries per grade (优秀 … 不称职) and those reviewed, for a county to add up."""
        grades = {group.title: len(group.rows) for group in board.groups}
        return {"grades": grades, "total": len(board.rows)}

    def open_data(self, board: DutyReportBoard) -> Mapping[str, object]:
        """``duty-reports.json``: each secretary's scores, weighted total and grade."""
        return {
            "duty-reports.json": [
                {
                    "organisation": row.org.id,
                    "secretary": row.org.secretary,
                    "year": board.year,
                    "scores": {part.key: json_values.number(part.value) for part in row.rating.parts},
                    "score": json_values.number(row.rating.score),
                    "grade": row.rating.words,
                }
                for row in board.rows
            ]
        }

    def snapshot(self, boards: Any, board: DutyReportBoard) -> Mapping[str, Entry]:
        return {
            row.org.id: Entry(
                f"{row.org.name}书记{row.org.secretary or ''}",
                {"综合得分": str(row.rating.score), "等次": row.rating.words},
            )
            for row in board.rows
        }

    def organisation_columns(self, boards: Any, board: DutyReportBoard) -> ExtraColumns:
        cells: dict[str, tuple[Cell, ...]] = {
            row.org.id: (row.rating.score, row.rating.words) for row in board.rows
        }
        return ExtraColumns(30, (Column("述职考核得分", 12, True), Column("述职考核等次", 12)), cells)

    def counts(self, boards: Any, board: DutyReportBoard) -> str:
        return f"述职考核 {len(board.rows)} 个"


def _poster(board: DutyReportBoard, organisation: str, url: str, printing: PrintContext) -> Any:
    """述职考核公示栏: each secretary's four scores, the weighted total and the grade."""

    def rows(orientation: str) -> list[PrintRow]:
        def report(row: DutyRow) -> PrintRow:
            rating = row.rating
            parts = tuple(str(part.value) for part in rating.parts) or ("—",) * len(board.components)
            cells = (row.org.name, row.org.secretary or "—", *parts, str(rating.score), rating.words)
            return wrapped_row(cells, DUTY_CHARS[orientation])

        return grouped(board.groups, "名", report)

    portrait, landscape = both_orientations(rows)
    weights = "、".join(f"{label} {weight}" for label, weight in board.components)
    counts = "，".join(f"{group.title} {len(group.rows)} 名" for group in board.groups)
    return make_poster(
        "duty-reports",
        "党组织书记述职考核公示栏",
        organisation,
        board.year,
        ("党组织", "书记", "日常", "现场", "年度", "述职", "综合", "等次"),
        f"共 {len(board.rows)} 名书记：{counts}。",
        f"综合得分 = {weights} 加权，四舍五入保留 {board.places} 位小数；{board.rule}。",
        url,
        portrait,
        landscape,
        layout="duty",
        rated=False,
    )


KIND = DutyReportsKind()
