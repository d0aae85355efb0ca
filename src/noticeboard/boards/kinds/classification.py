"""分类定级公示: every organisation's grade of the year (好, 较好, 一般, 较差) and the 整顿转化 of the 较差.

Reads ``grade`` and ``rectification`` (by year) on any organisation in ``branches.yml``.
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
from noticeboard.boards.parts import Group, OrgRef, chinese_date, group_counts, org_ref
from noticeboard.boards.sheets import Cell, Column, ExtraColumns
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.errors import Problem
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import GRADES, Rectification
from noticeboard.registries.reading import Registry


@frozen
class GradeRow:
    """An organisation's grade, and its rectification when graded 较差."""

    org: OrgRef
    grade: str
    rectification: Rectification | None

    @property
    def rectification_note(self) -> str:
        """A 较差's rectification as the branch page says it after the grade (empty for other grades)."""
        if self.grade != "较差":
            return ""
        fix = self.rectification
        if fix is None:
            return "（整顿转化：措施待公布）"
        note = f"（整顿转化：责任人 {fix.responsible}，期限 {chinese_date(fix.deadline)}"
        return note + (f"；进展：{fix.progress}" if fix.progress else "") + "）"

    @property
    def rectification_text(self) -> str:
        """整顿转化 in one line for a 较差 (responsible person, deadline, progress), else ``—``."""
        return rectification_text(self.rectification) if self.grade == "较差" else "—"


