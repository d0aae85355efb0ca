"""What each notice board shows, prepared once for every way of showing it.

The web page, the printed poster and the open data must agree to the last
name, so grouping, ordering, counting and the privacy decision of who is named
happen here, in plain data classes, and renderers only lay them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from noticeboard.boards.classification import ClassificationBoard, GradeRow, classification_board
from noticeboard.boards.duty_reports import DutyReportBoard, DutyRow, duty_report_board
from noticeboard.boards.parts import Group
from noticeboard.boards.pioneers import PioneerBoard, pioneer_boards
from noticeboard.boards.reviews import ReviewBoard, review_boards
from noticeboard.boards.venues import VenueBoard, VenueRow, venue_board
from noticeboard.registries.memory import paused_gc
from noticeboard.registries.models import KIND_LABELS, STATUS_LABELS, Branch, Update
from noticeboard.registries.reading import Registry, Story
from noticeboard.rules.ratings import STAR_WORDS, Rating, describe_tiers
from noticeboard.rules.results import (
    BranchResult,
    CommitmentResult,
    MemberResult,
    Summary,
    YearResults,
    count_commitments,
    is_listed,
    rate_year,
    summarize,
)

STAR_LEVELS = (3, 2, 1, 0)


@dataclass(frozen=True)
class BranchRow:
    """One branch on a board."""

    id: str
    name: str
    kind: str
    kind_label: str
    parent: str | None
    parent_name: str | None
    secretary: str | None
    rating: Rating | None

    @property
    def stars(self) -> int | None:
        return None if self.rating is None else self.rating.stars

    @property
    def score(self) -> Decimal | None:
        return None if self.rating is None else self.rating.score


@dataclass(frozen=True)
class MemberRow:
    """One member on a star board: only what a paper board shows."""

    id: str
    name: str
    gender: str
    branch: str
    rating: Rating | None
    from_ledger: bool = False

    @property
    def stars(self) -> int | None:
        return None if self.rating is None else self.rating.stars

    @property
    def points(self) -> Decimal | None:
        return None if self.rating is None else self.rating.score


@dataclass(frozen=True)
class BranchBoard:
    """星级党支部公示栏: every branch of the year by stars; unassessed ones apart."""

    year: int
    groups: tuple[Group[BranchRow], ...]
    unrated: Group[BranchRow]
    rule: str

    @property
    def rows(self) -> tuple[BranchRow, ...]:
        return tuple(row for group in self.groups for row in group.rows) + self.unrated.rows


@dataclass(frozen=True)
class MemberBoard:
    """星级党员公示栏 of one branch: named starred members; the others only counted."""

    branch: str
    year: int
    groups: tuple[Group[MemberRow], ...]
    counts: Mapping[str, int]
    """``"3"`` … ``"0"``, ``"exempt"``, ``"unrated"``, ``"total"``: everyone, named or not."""
    rule: str

    @property
    def rows(self) -> tuple[MemberRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)


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
class CommitmentsBoard:
    """公开承诺 of the year, by branch, with totals."""

    year: int
    as_of: dt.date
    groups: tuple[CommitmentGroup, ...]
    counts: Mapping[str, int]


@dataclass(frozen=True)
class HistoryEntry:
    """A branch's rating in one year and the change from the year before it."""

    year: int
    rating: Rating | None
    change: str | None
    """``"↑"``, ``"↓"``, ``"→"``, or None when there is nothing to compare with."""


@dataclass(frozen=True)
class BranchPage:
    """Everything on one branch's page for one year."""

    year: int
    branch: BranchRow
    members: MemberBoard
    commitments: tuple[CommitmentRow, ...]
    stories: tuple[Story, ...]
    history: tuple[HistoryEntry, ...]
    reviews: ReviewBoard | None = None
    venue: VenueRow | None = None
    grade: GradeRow | None = None
    duty_report: DutyRow | None = None
    pioneers: PioneerBoard | None = None
    """The branch's pioneer posts; only on the current year's page (posts are not kept per year)."""


