"""The statistics charts' geometry (Figure.chart): text never under 12 units, and a unit never under one CSS
pixel (the page's minimum chart width is the chart's width); nothing overlaps or runs off the chart."""

from __future__ import annotations

import re

import pytest

from noticeboard.boards.figures import CHART_WIDTH, COMPACT_WIDTH, Chart, Figure, make_figure
from support import ROOT

WIDE = set("0123456789.-+ ")
"""Characters about 0.6 of the text size wide (digits and signs); every other one (% too) is taken as a full square."""


def drawn_width(text: str, size: int) -> float:
    """A generous estimate of ``text``'s width at ``size``: Chinese characters and full-width brackets 1 em."""
    return sum(0.62 * size if character in WIDE else size for character in text)


def figures() -> list[Figure]:
    counts = [("事业单位党支部", 9999), ("非公企业党支部", 1), ("其他", 0)]
    return [
        make_figure("kinds", "党组织类型", "个", counts),
        make_figure("stars", "党员星级", "名", counts, {"事业单位党支部": 8000, "其他": 12000}, 2024),
    ]


def test_every_text_is_12_units_or_more() -> None:
    assert min(Chart.label_size, Chart.value_size, Chart.previous_size, Chart.legend_size) >= 12


def test_the_page_never_draws_a_unit_under_one_css_pixel() -> None:
    css = (ROOT / "docs" / "assets" / "noticeboard.css").read_text(encoding="utf-8")
    for selector, width in ((r"\.nb-chart", CHART_WIDTH), (r"\.nb-chart--compact", COMPACT_WIDTH)):
        rule = re.search(rf"\.md-typeset {selector} \{{([^}}]*)\}}", css)
        assert rule is not None
        assert f"min-width: {width}px" in rule.group(1)


def charts() -> list[tuple[Figure, Chart]]:
    """Each figure's full chart and its compact one."""
    return [(figure, chart) for figure in figures() for chart in (figure.chart, figure.compact_chart)]


def chart_id(case: tuple[Figure, Chart]) -> str:
    return f"{case[0].key}-{case[1].width}"


@pytest.mark.parametrize("case", charts(), ids=chart_id)
def test_numbers_and_labels_stay_inside_the_chart(case: tuple[Figure, Chart]) -> None:
    chart = case[1]
    for row in chart.rows:
        value = f"{row.bar.count}（{row.bar.share}%）"
        assert drawn_width(row.bar.label, chart.label_size) <= chart.width
        assert float(row.value_x) + drawn_width(value, chart.value_size) <= chart.width
        if row.previous_value_x is not None:
            assert float(row.previous_value_x) + drawn_width(str(row.bar.previous), 12) <= chart.width
    assert chart.rows[0].label_y - chart.label_size >= 0


@pytest.mark.parametrize("case", charts(), ids=chart_id)
def test_rows_do_not_overlap_and_the_chart_holds_them(case: tuple[Figure, Chart]) -> None:
    chart = case[1]
    bottoms = []
    for row in chart.rows:
        assert row.label_y < row.bar_y  # the label on its own line above its bar
        bottom: float = row.bar_y + chart.bar_height
        if row.previous_y is not None:
            assert row.previous_y >= bottom
            bottom = float(row.previous_y) + chart.previous_height + 0.5
        bottoms.append(bottom)
    for bottom, below in zip(bottoms[:-1], chart.rows[1:], strict=True):
        assert bottom < below.label_y - chart.label_size  # the next label starts under this row
    if chart.legend is not None:
        assert all(key.y > bottoms[-1] for key in chart.legend)
        bottoms.append(max(key.text_y for key in chart.legend) + 3)
    assert bottoms[-1] <= chart.height


def test_the_longest_bar_is_the_largest_count_of_either_year() -> None:
    chart = figures()[1].chart
    assert max(row.previous_width or 0 for row in chart.rows) == 160  # 12000 last year
    assert abs(float(chart.rows[0].width) - 9999 * 160 / 12000) < 0.2
    assert chart.rows[2].width == 0 and chart.rows[2].value_x == 6
    compact = figures()[1].compact_chart  # the same bars in 60 units: the numbers keep their room
    assert (compact.width, max(row.previous_width or 0 for row in compact.rows)) == (COMPACT_WIDTH, 60)
