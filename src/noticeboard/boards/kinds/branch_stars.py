"""星级支部公示栏: every branch of the year by stars (≥90 三星, 80–89 二星, 60–79 一星, below 60 无星).

Reads ``branches.yml`` (``assessments`` by year) and ``schemes.yml`` (``branch``: weights,
rounding, tiers). A branch without an assessment that year is 未评定, listed apart.
On a branch page: who the branch is, how its score was reached (with the *branch*
rule) and its stars in every year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, compared_figure
from noticeboard.boards.kind import (
    STAR_COUNTS,
    BoardKind,
    BoardPage,
    BranchSection,
    CountyBoard,
    CountyColumn,
    PrintLink,
    ShareText,
    YearInput,
    level_columns,
)
from noticeboard.boards.paper import PrintContext, PrintPage, PrintRow, grouped, make_poster
from noticeboard.boards.parts import BranchRow, Group, by_score, group_counts, shown_stars
from noticeboard.boards.sheets import Cell, Column, ExtraColumns, star_cells
from noticeboard.boards.slides import Slide, name_slides
from noticeboard.boards.snapshot import Entry, score_fields
from noticeboard.registries.frozen import frozen
from noticeboard.rules.provenance import branch_choices, township_note
from noticeboard.rules.ratings import STAR_WORDS, Rating, describe_tiers
from noticeboard.rules.results import STAR_KEYS, Summary

STAR_LEVELS = (3, 2, 1, 0)


@frozen
class HistoryEntry:
    """A branch's rating in one year and the change from the year before it."""

    year: int
    rating: Rating | None
    change: str | None
    """``"↑"``, ``"↓"``, ``"→"``, or None when there is nothing to compare with."""


@frozen
class BranchBoard:
    """星级支部公示栏: every branch of the year by stars; unassessed ones apart."""

    year: int
    current: bool
    groups: tuple[Group[BranchRow], ...]
    unrated: Group[BranchRow]
    rule: str
    """The branch rule in words (tiers and rounding of ``schemes.yml: branch``)."""
    history: Mapping[str, tuple[HistoryEntry, ...]]
    """Branch id → its stars in every published year."""
    branches: Mapping[str, BranchRow]
    """Every branch of the board by id, in the order of ``branches.yml`` (the groups are by stars)."""

    @property
    def rows(self) -> tuple[BranchRow, ...]:
        return tuple(row for group in self.groups for row in group.rows) + self.unrated.rows


@frozen
class BranchStars:
    """The branch page's part: the branch, its score calculation under the branch rule, its history."""

    year: int
    branch: BranchRow
    rule: str
    history: tuple[HistoryEntry, ...]