@dataclass(frozen=True)
class YearView:
    """Every board of one assessment year."""

    year: int
    results: YearResults
    summary: Summary
    branches: BranchBoard
    pages: Mapping[str, BranchPage]
    commitments: CommitmentsBoard
    reviews: Mapping[str, ReviewBoard]
    """Organisation id → its public reviews (党总支 included), in registry order."""
    venues: VenueBoard
    classification: ClassificationBoard
    duty_reports: DutyReportBoard


@dataclass(frozen=True)
class Boards:
    """All years' boards; ``current`` is the year in ``site.yml``."""

    registry: Registry
    as_of: dt.date
    years: Mapping[int, YearView]
    pioneers: Mapping[str, PioneerBoard]
    """Branch id → its pioneer posts (current, not per year)."""

    @property
    def current(self) -> YearView:
        return self.years[self.registry.site.year]

    @property
    def earlier(self) -> tuple[YearView, ...]:
        """Years before the current one, newest first."""
        return tuple(
            view for year, view in sorted(self.years.items(), reverse=True) if year < self.registry.site.year
        )


def build_boards(registry: Registry, as_of: dt.date) -> Boards:
    """Rate every year up to the site's year and prepare every board.

    Years after ``site.yml``'s ``year`` are being prepared and are not published.
    """
    published = [year for year in registry.years if year <= registry.site.year]
    with paused_gc():
        return _build(registry, as_of, published)


def _build(registry: Registry, as_of: dt.date, published: list[int]) -> Boards:
    results = {year: rate_year(registry, year, as_of) for year in published}
    ratings_by_branch: dict[str, dict[int, Rating | None]] = {}
    for year, result in results.items():
        for branch_result in result.branches:
            ratings_by_branch.setdefault(branch_result.branch.id, {})[year] = branch_result.rating
    pioneers = pioneer_boards(registry)
    years = {
        year: _year_view(registry, result, ratings_by_branch, pioneers if year == registry.site.year else {})
        for year, result in results.items()
    }
    return Boards(registry, as_of, years, pioneers)


def _year_view(
    registry: Registry,
    results: YearResults,
    ratings_by_branch: Mapping[str, Mapping[int, Rating | None]],
    pioneers: Mapping[str, PioneerBoard],
) -> YearView:
    rows = {r.branch.id: _branch_row(registry, r) for r in results.branches}
    members_by_branch: dict[str, list[MemberResult]] = {branch_id: [] for branch_id in rows}
    for member in results.members:
        members_by_branch.setdefault(member.branch_id, []).append(member)
    commitment_rows = [_commitment_row(registry, c) for c in results.commitments]
    commitments_by_branch: dict[str, list[CommitmentRow]] = {branch_id: [] for branch_id in rows}
    for row in commitment_rows:
        commitments_by_branch.setdefault(row.branch, []).append(row)
    stories_by_branch: dict[str, list[Story]] = {}
    for story in sorted(registry.stories, key=lambda s: (s.meta.date, s.path), reverse=True):
        for branch_id in story.meta.branches:
            stories_by_branch.setdefault(branch_id, []).append(story)
    scheme = registry.schemes
    member_rule = describe_tiers(scheme.member.tiers, scheme.member.round)
    year = results.year
    reviews = review_boards(registry, year)
    venues = venue_board(registry, year)
    classification = classification_board(registry, year)
    duty_reports = duty_report_board(registry, year)
    venue_of = {row.org.id: row for row in venues.rows}
    grade_of = {row.org.id: row for group in classification.groups for row in group.rows}
    duty_of = {row.org.id: row for row in duty_reports.rows}
    pages = {
        branch_id: BranchPage(
            year=results.year,
            branch=row,
            members=_member_board(
                branch_id, results.year, members_by_branch[branch_id], registry, member_rule
            ),
            commitments=tuple(commitments_by_branch.get(branch_id, ())),
            stories=tuple(stories_by_branch.get(branch_id, ())),
            history=_history(ratings_by_branch.get(branch_id, {})),
            reviews=reviews.get(branch_id),
            venue=venue_of.get(branch_id),
            grade=grade_of.get(branch_id),
            duty_report=duty_of.get(branch_id),
            pioneers=pioneers.get(branch_id),
        )
        for branch_id, row in rows.items()
    }
    return YearView(
        year=results.year,
        results=results,
        summary=summarize(results),
        branches=_branch_board(
            results.year, list(rows.values()), describe_tiers(scheme.branch.tiers, scheme.branch.round)
        ),
        pages=pages,
        commitments=_commitments_board(results, rows, commitments_by_branch),
        reviews=reviews,
        venues=venues,
        classification=classification,
        duty_reports=duty_reports,
    )


