"""Parts every board is made of: groups of rows under a heading, and organisations as boards name them.

Star boards only list branches (党总支 are not rated); reviews, venues,
classification and duty reports also concern 党总支, which have no page of
their own. :class:`OrgRef` carries what those boards show and whether there
is a branch page to link to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Generic, Protocol, TypeVar

from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import KIND_LABELS, Branch
from noticeboard.registries.reading import Registry
from noticeboard.rules.ratings import Rating
from noticeboard.rules.results import BranchResult

Row = TypeVar("Row")


UNRATED = "未评定"
"""What a row without a rating shows for its stars (the count of such rows on a board is 未评定 too)."""


@frozen
class Group(Generic[Row]):
    """Rows under one heading of a board (三星党支部, 二星党员, 较差, 优秀 …)."""

    key: str
    """``"3"`` … ``"0"``, ``"unrated"``, ``"exempt"``, or the grade or level it gathers."""
    title: str
    stars: int | None
    rows: tuple[Row, ...]
    unrated: str = UNRATED
    """What a row of the group without a rating shows for its stars (不参与评星 under 不参与评星: 未评定 there
    said the member had not been rated, another count of the board)."""


@frozen
class OrgRef:
    """An organisation (党支部 or 党总支) as a board names it."""

    id: str
    name: str
    kind_label: str
    parent_name: str | None
    secretary: str | None
    has_page: bool
    """Whether the organisation has a branch page (党总支 do not)."""


def org_ref(registry: Registry, branch: Branch) -> OrgRef:
    parent = registry.branch_by_id.get(branch.parent) if branch.parent else None
    return OrgRef(
        id=branch.id,
        name=branch.name,
        kind_label=KIND_LABELS[branch.kind],
        parent_name=parent.name if parent else None,
        secretary=branch.secretary,
        has_page=not branch.is_general,
    )


@frozen
class BranchRow:
    """A branch (党支部) as the star boards name it, with its rating of the year."""

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


def branch_row(registry: Registry, result: BranchResult) -> BranchRow:
    branch = result.branch
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


@frozen
class Stars:
    """A rating as a board's row shows it: the level and its words (三星 … 无星)."""

    stars: int
    words: str


@cache
def _stars(stars: int, words: str) -> Stars:
    return Stars(stars, words)


def shown_stars(rating: Rating | None) -> Stars | None:
    """What a row of members or a printed row shows of a rating (one shared object per level). Not the
    whole rating, its parts, tiers and rule words: every page and poster with thousands of such rows
    would carry them into the hash of its inputs."""
    return None if rating is None else _stars(rating.stars, rating.words)


class Rated(Protocol):
    @property
    def rating(self) -> Rating | None: ...


RatedRow = TypeVar("RatedRow", bound=Rated)


def by_score(rows: Sequence[RatedRow]) -> tuple[RatedRow, ...]:
    """Highest score first; equal scores keep the registry's order (a stable sort)."""
    return tuple(sorted(rows, key=lambda row: -(row.rating.score if row.rating else 0)))


def group_counts(groups: Sequence[Group[Row]], unit: str) -> str:
    """``三星党支部 11 个，二星党支部 20 个`` from the groups that have rows."""
    return "，".join(f"{g.title} {len(g.rows)} {unit}" for g in groups if g.rows)


def chinese_date(value: dt.date | None) -> str:
    """``2026年1月5日``, the way dates are written on a notice board ("" for no date)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


DATES = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
"""A date as :func:`chinese_date` writes it, or without its year (``1月11日``, the end of a period within a
year): where a text is printed, each is kept on one line."""

NUMBER = r"(?<![A-Za-z0-9_.,%])[0-9]+(?:[.,][0-9]+)*"
"""A number as a text writes it (``4``, ``76.2``, ``1,200``), not one inside a longer token (``A4``): a pattern's
part, for :data:`NUMBER_UNITS` and a heading's number kept with its word
(:mod:`noticeboard.outputs.heading_words`)."""

NUMBER_UNITS = re.compile(NUMBER + r" [\u3400-\u4dbf\u4e00-\u9fff](?=[^<>]*(?:<|\Z))")
"""A number, a space and the Chinese character after it (``4 名``, ``76.2 分``, ``46 户``): where a text is
printed, each is kept on one line (a phone broke ``三星 4`` / ``名`` at the space). Not a number inside a
longer token (``A4 纸``), nor one inside a tag of a text that is HTML (the next ``<`` or ``>`` after it is ``>``)."""