class BranchStarsKind(BoardKind):
    key: ClassVar[str] = "branches"
    title: ClassVar[str] = "星级支部公示栏"
    order: ClassVar[int] = 10
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "branches",
            "星级支部",
            "boards/branches/",
            (
                *level_columns(("branches",), "stars", STAR_COUNTS, {"3": "三星党支部"}),
                CountyColumn("未评定", ("branches", "unrated")),
                CountyColumn("党支部", ("branches", "total"), printed="党支部"),
            ),
            chart=0,
            note="各乡镇公示的本年度党支部星级；括号内为占本乡镇党支部总数的百分比（四舍五入保留 1 位小数）",
            order=10,
            rule_of="branches",
        ),
    )
    screen_title: ClassVar[str] = "星级支部"

    def rule(self, board: BranchBoard) -> str:
        return board.rule

    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"board-branches": ("branches.yml", "schemes.yml")}

    def build(self, given: YearInput) -> BranchBoard:
        scheme = given.registry.schemes.branch
        rows = list(given.branches.values())
        groups = tuple(
            Group(
                str(level),
                f"{STAR_WORDS[level]}党支部",
                level,
                by_score([r for r in rows if r.stars == level]),
            )
            for level in STAR_LEVELS
        )
        unrated = Group("unrated", "未评定", None, tuple(r for r in rows if r.rating is None))
        history = {branch_id: _history(given.history.get(branch_id, {})) for branch_id in given.branches}
        rule = describe_tiers(scheme.tiers, scheme.round) + township_note(branch_choices(scheme))
        return BranchBoard(given.year, given.current, groups, unrated, rule, history, given.branches)

    def pages(self, view: Any, board: BranchBoard) -> Sequence[BoardPage]:
        prints = (
            (
                PrintLink("boards/branches", "星级支部公示栏"),
                PrintLink("members", "全部党支部的星级党员公示栏（每个党支部一张）", after=True),
            )
            if board.current
            else ()
        )
        return (
            BoardPage(
                "board-branches",
                "boards/branches.md",
                "星级支部公示栏",
                board,
                partials=("partials/nb/branch-board.html",),
                prints=prints,
                year_link="星级支部",
            ),
        )

    def branch_sections(self, view: Any, board: BranchBoard, branch_id: str) -> Sequence[BranchSection]:
        row = board.branches[branch_id]
        stars = BranchStars(board.year, row, board.rule, board.history[branch_id])
        return (
            BranchSection(10, "partials/nb/branch-stars.html", stars),
            BranchSection(90, "partials/nb/history.html", stars),
        )

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, BranchBoard)
        return ShareText(f"星级支部公示栏（{board.year} 年度）", (group_counts(board.groups, "个"),))

    def print_pages(self, boards: Any, board: BranchBoard, printing: PrintContext) -> Sequence[PrintPage]:
        rows = grouped((*board.groups, board.unrated), "个", _print_row)
        counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
        if board.unrated.rows:
            counts += f"，未评定 {len(board.unrated.rows)} 个"
        poster = make_poster(
            "branches",
            "星级支部公示栏",
            printing.organisation,
            board.year,
            ("党支部", "所属党总支", "得分", "星级"),
            counts,
            f"评星规则：{board.rule}。",
            printing.live("board-branches", ""),
            rows,
            layout="branches",
        )
        return (
            PrintPage(
                "boards/branches",
                "打印：星级支部公示栏",
                "星级支部公示栏",
                ("board-branches", ""),
                (poster,),
            ),
        )

    def township_slides(self, boards: Any, board: BranchBoard) -> Sequence[Slide]:
        """Each star level's branches, then those 未评定, as the board lists them (none is left off the TV)."""
        slides: list[Slide] = []
        for group in (*board.groups, board.unrated):
            if group.rows:
                names = [row.name for row in group.rows]
                slides += name_slides(
                    "branches", f"{board.year} 年度{group.title}", f"共 {len(names)} 个", names
                )
        return slides

    def branch_share_line(self, board: BranchBoard, branch_id: str) -> str:
        rating = board.branches[branch_id].rating
        return (
            f"{board.year} 年度{rating.words}（{rating.score} 分）" if rating else f"{board.year} 年度未评定"
        )

    def branch_slide_line(self, board: BranchBoard, branch_id: str) -> str:
        rating = board.branches[branch_id].rating
        return f"{board.year} 年度：" + (f"{rating.words}（{rating.score} 分）" if rating else "未评定")

    def open_data(self, board: BranchBoard) -> Mapping[str, object]:
        """``branches.json``: every rated branch, its stars this year and in every year of the data."""
        return {
            "branches.json": [
                {
                    "id": row.id,
                    "name": row.name,
                    "kind": row.kind,
                    "parent": row.parent,
                    "secretary": row.secretary,
                    "year": board.year,
                    **json_values.rating(row.rating),
                    "history": {
                        str(entry.year): json_values.rating(entry.rating) for entry in board.history[row.id]
                    },
                }
                for row in board.branches.values()
            ]
        }

    def snapshot(self, boards: Any, board: BranchBoard) -> Mapping[str, Entry]:
        return {row.id: Entry(row.name, score_fields(row.rating)) for row in board.branches.values()}

    def organisation_columns(self, boards: Any, board: BranchBoard) -> ExtraColumns:
        cells: dict[str, tuple[Cell, ...]] = {}
        for branch in boards.registry.branches:
            scores = branch.assessments.get(board.year, {})
            row = board.branches.get(branch.id)
            stars = star_cells(row.rating if row else None) if not branch.is_general else (None, "不参与评星")
            cells[branch.id] = (scores.get("points"), scores.get("target"), scores.get("score"), *stars)
        columns = (
            Column("积分制管理考核", 12, True),
            Column("年终目标考核", 12, True),
            Column("总分", 8, True),
            Column("得分", 8, True),
            Column("星级", 12),
        )
        return ExtraColumns(10, columns, cells)

    def figures(self, boards: Any, board: BranchBoard) -> Sequence[Figure]:
        before = boards.earlier[0] if boards.earlier else None
        previous = (before.year, before.summary) if before else None
        title = f"党支部星级（{board.year} 年度）"
        return (
            compared_figure("branches_stars", title, "个", star_counts, boards.current.summary, previous),
        )

    def counts(self, boards: Any, board: BranchBoard) -> str:
        stars = "，".join(
            f"{group.title.removesuffix('党支部')} {len(group.rows)} 个" for group in board.groups
        )
        return f"党支部 {len(board.branches)} 个（{stars}，未评定 {len(board.unrated.rows)} 个）"


def star_counts(summary: Summary) -> dict[str, int]:
    """Branches by stars in words, and 未评定."""
    counts = {STAR_WORDS[int(k)]: summary.branch_stars[k] for k in STAR_KEYS}
    counts["未评定"] = summary.branches_unrated
    return counts


def _print_row(row: BranchRow) -> PrintRow:
    score = str(row.score) if row.score is not None else "—"
    return PrintRow((row.name, row.parent_name or "—", score), rating=shown_stars(row.rating))


def _history(ratings: Mapping[int, Rating | None]) -> tuple[HistoryEntry, ...]:
    entries = []
    previous: Rating | None = None
    for year in sorted(ratings):
        rating = ratings[year]
        change = None
        if rating is not None and previous is not None:
            change = "↑" if rating.stars > previous.stars else "↓" if rating.stars < previous.stars else "→"
        entries.append(HistoryEntry(year, rating, change))
        if rating is not None:
            previous = rating
    return tuple(entries)


KIND = BranchStarsKind()
