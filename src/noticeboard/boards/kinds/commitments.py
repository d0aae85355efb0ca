"""公开承诺: what branches and members promised for the year, who approved it, and whether it was kept.

Reads ``commitments/<year>.yml``. A commitment is overdue (逾期) when it is still
planned or in progress after its deadline (at ``as_of``). Shown by branch on
``/commitments/`` and on each branch page; printed per branch and as a set; the
fulfilment rate per branch is on the statistics page and the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.figures import share
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    PrintLink,
    ShareText,
    StatTable,
    YearInput,
)
from noticeboard.boards.paper import (
    PrintContext,
    PrintPage,
    PrintRow,
    line_count,
    make_poster,
    row_height,
)
from noticeboard.boards.parts import BranchRow
from noticeboard.boards.sheets import Column, Sheet
from noticeboard.boards.slides import Slide, row_slides
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.models import STATUS_LABELS, Update
from noticeboard.registries.reading import Registry
from noticeboard.rules.results import CommitmentResult, count_commitments

COMMITMENT_CHARS = {
    "portrait": {"maker": 6, "text": 19},
    "landscape": {"maker": 9, "text": 31},
}
"""Characters per line in the printed table's maker and text columns (widths fixed in print.css)."""


@dataclass(frozen=True)
class CommitmentRow:
    """One public commitment with its derived state."""

    id: str
    year: int
    by: str
    maker: str
    by_member: bool
    branch: str
    text: str
    category: str | None
    status: str
    status_label: str
    overdue: bool
    made: dt.date | None
    due: dt.date | None
    approved_by: str | None
    approved_on: dt.date | None
    fulfilled_on: dt.date | None
    updates: tuple[Update, ...]


@dataclass(frozen=True)
class CommitmentGroup:
    """The commitments of one branch and its members."""

    branch: BranchRow
    rows: tuple[CommitmentRow, ...]
    counts: Mapping[str, int]


@dataclass(frozen=True)
class Fulfilment:
    """Commitments of one branch (and its members) in the year, and the share fulfilled."""

    branch: str
    name: str
    total: int
    fulfilled: int
    rate: Decimal

    def as_dict(self) -> dict[str, object]:
        return {
            "branch": self.branch,
            "name": self.name,
            "total": self.total,
            "fulfilled": self.fulfilled,
            "percent": float(self.rate),
        }


@dataclass(frozen=True)
class FulfilmentTable:
    """公开承诺兑现率 per branch and in total (statistics page, screen)."""

    year: int
    rows: tuple[Fulfilment, ...]
    total: Fulfilment


@dataclass(frozen=True)
class CommitmentsBoard:
    """公开承诺 of the year, by branch, with totals."""

    year: int
    current: bool
    as_of: dt.date
    groups: tuple[CommitmentGroup, ...]
    """Branches with commitments, in registry order."""
    counts: Mapping[str, int]
    by_branch: Mapping[str, tuple[CommitmentRow, ...]]
    """Every branch (with commitments or not) → its rows."""
    branches: Mapping[str, BranchRow]

    @property
    def fulfilment(self) -> FulfilmentTable:
        rows = tuple(_fulfilment(group.branch.id, group.branch.name, group.counts) for group in self.groups)
        return FulfilmentTable(self.year, rows, _fulfilment("", "合计", self.counts))


