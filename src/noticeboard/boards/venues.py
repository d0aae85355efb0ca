"""活动场所星级公示: the village activity venues of one year by stars, with their checklists."""

from __future__ import annotations

from dataclasses import dataclass

from noticeboard.boards.parts import Group, OrgRef, org_ref
from noticeboard.registries.reading import Registry
from noticeboard.rules.ratings import VENUE_WORDS, VenueRating, describe_venue_tiers, rate_venue

VENUE_LEVELS = (5, 4, 3, 0)


@dataclass(frozen=True)
class Check:
    """One checklist item of one venue: passed, failed, or not checked (None)."""

    standard: str
    """The standard it belongs to, e.g. 八有."""
    item: str
    passed: bool | None


@dataclass(frozen=True)
class VenueRow:
    """A venue's stars for the year and its checklist."""

    org: OrgRef
    rating: VenueRating
    checks: tuple[Check, ...]
    """Every item of the scheme's checklist, in its order (empty when none was written)."""

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(check.item for check in self.checks if check.passed is False)


@dataclass(frozen=True)
class VenueBoard:
    """Every venue rated in the year, by stars (五星级, 四星级, 三星级, 未达星级)."""

    year: int
    groups: tuple[Group[VenueRow], ...]
    rule: str
    checklist: tuple[tuple[str, tuple[str, ...]], ...]
    """The standards and their items, to explain the checks."""

    @property
    def rows(self) -> tuple[VenueRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def item_count(self) -> int:
        return sum(len(items) for _, items in self.checklist)


def venue_board(registry: Registry, year: int) -> VenueBoard:
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
    return VenueBoard(year, groups, describe_venue_tiers(scheme), tuple(scheme.checklist.items()))
