"""分类定级公示: every organisation's grade of the year (好, 较好, 一般, 较差) and the 整顿转化 of the 较差."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from noticeboard.boards.parts import Group, OrgRef, org_ref
from noticeboard.registries.models import GRADES, Rectification
from noticeboard.registries.reading import Registry


@dataclass(frozen=True)
class GradeRow:
    """An organisation's grade, and its rectification when graded 较差."""

    org: OrgRef
    grade: str
    rectification: Rectification | None


@dataclass(frozen=True)
class ClassificationBoard:
    """Organisations by grade, best first, with counts."""

    year: int
    groups: tuple[Group[GradeRow], ...]

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


def classification_board(registry: Registry, year: int) -> ClassificationBoard:
    rows = [
        GradeRow(org_ref(registry, branch), branch.grade[year], branch.rectification.get(year))
        for branch in registry.branches
        if year in branch.grade
    ]
    groups = tuple(Group(grade, grade, None, tuple(r for r in rows if r.grade == grade)) for grade in GRADES)
    return ClassificationBoard(year, groups)
