"""活动场所星级公示: the village activity venues of one year by stars, with their checklists.

Reads ``venue`` (by year: ``stars`` as awarded, or ``checks``) on any organisation in
``branches.yml`` and ``schemes.yml: venue`` (checklist and tiers, the township's own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

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
from noticeboard.registries.reading import Registry
from noticeboard.rules.provenance import township_note, venue_choices
from noticeboard.rules.ratings import VENUE_WORDS, VenueRating, describe_venue_tiers, rate_venue

VENUE_LEVELS = (5, 4, 3, 0)


@frozen
class Check:
    """One checklist item of one venue: passed, failed, or not checked (None)."""

    standard: str
    """The standard it belongs to, e.g. 八有."""
    item: str
    passed: bool | None


@frozen
class VenueRow:
    """A venue's stars for the year and its checklist."""

    org: OrgRef
    rating: VenueRating
    checks: tuple[Check, ...]
    """Every item of the scheme's checklist, in its order (empty when none was written)."""

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(check.item for check in self.checks if check.passed is False)


@frozen
class VenueBoard:
    """Every venue rated in the year, by stars (五星级, 四星级, 三星级, 未达星级)."""

    year: int
    current: bool
    groups: tuple[Group[VenueRow], ...]
    rule: str
    checklist: tuple[tuple[str, tuple[str, ...]], ...]
    """The standards and their items, to explain the checks."""

    @cached_property
    def by_org(self) -> Mapping[str, VenueRow]:
        """Each organisation's row by its id (a branch page asks for its own; a county has thousands)."""
        return {row.org.id: row for group in self.groups for row in group.rows}

    @property
    def rows(self) -> tuple[VenueRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def item_count(self) -> int:
        return sum(len(items) for _, items in self.checklist)


def venue_board(registry: Registry, year: int, current: bool) -> VenueBoard:
    scheme = registry.schemes.venue
    rows = []
    for branch in registry.branches:
        venue = branch.venue.get(year)
        if venue is None:
            continue
        checks = (
            tuple(
                Check(standard, item, venue.checks.get(item))
                for standard, items in scheme.checklist.items()
                for item in items
            )
            if venue.checks
            else ()
        )
        rows.append(
            VenueRow(org_ref(registry, branch), rate_venue(venue.stars, venue.checks, scheme), checks)
        )
    groups = tuple(
        Group(str(level), VENUE_WORDS[level], level, tuple(r for r in rows if r.rating.stars == level))
        for level in VENUE_LEVELS
    )
    return VenueBoard(
        year,
        current,
        groups,
        describe_venue_tiers(scheme) + township_note(venue_choices(scheme)),
        tuple(scheme.checklist.items()),
    )


VENUE_CHARS = {"portrait": (12, None, 17, None), "landscape": (19, None, 26, None)}


class VenuesKind(BoardKind):
    key: ClassVar[str] = "venues"
    objection: ClassVar[str] = "对活动场所星级评定有异议的"
    title: ClassVar[str] = "活动场所星级"
    order: ClassVar[int] = 60
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "venues",
            "活动场所星级",
            "venues/",
            (
                *level_columns(
                    ("boards", "venues"),
                    "stars",
                    [(str(n), VENUE_WORDS[n]) for n in VENUE_LEVELS],
                    {"5": "五星级场所"},
                ),
                CountyColumn("活动场所", ("boards", "venues", "total")),
            ),
            chart=0,
            note="村级活动场所星级；括号内为占本乡镇评定的活动场所的百分比（四舍五入保留 1 位小数）",
            order=60,
            rule_of="venues",
        ),
    )
    fact_label: ClassVar[str] = "活动场所"
    fact_order: ClassVar[int] = 3
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {"venues": ("branches.yml", "schemes.yml")}

    def build(self, given: YearInput) -> VenueBoard:
        return venue_board(given.registry, given.year, given.current)

    def pages(self, view: Any, board: VenueBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("venues", "活动场所星级公示栏"),) if board.current else ()
        partials = ("partials/nb/venue-board.html", "partials/nb/venue-checklist.html")
        return (
            BoardPage(
                "venues",
                "venues.md",
                "活动场所星级",
                board,
                partials=partials,
                prints=prints,
                year_link="活动场所星级",
            ),
        )

    def branch_fact(self, board: VenueBoard, branch_id: str) -> BranchFact | None:
        row = board.by_org.get(branch_id)
        return None if row is None else BranchFact("活动场所", "venues", "partials/nb/fact-venue.html", row)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, VenueBoard)
        return ShareText(f"活动场所星级（{board.year} 年度）", (group_counts(board.groups, "个"),))

    def home_card(self, boards: Any, board: VenueBoard) -> HomeCard:
        line = " · ".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
        return HomeCard("活动场所星级", line, "venues")

    def print_pages(self, boards: Any, board: VenueBoard, printing: PrintContext) -> Sequence[PrintPage]:
        poster = _poster(board, printing.organisation, printing.live("venues", ""), printing)
        return (
            PrintPage("venues", "打印：活动场所星级公示栏", "活动场所星级公示栏", ("venues", ""), (poster,)),
        )

    def rule(self, board: VenueBoard) -> str:
        return board.rule

    def rollup(self, board: VenueBoard) -> Mapping[str, object]:
        """Venues per star level (5, 4, 3, 0 for 未达星级) and those rated, for a county to add up."""
        return {"stars": {group.key: len(group.rows) for group in board.groups}, "total": len(board.rows)}

    def open_data(self, board: VenueBoard) -> Mapping[str, object]:
        """``venues.json``: each venue's stars, whether awarded or derived, and its checklist."""
        return {
            "venues.json": [
                {
                    "organisation": row.org.id,
                    "year": board.year,
                    "stars": row.rating.stars or None,
                    "awarded": row.rating.awarded,
                    "passed": row.rating.passed if row.checks else None,
                    "checks": {check.item: check.passed for check in row.checks},
                }
                for row in board.rows
            ]
        }

    def snapshot(self, boards: Any, board: VenueBoard) -> Mapping[str, Entry]:
        return {row.org.id: Entry(row.org.name, {"星级": row.rating.words}) for row in board.rows}

    def organisation_columns(self, boards: Any, board: VenueBoard) -> ExtraColumns:
        cells: dict[str, tuple[Cell, ...]] = {row.org.id: (row.rating.words,) for row in board.rows}
        return ExtraColumns(40, (Column("活动场所星级", 12),), cells)

    def counts(self, boards: Any, board: VenueBoard) -> str:
        return f"活动场所 {len(board.rows)} 个"


def _poster(board: VenueBoard, organisation: str, url: str, printing: PrintContext) -> Any:
    """活动场所星级公示栏: venues by stars, with the items that did not pass."""
    total = board.item_count

    def rows(orientation: str) -> list[PrintRow]:
        def venue(row: VenueRow) -> PrintRow:
            passed = f"{row.rating.passed}/{total}" if row.checks else "—"
            failed = "、".join(row.failed) or ("全部达标" if row.checks else "—")
            stars = row.rating.words + ("（核定）" if row.rating.awarded else "")
            return wrapped_row((row.org.name, passed, failed, stars), VENUE_CHARS[orientation])

        return grouped(board.groups, "个", venue)

    portrait, landscape = both_orientations(rows)
    counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups if group.rows)
    return make_poster(
        "venues",
        "村级组织活动场所星级公示栏",
        organisation,
        board.year,
        ("活动场所", "达标项", "未达标项", "星级"),
        f"共评定 {len(board.rows)} 个活动场所：{counts}。",
        f"评定标准：{''.join(f'“{name}”' for name, _ in board.checklist)}，{board.rule}；核定星级以镇党委评定为准。",
        url,
        portrait,
        landscape,
        layout="venues",
        rated=False,
    )


KIND = VenuesKind()