class CommitmentsKind(BoardKind):
    key: ClassVar[str] = "commitments"
    title: ClassVar[str] = "公开承诺"
    order: ClassVar[int] = 30
    screen_title: ClassVar[str] = "公开承诺"
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "commitments": ("commitments/{year}.yml", "branches.yml", "members/")
    }

    def build(self, given: YearInput) -> CommitmentsBoard:
        rows = [_row(given.registry, result) for result in given.results.commitments]
        by_branch: dict[str, list[CommitmentRow]] = {branch_id: [] for branch_id in given.branches}
        for row in rows:
            by_branch.setdefault(row.branch, []).append(row)
        groups = tuple(
            CommitmentGroup(
                branch=branch,
                rows=tuple(by_branch[branch_id]),
                counts=count_commitments((r.status, r.overdue) for r in by_branch[branch_id]),
            )
            for branch_id, branch in given.branches.items()
            if by_branch.get(branch_id)
        )
        everything = [row for group in groups for row in group.rows]
        return CommitmentsBoard(
            year=given.year,
            current=given.current,
            as_of=given.as_of,
            groups=groups,
            counts=count_commitments((r.status, r.overdue) for r in everything),
            by_branch={branch_id: tuple(by_branch[branch_id]) for branch_id in given.branches},
            branches=given.branches,
        )

    def pages(self, view: Any, board: CommitmentsBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("commitments", "全部公开承诺公示栏（每个党支部一张）"),) if board.current else ()
        return (
            BoardPage(
                "commitments",
                "commitments.md",
                "公开承诺",
                board,
                partials=("partials/nb/commitments-board.html",),
                prints=prints,
                year_link="公开承诺",
            ),
        )

    def branch_sections(self, view: Any, board: CommitmentsBoard, branch_id: str) -> Sequence[BranchSection]:
        rows = board.by_branch.get(branch_id, ())
        prints = (
            (PrintLink(f"commitments/{branch_id}", "本支部公开承诺公示栏"),) if board.current and rows else ()
        )
        return (BranchSection(40, "partials/nb/branch-commitments.html", rows, prints),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, CommitmentsBoard)
        c = board.counts
        line = f"共 {c['total']} 项：已兑现 {c['fulfilled']} 项，进行中 {c['in_progress']} 项" + (
            f"，逾期 {c['overdue']} 项" if c["overdue"] else ""
        )
        return ShareText(f"公开承诺（{board.year} 年度）", (line,))

    def print_pages(
        self, boards: Any, board: CommitmentsBoard, printing: PrintContext
    ) -> Sequence[PrintPage]:
        pages = []
        for branch_id, branch in board.branches.items():
            poster = _poster(
                branch, board.by_branch[branch_id], board.year, printing.live("branch", branch_id), printing
            )
            pages.append(
                PrintPage(
                    f"commitments/{branch_id}",
                    f"打印：{branch.name}公开承诺",
                    "公开承诺公示栏",
                    ("branch", branch_id),
                    (poster,),
                )
            )
        everything = tuple(poster for page in pages for poster in page.posters)
        return (
            *pages,
            PrintPage(
                "commitments",
                "打印：全部公开承诺公示栏",
                "全部公开承诺公示栏",
                ("commitments", ""),
                everything,
            ),
        )

    def township_slides(self, boards: Any, board: CommitmentsBoard) -> Sequence[Slide]:
        table = board.fulfilment
        total = table.total
        return row_slides(
            "fulfilment",
            f"{board.year} 年度公开承诺兑现率",
            f"合计 {total.fulfilled}/{total.total} 项，{total.rate}%",
            [(row.name, f"{row.fulfilled}/{row.total}", f"{row.rate}%") for row in table.rows],
        )

    def open_data(self, boards: Any, view: Any, board: CommitmentsBoard) -> Mapping[str, object]:
        """``commitments.json``: every commitment of the year with its status and whether it is overdue."""
        return {"commitments.json": [_json(row) for group in board.groups for row in group.rows]}

    def snapshot(self, boards: Any, board: CommitmentsBoard) -> Mapping[str, Entry]:
        return {
            row.id: Entry(
                f"{row.maker}：{row.text}", {"状态": row.status_label, "逾期": "是" if row.overdue else "否"}
            )
            for rows in board.by_branch.values()
            for row in rows
        }

    def sheets(self, boards: Any, board: CommitmentsBoard) -> Sequence[Sheet]:
        names = {b.id: b.name for b in boards.registry.branches}
        sheet = Sheet(
            f"{board.year}公开承诺",
            (
                Column("编号", 14),
                Column("承诺人", 12),
                Column("所在党支部", 26),
                Column("承诺内容", 44),
                Column("承诺日期", 12),
                Column("完成时限", 12),
                Column("审核人", 10),
                Column("状态", 8),
                Column("兑现日期", 12),
                Column("逾期", 6),
            ),
            [
                (
                    row.id,
                    row.maker,
                    names[row.branch],
                    row.text,
                    row.made,
                    row.due,
                    row.approved_by,
                    STATUS_LABELS[row.status],
                    row.fulfilled_on,
                    "逾期" if row.overdue else None,
                )
                for group in board.groups
                for row in group.rows
            ],
            position=30,
        )
        return (sheet,)

    def stat_tables(self, boards: Any, board: CommitmentsBoard) -> Sequence[StatTable]:
        table = board.fulfilment
        data = [row.as_dict() for row in (*table.rows, table.total)]
        return (StatTable("commitments_fulfilment", "partials/nb/stat-fulfilment.html", table, data),)

    def counts(self, boards: Any, board: CommitmentsBoard) -> str:
        return f"公开承诺 {board.counts['total']} 项（逾期 {board.counts['overdue']} 项）"


