"""统计: the composition figures township reports quote, computed from the registries.

Only counts leave this module: ages are computed from ``born`` at ``as_of`` and
published as three age bands, never per person. Every share is a percentage
rounded half-up to one decimal, so shares may add up to 99.9 or 100.1.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from noticeboard.boards.township import Boards, YearView
from noticeboard.registries.models import CATEGORY_LABELS, KIND_LABELS, Member
from noticeboard.rules.ratings import STAR_WORDS, round_half_up

UNKNOWN = "未填写"

EDUCATION_BANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("大专以上", ("博士", "硕士", "研究生", "本科", "大学", "大专", "专科", "学士")),
    ("高中/中专", ("高中", "中专", "职高", "技校", "中技", "高职", "中师")),
    ("初中及以下", ("初中", "小学", "文盲", "识字", "无")),
)
"""Education as written in the registry (本科, 大学本科, 中专 …) → the band reports use, by keyword."""

AGE_BANDS = ("35岁以下", "36–59岁", "60岁以上")


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


def share(count: int, total: int) -> Decimal:
    """``count`` as a percentage of ``total``, half-up to one decimal (0 when there is nothing to share)."""
    if total == 0:
        return Decimal("0.0")
    return round_half_up(Decimal(count) * 100 / Decimal(total), 1)


@dataclass(frozen=True)
class Bar:
    """One figure's entry: a count, its share and, when compared, last year's count."""

    label: str
    count: int
    share: Decimal
    length: Decimal
    """Bar length in percent of the figure's longest bar (for the chart)."""
    previous: int | None = None
    previous_length: Decimal | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.count - self.previous


@dataclass(frozen=True)
class Figure:
    """One statistic: labelled counts out of a total, optionally against the previous year."""

    key: str
    title: str
    unit: str
    total: int
    bars: tuple[Bar, ...]
    previous_year: int | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "total": self.total,
            "previous_year": self.previous_year,
            "items": [
                {
                    "label": bar.label,
                    "count": bar.count,
                    "percent": float(bar.share),
                    **({"previous": bar.previous, "change": bar.change} if bar.previous is not None else {}),
                }
                for bar in self.bars
            ],
        }


def _figure(
    key: str,
    title: str,
    unit: str,
    counts: Sequence[tuple[str, int]],
    previous: dict[str, int] | None = None,
    previous_year: int | None = None,
    note: str | None = None,
) -> Figure:
    total = sum(count for _, count in counts)
    longest = max([count for _, count in counts] + list((previous or {}).values()) + [1])

    def length(count: int) -> Decimal:
        return round_half_up(Decimal(count) * 100 / longest, 1)

    bars = tuple(
        Bar(
            label,
            count,
            share(count, total),
            length(count),
            previous.get(label, 0) if previous is not None else None,
            length(previous.get(label, 0)) if previous is not None else None,
        )
        for label, count in counts
    )
    return Figure(key, title, unit, total, bars, previous_year, note)


def _ordered(counted: Counter[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """Counts in a fixed order (every label, even at 0), then 其他 and 未填写 when present."""
    labels = list(order)
    extra = [label for label in ("其他", UNKNOWN) if counted[label] and label not in labels]
    return [(label, counted[label]) for label in labels + extra]


@dataclass(frozen=True)
class Fulfilment:
    """Commitments of one branch (and its members) in the year, and the share fulfilled."""

    branch: str
    name: str
    total: int
    fulfilled: int
    rate: Decimal


@dataclass(frozen=True)
class Stats:
    """Every figure of the statistics page and ``stats.json``."""

    year: int
    as_of: dt.date
    members: int
    figures: tuple[Figure, ...]
    fulfilment: tuple[Fulfilment, ...]
    fulfilment_total: Fulfilment

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "members": self.members,
            "figures": {figure.key: figure.as_dict() for figure in self.figures},
            "commitments_fulfilment": [_fulfilment(row) for row in (*self.fulfilment, self.fulfilment_total)],
        }


def _fulfilment(row: Fulfilment) -> dict[str, Any]:
    return {
        "branch": row.branch,
        "name": row.name,
        "total": row.total,
        "fulfilled": row.fulfilled,
        "percent": float(row.rate),
    }


def _member_figures(members: Sequence[Member], as_of: dt.date) -> list[Figure]:
    category = Counter(CATEGORY_LABELS[m.category] if m.category else UNKNOWN for m in members)
    education = Counter(education_band(m.education) for m in members)
    age = Counter(age_band(m.born, as_of) for m in members)
    gender = Counter[str](m.gender for m in members)
    ethnicity = Counter(m.ethnicity or UNKNOWN for m in members)
    ethnic_order = sorted((e for e in ethnicity if e != UNKNOWN), key=lambda e: (-ethnicity[e], e))
    return [
        _figure("category", "党员类别", "名", _ordered(category, CATEGORY_LABELS.values())),
        _figure("education", "党员学历", "名", _ordered(education, (b for b, _ in EDUCATION_BANDS))),
        _figure(
            "age",
            "党员年龄",
            "名",
            _ordered(age, AGE_BANDS),
            note=f"按出生年份计算到 {as_of.year} 年（{as_of.year} 减出生年份）；35 岁含在“35岁以下”",
        ),
        _figure("gender", "党员性别", "名", _ordered(gender, ("男", "女"))),
        _figure("ethnicity", "党员民族", "名", _ordered(ethnicity, ethnic_order)),
    ]


def _star_counts(view: YearView, which: str) -> dict[str, int]:
    summary = view.summary
    if which == "branches":
        counts = {STAR_WORDS[int(k)]: v for k, v in summary.branch_stars.items()}
        counts["未评定"] = summary.branches_unrated
    else:
        counts = {STAR_WORDS[int(k)]: v for k, v in summary.member_stars.items()}
        counts["不参与评星"] = summary.members_exempt
        counts["未评定"] = summary.members_unrated
    return counts


def build_stats(boards: Boards) -> Stats:
    """The figures of the current year, star counts compared with the year before when there is one."""
    registry = boards.registry
    view = boards.current
    earlier = boards.earlier
    before = earlier[0] if earlier else None
    figures = _member_figures(registry.members, boards.as_of)
    kinds = Counter(KIND_LABELS[b.kind] for b in registry.branches)
    figures.append(_figure("kinds", "党组织类型", "个", _ordered(kinds, KIND_LABELS.values())))
    for which, title, unit in (("branches", "党支部星级", "个"), ("members", "党员星级", "名")):
        now = _star_counts(view, which)
        then = _star_counts(before, which) if before else None
        figures.append(
            _figure(
                f"{which}_stars",
                f"{title}（{view.year} 年度）",
                unit,
                list(now.items()),
                then,
                before.year if before else None,
            )
        )
    rows = tuple(
        Fulfilment(
            group.branch.id,
            group.branch.name,
            group.counts["total"],
            group.counts["fulfilled"],
            share(group.counts["fulfilled"], group.counts["total"]),
        )
        for group in view.commitments.groups
    )
    counts = view.commitments.counts
    total = Fulfilment(
        "", "合计", counts["total"], counts["fulfilled"], share(counts["fulfilled"], counts["total"])
    )
    return Stats(view.year, boards.as_of, len(registry.members), tuple(figures), rows, total)
