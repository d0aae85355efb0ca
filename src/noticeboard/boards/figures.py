"""Figures of the statistics page: labelled counts, their shares and bars, optionally against last year.

Every share is a percentage rounded half-up to one decimal, so shares may add up
to 99.9 or 100.1. Board kinds give their figures (stars by level …); the chart's
geometry (every position, bar length and text size) is computed here, not in the template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from noticeboard.registries.frozen import frozen
from noticeboard.rules.ratings import round_half_up
from noticeboard.rules.results import Summary

UNKNOWN = "未填写"


def share(count: int, total: int) -> Decimal:
    """``count`` as a percentage of ``total``, half-up to one decimal (0 when there is nothing to share)."""
    if total == 0:
        return Decimal("0.0")
    return round_half_up(Decimal(count) * 100 / Decimal(total), 1)


@frozen
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


CHART_WIDTH = 280
"""The chart's width in units. A unit is one CSS pixel or more: the page never draws the chart narrower than
this (it scrolls inside its own box instead), so text of 12 units is never under 12 CSS pixels."""

COMPACT_WIDTH = 180
"""The compact chart's width, shown instead at the larger text steps on a phone: fitted to the same column,
its text is drawn larger (14 units are 25 px on a 360 px phone, against 16 px in the full chart)."""

NUMBERS_ROOM = 120
"""Room after the longest bar for its count and share ("9999（100.0%）" is about 100 units at 13)."""


def units_per_percent(chart_width: int) -> Decimal:
    """Chart units per percent of the longest bar: the bar leaves :data:`NUMBERS_ROOM` after it."""
    return Decimal(chart_width - NUMBERS_ROOM) / 100


CHART_SCALE = units_per_percent(CHART_WIDTH)
"""Units per percent of the longest bar in the full chart (the longest is 160 units; the county's too)."""


@frozen
class ChartRow:
    """One bar of the chart, placed: its label on a line of its own, then the bar with its number after it
    and, when compared, last year's outlined bar under it. Every position in chart units."""

    bar: Bar
    label_y: int
    """The label's baseline (the label starts at the left edge)."""
    bar_y: int
    width: Decimal
    value_x: Decimal
    value_y: int
    previous_y: Decimal | None
    """Last year's outlined bar (x = 0.5), when compared."""
    previous_width: Decimal | None
    previous_value_x: Decimal | None
    previous_value_y: int | None


@frozen
class LegendKey:
    """One key of the legend: a small bar (filled for this year, outlined for last year) and its words."""

    x: Decimal
    y: Decimal
    text_x: int
    text_y: int


@frozen
class Chart:
    """A horizontal bar chart's geometry: its size, each row placed, and where the legend's keys go."""

    width: int
    height: int
    rows: tuple[ChartRow, ...]
    legend: tuple[LegendKey, LegendKey] | None
    """This year's key and last year's, when last year is shown beside this year."""

    label_size: ClassVar[int] = 14
    value_size: ClassVar[int] = 13
    previous_size: ClassVar[int] = 12
    legend_size: ClassVar[int] = 12
    bar_height: ClassVar[int] = 14
    previous_height: ClassVar[int] = 10
    key_width: ClassVar[int] = 14
    key_height: ClassVar[int] = 10


ROW = 42
"""A row's height: the label's line (20), the bar (14) and a gap (8)."""
COMPARED_ROW = 56
"""A row with last year's bar under this year's (10 more, and a gap of 4 between them)."""
NUMBER_GAP = 6
"""Between a bar's end and its number."""
HALF = Decimal("0.5")
"""An outlined shape sits half a unit in, so its 1-unit line is drawn sharp."""


@frozen
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
    def previous_total(self) -> int | None:
        """The 合计 of the previous year's column: the sum of the counts it shows (None when not compared)."""
        return None if self.previous_year is None else sum(bar.previous or 0 for bar in self.bars)

    @property
    def total_change(self) -> int | None:
        return None if self.previous_total is None else self.total - self.previous_total

    @property
    def chart(self) -> Chart:
        return self._chart(CHART_WIDTH)

    @property
    def compact_chart(self) -> Chart:
        return self._chart(COMPACT_WIDTH)

    def _chart(self, chart_width: int) -> Chart:
        """Rows of 42 units (56 with last year's bar under this year's), laid out from the top, then the
        legend; the longest bar leaves :data:`NUMBERS_ROOM` of the chart's width after it."""
        scale = units_per_percent(chart_width)
        compared = self.previous_year is not None
        row_height = COMPARED_ROW if compared else ROW
        rows: list[ChartRow] = []
        for index, bar in enumerate(self.bars):
            top = index * row_height
            width = round(bar.length * scale, 1)
            previous = None if bar.previous_length is None else round(bar.previous_length * scale, 1)
            rows.append(
                ChartRow(
                    bar,
                    label_y=top + 14,
                    bar_y=top + 20,
                    width=width,
                    value_x=width + NUMBER_GAP,
                    value_y=top + 32,
                    previous_y=None if previous is None else top + HALF + 38,
                    previous_width=previous,
                    previous_value_x=None if previous is None else previous + NUMBER_GAP,
                    previous_value_y=None if previous is None else top + 48,
                )
            )
        bottom = len(self.bars) * row_height
        if not compared:
            return Chart(chart_width, bottom - 6, tuple(rows), None)
        legend = (
            LegendKey(Decimal(0), Decimal(bottom + 2), 18, bottom + 11),
            LegendKey(72 + HALF, bottom + 2 + HALF, 90, bottom + 11),
        )
        return Chart(chart_width, bottom + 16, tuple(rows), legend)

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


def compared_figure(
    key: str,
    title: str,
    unit: str,
    counts: Callable[[Summary], dict[str, int]],
    now: Summary,
    before: tuple[int, Summary] | None,
) -> Figure:
    """A figure of this year's counts beside the year before's (when there is one), e.g. stars by level."""
    return make_figure(
        key,
        title,
        unit,
        list(counts(now).items()),
        counts(before[1]) if before else None,
        before[0] if before else None,
    )