def _branch_row(registry: Registry, result: BranchResult) -> BranchRow:
    branch: Branch = result.branch
    parent = registry.branch_by_id.get(branch.parent) if branch.parent else None
    return BranchRow(
        id=branch.id,
        name=branch.name,
        kind=branch.kind,
        kind_label=KIND_LABELS[branch.kind],
        parent=branch.parent,
        parent_name=parent.name if parent else None,
        secretary=branch.secretary,
        rating=result.rating,
    )


Ranked = TypeVar("Ranked", BranchRow, MemberRow)


def _by_score(rows: list[Ranked]) -> tuple[Ranked, ...]:
    """Highest score first; equal scores keep the registry's order (a stable sort)."""
    return tuple(sorted(rows, key=lambda row: -(row.rating.score if row.rating else 0)))


def _branch_board(year: int, rows: list[BranchRow], rule: str) -> BranchBoard:
    groups = tuple(
        Group(
            str(level), f"{STAR_WORDS[level]}党支部", level, _by_score([r for r in rows if r.stars == level])
        )
        for level in STAR_LEVELS
    )
    unrated = Group("unrated", "未评定", None, tuple(r for r in rows if r.rating is None))
    return BranchBoard(year=year, groups=groups, unrated=unrated, rule=rule)


def _member_board(
    branch_id: str, year: int, results: list[MemberResult], registry: Registry, rule: str
) -> MemberBoard:
    privacy = registry.site.privacy
    listed = [r for r in results if is_listed(r, privacy)]
    rows = [_member_row(r) for r in listed if r.status == "rated"]
    groups = [
        Group(str(level), f"{STAR_WORDS[level]}党员", level, _by_score([r for r in rows if r.stars == level]))
        for level in STAR_LEVELS
        if level > 0 or privacy.list_unstarred
    ]
    if privacy.list_exempt:
        exempt = tuple(_member_row(r) for r in listed if r.status == "exempt")
        groups.append(Group("exempt", "不参与评星", None, exempt))
    counts = {str(level): sum(r.stars == level for r in results) for level in STAR_LEVELS}
    counts["exempt"] = sum(r.status == "exempt" for r in results)
    counts["unrated"] = sum(r.status == "unrated" for r in results)
    counts["total"] = len(results)
    return MemberBoard(branch=branch_id, year=year, groups=tuple(groups), counts=counts, rule=rule)


def _member_row(result: MemberResult) -> MemberRow:
    member = result.member
    return MemberRow(
        id=member.id,
        name=member.name,
        gender=member.gender,
        branch=result.branch_id,
        rating=result.rating,
        from_ledger=result.ledger is not None,
    )


def _commitment_row(registry: Registry, result: CommitmentResult) -> CommitmentRow:
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


def _commitments_board(
    results: YearResults, rows: Mapping[str, BranchRow], by_branch: Mapping[str, list[CommitmentRow]]
) -> CommitmentsBoard:
    groups = tuple(
        CommitmentGroup(
            branch=row,
            rows=tuple(by_branch[branch_id]),
            counts=count_commitments((r.status, r.overdue) for r in by_branch[branch_id]),
        )
        for branch_id, row in rows.items()
        if by_branch.get(branch_id)
    )
    everything = [row for group in groups for row in group.rows]
    return CommitmentsBoard(
        year=results.year,
        as_of=results.as_of,
        groups=groups,
        counts=count_commitments((r.status, r.overdue) for r in everything),
    )


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
