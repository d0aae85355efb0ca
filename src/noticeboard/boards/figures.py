"""Figures of the statistics page: labelled counts, their shares and bars, optionally against last year.

Every share is a percentage rounded half-up to one decimal, so shares may add up
to 99.9 or 100.1. Board kinds give their figures (stars by level …); the chart's
geometry (bar lengths) is computed here, not in the template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from noticeboard.rules.ratings import round_half_up

UNKNOWN = "未填写"


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


CHART_SCALE = Decimal(19) / 10
"""Chart units per percent of the longest bar (the longest bar is 190 units of the 400-unit chart)."""


@dataclass(frozen=True)
class ChartRow:
    """One bar of the chart, placed: its row's top and the bars' lengths in chart units."""

    bar: Bar
    y: int
    width: Decimal
    previous_width: Decimal | None


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart's geometry: its height, each row placed, and where the legend goes."""

    height: int
    rows: tuple[ChartRow, ...]
    legend_y: int | None
    """The legend's top, when last year is shown beside this year."""


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

    @property
    def chart(self) -> Chart:
        """Rows of 24 units (38 with last year's bar under this year's), laid out from the top."""
        compared = self.previous_year is not None
        row_height = 38 if compared else 24
        rows = tuple(
            ChartRow(
                bar,
                index * row_height + 2,
                round(bar.length * CHART_SCALE, 1),
                round(bar.previous_length * CHART_SCALE, 1) if bar.previous_length is not None else None,
            )
            for index, bar in enumerate(self.bars)
        )
        height = len(self.bars) * row_height + (24 if compared else 4)
        return Chart(height, rows, len(self.bars) * row_height + 8 if compared else None)

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


def make_figure(
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


def ordered_counts(counted: Counter[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """Counts in a fixed order (every label, even at 0), then 其他 and 未填写 when present."""
    labels = list(order)
    extra = [label for label in ("其他", UNKNOWN) if counted[label] and label not in labels]
    return [(label, counted[label]) for label in labels + extra]
