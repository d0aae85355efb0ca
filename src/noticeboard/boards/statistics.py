"""统计: the composition figures township reports quote, and every board kind's own figures and tables.

Only counts leave this module: ages are computed from ``born`` at ``as_of`` and
published as three age bands, never per person. Every share is a percentage
rounded half-up to one decimal, so shares may add up to 99.9 or 100.1.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from noticeboard.boards.figures import UNKNOWN, Figure, make_figure, ordered_counts
from noticeboard.boards.kind import StatTable
from noticeboard.boards.kinds import KINDS
from noticeboard.boards.township import Boards
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import CATEGORY_LABELS, KIND_LABELS, Member

EDUCATION_BANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("大专以上", ("博士", "硕士", "研究生", "本科", "大学", "大专", "专科", "学士")),
    ("高中/中专", ("高中", "中专", "职高", "技校", "中技", "高职", "中师")),
    ("初中及以下", ("初中", "小学", "文盲", "识字", "无")),
)
"""Education as written in the registry (本科, 大学本科, 中专 …) → the band reports use, by keyword."""

AGE_BANDS = ("35岁以下", "36–59岁", "60岁以上")

T = TypeVar("T")


def education_band(education: str | None) -> str:
    """The band of an education as written: 大专以上, 高中/中专, 初中及以下, else 其他 (or 未填写)."""
    if not education:
        return UNKNOWN
    for band, words in EDUCATION_BANDS:
        if any(word in education for word in words):
            return band
    return "其他"


def age_band(born: int | None, as_of: dt.date) -> str:
    """The age band at ``as_of``: age = as_of's year − birth year (only the year is kept).

    35 and younger → 35岁以下 (the reports' 35 岁及以下); 36 to 59 → 36–59岁;
    60 and older → 60岁以上.
    """
    if born is None:
        return UNKNOWN
    age = as_of.year - born
    if age <= 35:
        return AGE_BANDS[0]
    if age < 60:
        return AGE_BANDS[1]
    return AGE_BANDS[2]


@frozen
class Stats:
    """Every figure and table of the statistics page and ``stats.json``."""

    year: int
    as_of: dt.date
    members: int
    figures: tuple[Figure, ...]
    tables: tuple[StatTable, ...]
    """The kinds' tables (公开承诺兑现率 …), in kind order."""
    joined: int = 0
    """新发展党员: members who joined the Party in the year (by ``joined``)."""
    floating: int = 0
    """流动党员: members of the category ``floating``."""

    @property
    def headline(self) -> str:
        """``党员总数 810 名，其中 2025 年新发展党员 12 名，流动党员 109 名`` as township reports say it."""
        return f"党员总数 {self.members} 名，其中 {self.year} 年新发展党员 {self.joined} 名，流动党员 {self.floating} 名"

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "members": self.members,
            "joined_in_year": self.joined,
            "floating": self.floating,
            "figures": {figure.key: figure.as_dict() for figure in self.figures},
            **{table.key: table.data for table in self.tables},
        }


def _banded(written: Counter[T], band: Callable[[T], str]) -> Counter[str]:
    """Counts of each value as written → counts of their bands. Why: a county's 40,000 members write a few
    dozen educations and birth years, each banded once (searching keywords member by member took 0.1 s)."""
    found = Counter[str]()
    for value, count in written.items():
        found[band(value)] += count
    return found


def _member_figures(members: Sequence[Member], as_of: dt.date) -> list[Figure]:
    category = Counter(CATEGORY_LABELS[m.category] if m.category else UNKNOWN for m in members)
    education = _banded(Counter(m.education for m in members), education_band)
    age = _banded(Counter(m.born for m in members), lambda born: age_band(born, as_of))
    gender = Counter[str](m.gender for m in members)
    ethnicity = Counter(m.ethnicity or UNKNOWN for m in members)
    ethnic_order = sorted((e for e in ethnicity if e != UNKNOWN), key=lambda e: (-ethnicity[e], e))
    return [
        make_figure("category", "党员类别", "名", ordered_counts(category, CATEGORY_LABELS.values())),
        make_figure(
            "education", "党员学历", "名", ordered_counts(education, (b for b, _ in EDUCATION_BANDS))
        ),
        make_figure(
            "age",
            "党员年龄",
            "名",
            ordered_counts(age, AGE_BANDS),
            note=f"按出生年份计算到 {as_of.year} 年（{as_of.year} 减出生年份）；35 岁含在“35岁以下”",
        ),
        make_figure("gender", "党员性别", "名", ordered_counts(gender, ("男", "女"))),
        make_figure("ethnicity", "党员民族", "名", ordered_counts(ethnicity, ethnic_order)),
    ]


def build_stats(boards: Boards) -> Stats:
    """The figures of the current year, star counts compared with the year before when there is one."""
    registry = boards.registry
    view = boards.current
    # The year's members, as its star boards count them: one who joined after the year with nothing
    # written for it was not a member then (a January admission, during the notice period).
    members = tuple(result.member for result in view.results.members)
    figures = _member_figures(members, boards.as_of)
    kinds = Counter(KIND_LABELS[b.kind] for b in registry.branches)
    figures.append(make_figure("kinds", "党组织类型", "个", ordered_counts(kinds, KIND_LABELS.values())))
    tables: list[StatTable] = []
    for kind in KINDS:
        board = view.board(kind)
        if board is not None:
            figures += kind.figures(boards, board)
            tables += kind.stat_tables(boards, board)
    joined = sum(1 for m in members if m.joined is not None and m.joined.year == view.year)
    floating = sum(1 for m in members if m.category == "floating")
    return Stats(view.year, boards.as_of, len(members), tuple(figures), tuple(tables), joined, floating)
