"""A township's boards: every declared kind's board for every published year, and the branch pages.

The web page, the printed poster and the open data must agree to the last name,
so grouping, ordering, counting and the privacy decision of who is named happen
in the kinds' plain data classes, and renderers only lay them out. This module
names no kind: it asks each declared kind (:data:`noticeboard.boards.kinds.KINDS`)
for its board, its parts of a branch page and its facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from noticeboard.boards.kind import BoardKind, BranchFact, BranchSection, YearInput
from noticeboard.boards.kinds import KINDS
from noticeboard.boards.parts import BranchRow, branch_row
from noticeboard.registries.frozen import frozen
from noticeboard.registries.memory import paused_gc
from noticeboard.registries.reading import Registry, Story
from noticeboard.rules.ratings import Rating
from noticeboard.rules.results import Summary, YearResults, rate_year, summarize

FACTS_ORDER = 60
"""Where a branch page shows its facts (分类定级 · 述职考核 · 活动场所) among the kinds' sections."""
STORIES_ORDER = 80
"""Where a branch page lists its case stories."""


@frozen
class BranchFacts:
    """The facts section of a branch page: one heading, a line per kind that has one."""

    heading: str
    facts: tuple[BranchFact, ...]


@frozen
class BranchPage:
    """Everything on one branch's page for one year: its parts, in page order, from every kind."""

    year: int
    current: bool
    """Whether the page is of the year being published (print buttons are shown only then)."""
    branch: BranchRow
    sections: tuple[BranchSection, ...]
    """Every part of the page after its year note, in page order (kinds' parts, facts, stories)."""


@frozen
class YearView:
    """Every board of one assessment year."""

    year: int
    current: bool
    results: YearResults
    summary: Summary
    boards: Mapping[str, Any]
    """Kind key → its board of the year (kinds with nothing that year are absent)."""
    pages: Mapping[str, BranchPage]
    """Branch id → its page, in registry order."""

    def board(self, kind: BoardKind) -> Any:
        return self.boards.get(kind.key)


@frozen
class Boards:
    """All years' boards; ``current`` is the year in ``site.yml``."""

    registry: Registry
    as_of: dt.date
    years: Mapping[int, YearView]

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
        results = {year: rate_year(registry, year, as_of) for year in published}
        history: dict[str, dict[int, Rating | None]] = {}
        for year, result in results.items():
            for branch in result.branches:
                history.setdefault(branch.branch.id, {})[year] = branch.rating
        years = {year: _year_view(registry, result, history) for year, result in results.items()}
        return Boards(registry, as_of, years)


def _year_view(
    registry: Registry, results: YearResults, history: Mapping[str, Mapping[int, Rating | None]]
) -> YearView:
    current = results.year == registry.site.year
    rows = {result.branch.id: branch_row(registry, result) for result in results.branches}
    given = YearInput(registry, results, rows, current, history)
    boards = {kind.key: board for kind in KINDS if (board := kind.build(given)) is not None}
    stories = _stories_by_branch(registry, None if current else results.year)
    shell = YearView(results.year, current, results, summarize(results), boards, {})
    fact_kinds = sorted((kind for kind in KINDS if kind.fact_label), key=lambda kind: kind.fact_order)
    pages = {}
    for branch_id, row in rows.items():
        sections = [
            section
            for kind in KINDS
            if kind.key in boards
            for section in kind.branch_sections(shell, boards[kind.key], branch_id)
        ]
        labelled = [
            (kind.fact_label, fact)
            for kind in fact_kinds
            if kind.key in boards and (fact := kind.branch_fact(boards[kind.key], branch_id)) is not None
        ]
        # The heading names the facts the branch has (a branch of a 党总支 has no venue of its own).
        if labelled:
            heading = " · ".join(label for label, _ in labelled)
            facts = BranchFacts(heading, tuple(fact for _, fact in labelled))
            sections.append(BranchSection(FACTS_ORDER, "partials/nb/branch-assessments.html", facts))
        sections.append(
            BranchSection(STORIES_ORDER, "partials/nb/branch-stories.html", stories.get(branch_id, ()))
        )
        sections.sort(key=lambda section: section.order)  # stable: a kind's own sections keep their order
        pages[branch_id] = BranchPage(results.year, current, row, tuple(sections))
    return YearView(results.year, current, results, shell.summary, boards, pages)


def _stories_by_branch(registry: Registry, until: int | None) -> dict[str, tuple[Story, ...]]:
    """Branch id → the case stories that name it, newest first; on a past year's pages (``until``) those
    dated that year or before, as the year's page read then (the current pages list every story)."""
    found: dict[str, list[Story]] = {}
    for story in sorted(registry.stories, key=lambda s: (s.meta.date, s.path), reverse=True):
        if until is not None and story.meta.date.year > until:
            continue
        for branch_id in story.meta.branches:
            found.setdefault(branch_id, []).append(story)
    return {branch_id: tuple(stories) for branch_id, stories in found.items()}