def _fulfilment(branch: str, name: str, counts: Mapping[str, int]) -> Fulfilment:
    return Fulfilment(
        branch, name, counts["total"], counts["fulfilled"], share(counts["fulfilled"], counts["total"])
    )


def _row(registry: Registry, result: CommitmentResult) -> CommitmentRow:
    commitment = result.commitment
    if result.by_member:
        maker = registry.member_by_id[commitment.by].name
    else:
        maker = registry.branch_by_id[commitment.by].name
    return CommitmentRow(
        id=commitment.id,
        year=result.year,
        by=commitment.by,
        maker=maker,
        by_member=result.by_member,
        branch=result.branch_id,
        text=commitment.text,
        category=commitment.category,
        status=commitment.status,
        status_label=STATUS_LABELS[commitment.status],
        overdue=result.overdue,
        made=commitment.made,
        due=commitment.due,
        approved_by=commitment.approved_by,
        approved_on=commitment.approved_on,
        fulfilled_on=commitment.fulfilled_on,
        updates=commitment.updates,
    )


def _json(row: CommitmentRow) -> dict[str, object]:
    """A commitment names its maker but carries no member id: with ``members.json`` an id
    would tell whether the maker is on a star board, and the commitment must not tell that."""
    return {
        "id": row.id,
        "year": row.year,
        "maker": row.maker,
        "maker_kind": "member" if row.by_member else "branch",
        "branch": row.branch,
        "text": row.text,
        "category": row.category,
        "status": row.status,
        "overdue": row.overdue,
        "made": json_values.date(row.made),
        "due": json_values.date(row.due),
        "approved_by": row.approved_by,
        "approved_on": json_values.date(row.approved_on),
        "fulfilled_on": json_values.date(row.fulfilled_on),
        "updates": [{"date": json_values.date(u.date), "note": u.note} for u in row.updates],
    }


def _poster(
    branch: BranchRow, rows: Sequence[CommitmentRow], year: int, url: str, printing: PrintContext
) -> Any:
    """A branch's 公开承诺 on paper: who promised what, the deadline, who approved it, the status."""
    done = sum(row.status == "fulfilled" for row in rows)
    overdue = sum(row.overdue for row in rows)
    summary = f"共 {len(rows)} 项，已兑现 {done} 项" + (f"，逾期 {overdue} 项" if overdue else "") + "。"
    return make_poster(
        f"commitments-{branch.id}",
        "公开承诺公示栏",
        branch.name,
        year,
        ("承诺人", "承诺内容", "完成时限", "审核人", "状态"),
        summary,
        "承诺事项经党组织书记审核后公示，接受党员和群众监督。",
        url,
        printing.qr,
        [_print_row(row, COMMITMENT_CHARS["portrait"]) for row in rows],
        [_print_row(row, COMMITMENT_CHARS["landscape"]) for row in rows],
        layout="commitments",
        rated=False,
    )


def _print_row(row: CommitmentRow, chars: dict[str, int]) -> PrintRow:
    status = row.status_label + ("\n逾期" if row.overdue else "")
    due = f"{row.due.year}.{row.due.month}.{row.due.day}" if row.due else "—"
    wrapped = max(
        line_count(row.text, chars["text"]), line_count(row.maker, chars["maker"]), 2 if row.overdue else 1
    )
    return PrintRow(
        (row.maker, row.text, due, row.approved_by or "—", status),
        lines=row_height(wrapped),
        overdue=row.overdue,
    )


KIND = CommitmentsKind()