@frozen
class ClassificationBoard:
    """Organisations by grade, best first, with counts."""

    year: int
    current: bool
    groups: tuple[Group[GradeRow], ...]

    @cached_property
    def by_org(self) -> Mapping[str, GradeRow]:
        """Each organisation's row by its id (a branch page asks for its own; a county has thousands)."""
        return {row.org.id: row for group in self.groups for row in group.rows}

    @property
    def counts(self) -> Mapping[str, int]:
        return {group.key: len(group.rows) for group in self.groups}

    @property
    def total(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def rectifying(self) -> tuple[GradeRow, ...]:
        """The organisations graded 较差, whose rectification the board follows."""
        return self.groups[-1].rows


def classification_board(registry: Registry, year: int, current: bool) -> ClassificationBoard:
    rows = [
        GradeRow(org_ref(registry, branch), branch.grade[year], branch.rectification.get(year))
        for branch in registry.branches
        if year in branch.grade
    ]
    groups = tuple(Group(grade, grade, None, tuple(r for r in rows if r.grade == grade)) for grade in GRADES)
    return ClassificationBoard(year, current, groups)


def rectification_text(rectification: Rectification | None) -> str:
    """整顿转化 in one line: responsible person, deadline, progress (or that it is still to be set)."""
    if rectification is None:
        return "整顿转化措施待公布"
    deadline = rectification.deadline
    text = f"责任人：{rectification.responsible}；期限：{deadline.year}年{deadline.month}月{deadline.day}日"
    return text + (f"；进展：{rectification.progress}" if rectification.progress else "")


CLASSIFICATION_CHARS = {"portrait": (12, 7, None, 17), "landscape": (19, 11, None, 27)}
"""Characters per line of the printed table's columns (widths fixed in print.css; at least one fewer than fit):
the organisation, its kind (事业单位党支部 on one line), the grade (never wraps), 整顿转化."""


class ClassificationKind(BoardKind):
    key: ClassVar[str] = "classification"
    objection: ClassVar[str] = "对分类定级结果有异议的"
    title: ClassVar[str] = "分类定级"
    order: ClassVar[int] = 70
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "classification",
            "分类定级",
            "classification/",
            (
                *level_columns(
                    ("boards", "classification"),
                    "grades",
                    [(grade, grade) for grade in GRADES],
                    {"好": "定级为好"},
                ),
                CountyColumn("参加定级", ("boards", "classification", "total")),
            ),
            chart=0,
            note="基层党组织分类定级的等次；括号内为占本乡镇参加定级党组织的百分比（四舍五入保留 1 位小数）",
            order=70,
        ),
    )
    fact_label: ClassVar[str] = "分类定级"
    fact_order: ClassVar[int] = 1
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"classification": ("branches.yml",)}

    def build(self, given: YearInput) -> ClassificationBoard:
        return classification_board(given.registry, given.year, given.current)

    def pages(self, view: Any, board: ClassificationBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("classification", "分类定级公示栏"),) if board.current else ()
        partials = ("partials/nb/classification-board.html",)
        return (
            BoardPage(
                "classification",
                "classification.md",
                "分类定级",
                board,
                partials=partials,
                prints=prints,
                year_link="分类定级",
            ),
        )

    def branch_fact(self, board: ClassificationBoard, branch_id: str) -> BranchFact | None:
        row = board.by_org.get(branch_id)
        return (
            None
            if row is None
            else BranchFact("分类定级", "classification", "partials/nb/fact-grade.html", row)
        )

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, ClassificationBoard)
        return ShareText(f"分类定级（{board.year} 年度）", (group_counts(board.groups, "个"),))

    def home_card(self, boards: Any, board: ClassificationBoard) -> HomeCard:
        line = " · ".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
        return HomeCard("分类定级", line, "classification")

    def print_pages(
        self, boards: Any, board: ClassificationBoard, printing: PrintContext
    ) -> Sequence[PrintPage]:
        poster = _poster(board, printing.organisation, printing.live("classification", ""), printing)
        return (
            PrintPage(
                "classification", "打印：分类定级公示栏", "分类定级公示栏", ("classification", ""), (poster,)
            ),
        )

    def rollup(self, board: ClassificationBoard) -> Mapping[str, object]:
        """Organisations per grade (好 … 较差) and those taking part, for a county to add up."""
        return {"grades": dict(board.counts), "total": board.total}

    def open_data(self, board: ClassificationBoard) -> Mapping[str, object]:
        """``classification.json``: each organisation's grade and, for 较差, its rectification."""
        result = []
        for group in board.groups:
            for row in group.rows:
                fix = row.rectification
                result.append(
                    {
                        "organisation": row.org.id,
                        "year": board.year,
                        "grade": row.grade,
                        "rectification": {
                            "responsible": fix.responsible,
                            "deadline": json_values.date(fix.deadline),
                            "progress": fix.progress,
                        }
                        if fix
                        else None,
                    }
                )
        return {"classification.json": result}

    def snapshot(self, boards: Any, board: ClassificationBoard) -> Mapping[str, Entry]:
        return {
            row.org.id: Entry(
                row.org.name,
                {
                    "等次": row.grade,
                    "整顿进展": (row.rectification.progress if row.rectification else None) or "—",
                },
            )
            for group in board.groups
            for row in group.rows
        }

    def organisation_columns(self, boards: Any, board: ClassificationBoard) -> ExtraColumns:
        cells: dict[str, tuple[Cell, ...]] = {
            row.org.id: (row.grade,) for group in board.groups for row in group.rows
        }
        return ExtraColumns(20, (Column("分类定级", 8),), cells)

    def reminders(self, boards: Any, view: Any, board: ClassificationBoard) -> Sequence[Problem]:
        """A 较差 organisation that another board of the same year praises, or whose rectification's
        deadline has passed with no progress recorded."""
        registry = boards.registry
        stars = view.boards.get("branches")
        duty = view.boards.get("duty_reports")
        reports = duty.by_org if duty is not None else {}
        found = []
        for row in board.rectifying:
            place = registry.places[row.org.id]
            branch = stars.branches.get(row.org.id) if stars is not None else None
            if branch is not None and branch.stars == 3:
                message = f"提醒：{row.org.name} {board.year} 年分类定级为“较差”，支部评星却是三星，两块公示栏互相矛盾"
                found.append(Problem(place.file, place.line("grade", board.year), message))
            report = reports.get(row.org.id)
            if report is not None and report.rating.stars == 3:
                who = f"书记{row.org.secretary}" if row.org.secretary else "书记"
                message = f"提醒：{row.org.name} {board.year} 年分类定级为“较差”，{who}的述职考核却是“{report.rating.words}”"
                found.append(Problem(place.file, place.line("duty_report", board.year), message))
            fix = row.rectification
            if fix is not None and fix.deadline < boards.as_of and not fix.progress:
                message = (
                    f"提醒：{row.org.name} {board.year} 年整顿转化的期限 {chinese_date(fix.deadline)} 已过，"
                    "还没有写进展情况 progress"
                )
                found.append(
                    Problem(place.file, place.line("rectification", board.year, "deadline"), message)
                )
        return found

    def counts(self, boards: Any, board: ClassificationBoard) -> str:
        return f"分类定级 {board.total} 个"


def _poster(board: ClassificationBoard, organisation: str, url: str, printing: PrintContext) -> Any:
    """分类定级公示栏: organisations by grade; 较差 ones with their rectification."""

    def rows(orientation: str) -> list[PrintRow]:
        def grade(row: GradeRow) -> PrintRow:
            cells = (row.org.name, row.org.kind_label, row.grade, row.rectification_text)
            return wrapped_row(cells, CLASSIFICATION_CHARS[orientation])

        return grouped(board.groups, "个", grade)

    portrait, landscape = both_orientations(rows)
    counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
    return make_poster(
        "classification",
        "基层党组织分类定级公示栏",
        organisation,
        board.year,
        ("党组织", "类型", "等次", "整顿转化"),
        f"共 {board.total} 个党组织：{counts}。",
        "按好、较好、一般、较差四个等次分类定级；定为较差的党组织列入整顿转化，明确责任人和期限。",
        url,
        portrait,
        landscape,
        layout="classification",
        rated=False,
    )


KIND = ClassificationKind()
