"""The townships side by side, board by board: what a county's tables, charts and open data show.

Every number comes from a township's ``summary.json`` as published; a share is computed here
from two of its numbers (half-up to one decimal, like every share on the boards). The county's
total adds up only the townships whose data is of the county's year (``ok``): a township
still showing an earlier year is listed with its year but not added in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from typing import TypeVar

from noticeboard.boards.figures import CHART_SCALE, CHART_WIDTH, NUMBER_GAP, ROW, share
from noticeboard.boards.kind import CountyBoard, CountyColumn
from noticeboard.boards.kinds import KINDS
from noticeboard.boards.parts import chinese_date
from noticeboard.county.published import Published
from noticeboard.registries.frozen import frozen

Number = int | Decimal
K = TypeVar("K", bound=Hashable)
MISSING = "数据未提供"
NOT_PUBLISHED = "未公示"
NONE = "—"


def county_boards() -> tuple[CountyBoard, ...]:
    """Every board a county compares, as the kinds declare them, in their order."""
    return tuple(sorted((board for kind in KINDS for board in kind.county), key=lambda board: board.order))


def number_paths() -> tuple[tuple[str, ...], ...]:
    """Every number of ``summary.json`` the county shows (each checked before it is used)."""
    paths: list[tuple[str, ...]] = []
    for board in county_boards():
        for column in board.columns:
            paths += [column.path] + ([column.share_of] if column.share_of else [])
    return tuple(dict.fromkeys(paths))


def amount_paths() -> frozenset[tuple[str, ...]]:
    """The numbers of ``summary.json`` that are amounts (with a unit, ``万元``: any decimal); every other
    is a count, a whole number (a count of 10.9 was shown with the share of 10)."""
    return frozenset(column.path for board in county_boards() for column in board.columns if column.unit)


@frozen
class Cell:
    """One figure in a table: its words, and the number a click on the column sorts by."""

    text: str
    sort: str
    """The number sorted by, as text (``""`` when there is none: such rows sort last)."""


@frozen
class Row:
    """A township's line of one table."""

    name: str
    site: str
    """The township's own site, where its boards are."""
    board_url: str
    """This board on the township's site, at the address of its numbers' year (``2025/boards/branches/``)."""
    status: str
    note: str | None
    """``数据未提供：…``, ``2024 年度数据`` or ``未公示此项`` (None when its numbers are this year's)."""
    cells: tuple[Cell, ...]


@frozen
class ChartBar:
    """One township's bar, placed (chart units; see :mod:`noticeboard.boards.figures`)."""

    label_lines: tuple[tuple[int, str], ...]
    """The township's name in lines of :data:`LABEL_CHARACTERS`, each with its offset from the line above
    (``dy``): a long one (红河哈尼族彝族自治州金平苗族瑶族傣族自治县者米拉祜族乡) ran past the chart's edge."""
    text: str
    label_y: int
    bar_y: int
    width: Decimal
    value_x: Decimal
    value_y: int


LABEL_CHARACTERS = 19
"""Characters of a label on one line of the chart (its 280 units at 14 each)."""
LABEL_LINE = 18
"""A label's line height, in chart units."""


@frozen
class Chart:
    """A horizontal bar per township of one column: by its share where it has one, else by its amount."""

    title: str
    column: str
    """The label of the column it draws."""
    width: int
    height: int
    bars: tuple[ChartBar, ...]
    left_out: str = ""
    """``图中没有：丁镇（数据未提供）、戊镇（未公示此项）``: the townships without a bar, which the table lists
    (they were missing from the chart with no word)."""
    bar_height: int = 14
    label_size: int = 14
    value_size: int = 13


@frozen
class Table:
    """One board compared: a row per township, the county's total, a chart and what the numbers mean."""

    key: str
    title: str
    headers: tuple[str, ...]
    printed: tuple[str, ...]
    """Each column's heading on the printed summary ("" for a column not printed)."""
    rows: tuple[Row, ...]
    total: tuple[Cell, ...]
    total_label: str
    chart: Chart
    note: str
    totals_note: str
    counted: int
    """How many townships the total adds up (``ok`` ones that publish the board)."""
    rules_note: str
    """Where the townships added up rate by different rules, or judge by different days: each rule or day and
    its townships (:func:`rules_note`); "" where they share them."""
    column_counts: tuple[int, ...]
    """How many of those give each column a value: fewer than ``counted`` for an amount a township recorded
    none of (its 本年度投入资金 ``—``). The headline said 计入 7 个乡镇 of a sum of six."""
    print_label: str = "汇总表（A4 横版）"
    """The words of the button to the printed summary."""
    printed_note: str = ""
    """What the printed columns mean (:attr:`CountyBoard.printed_note`); empty: :attr:`note`."""

    def as_dict(self, townships: Sequence[Published]) -> dict[str, object]:
        """The table as open data: each township's figures as the page shows them."""
        return {
            "title": self.title,
            "columns": list(self.headers),
            "townships": [
                {"id": t.entry.id, "status": row.status, "cells": [cell.text for cell in row.cells]}
                for t, row in zip(townships, self.rows, strict=True)
            ],
            "total": [cell.text for cell in self.total],
            "rules_note": self.rules_note,
        }


def amount(value: Number) -> str:
    """A count or an amount as published (``12``, ``8.5``), never in exponent form."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def cell(column: CountyColumn, value: Number | None, whole: Number | None) -> Cell:
    """A figure with its share of ``whole`` (``10（20.8%）``), or the share alone for a rate."""
    if value is None:
        return Cell(NONE, "")
    unit = column.unit
    if column.share_of is None:
        return Cell(f"{amount(value)}{unit}", amount(value))
    if whole is None or whole == 0:
        return Cell(
            NONE if column.only_share else f"{amount(value)}{unit}",
            "" if column.only_share else amount(value),
        )
    percent = share(int(value), int(whole))
    if column.only_share:
        return Cell(f"{percent}%", str(percent))
    return Cell(f"{amount(value)}（{percent}%）", amount(value))


def compare(board: CountyBoard, townships: Sequence[Published], year: int) -> Table:
    """One board's table and chart across ``townships`` (in ``county.yml``'s order)."""
    rows = tuple(_row(board, township, year) for township in townships)
    added = [t for t in townships if t.status == "ok" and _publishes(board, t)]
    sums = {path: _sum(added, path) for column in board.columns for path in _paths(column)}
    total = tuple(
        cell(column, sums[column.path], sums[column.share_of] if column.share_of else None)
        for column in board.columns
    )
    counted = len(added)
    totals_note = f"全县合计为 {counted} 个乡镇 {year} 年度数据之和" + (
        f"（另有 {len(townships) - counted} 个乡镇未计入：数据未提供、不是 {year} 年度或未公示此项）"
        if counted < len(townships)
        else ""
    )
    return Table(
        board.key,
        board.title,
        tuple(column.label for column in board.columns),
        tuple(column.printed for column in board.columns),
        rows,
        total,
        "全县合计",
        _chart(board, townships),
        board.note,
        totals_note,
        counted,
        rules_note(board, added),
        tuple(sum(t.number(column.path) is not None for t in added) for column in board.columns),
        printed_note=board.printed_note,
    )


def rules_note(board: CountyBoard, townships: Sequence[Published]) -> str:
    """``各乡镇的规则不同，…不能直接相比，…之和。青山镇、白沙镇：90 分及以上三星…；龙泉镇：85 分及以上三星…`` where the
    townships added up rate by more than one rule (a township's own tiers and weights, 本镇规定), else "".

    Why: a township of 85 分三星 showed 60.0% 三星 beside one of 90 分 at 20.0%, and both went into the
    county's total, with nothing said (a helper's county audit). A township that published no rule (an
    earlier version) is left out of the comparison of rules."""
    differ = [note for note in (_rules_differ(board, townships), _days_differ(board, townships)) if note]
    return "。".join(differ)


def _days_differ(board: CountyBoard, townships: Sequence[Published]) -> str:
    """Where a board's figures depend on the day they are judged at and the townships' days differ: each day
    and its townships. A township judged half a year later had more fallen due and overdue, beside the others
    and in their total, with no date on the page (a helper's county audit)."""
    by_day = _names_by(townships, lambda township: township.as_of)
    if not board.dated or len(by_day) < 2:
        return ""
    each = "；".join(f"{'、'.join(names)}：{chinese_date(day)}" for day, names in sorted(by_day.items()))
    return f"各乡镇统计到期、逾期的日期不同，{board.title}不能直接相比。{each}"


def _rules_differ(board: CountyBoard, townships: Sequence[Published]) -> str:
    by_rule = _names_by(townships, lambda township: township.rules.get(board.rule_of))
    if not board.rule_of or len(by_rule) < 2:
        return ""
    each = "；".join(f"{'、'.join(names)}：{rule}" for rule, names in by_rule.items())
    return f"各乡镇的规则不同，{board.title}不能直接相比，全县合计是按不同规则评定的结果之和。{each}"


def _names_by(townships: Sequence[Published], value: Callable[[Published], K | None]) -> dict[K, list[str]]:
    """The townships' names by ``value`` of each, in their order (a township without one: left out)."""
    found: dict[K, list[str]] = {}
    for township in townships:
        if (key := value(township)) is not None:
            found.setdefault(key, []).append(township.entry.name)
    return found


def _paths(column: CountyColumn) -> tuple[tuple[str, ...], ...]:
    return (column.path,) + ((column.share_of,) if column.share_of else ())


def _publishes(board: CountyBoard, township: Published) -> bool:
    """Whether the township's summary has this board: stars and commitments always, a board under
    ``boards`` when the township publishes it."""
    path = board.columns[0].path
    return township.usable and (path[0] != "boards" or path[1] in township.counts.get("boards", {}))


def _sum(townships: Sequence[Published], path: tuple[str, ...]) -> Number | None:
    values = [value for t in townships if (value := t.number(path)) is not None]
    return sum(values, start=0) if values else None


def _row(board: CountyBoard, township: Published, year: int) -> Row:
    entry = township.entry
    # The year's own address: the page itself while the year is the township's current one (it leads
    # there), its archive once the township publishes the next (the current board showed 2026's stars
    # beside 2025's numbers).
    board_url = entry.site + (f"{township.year}/" if township.usable else "") + board.page
    if not township.usable:
        empty = tuple(Cell(MISSING, "") for _ in board.columns)
        return Row(entry.name, entry.site, board_url, township.status, f"{MISSING}：{township.reason}", empty)
    if not _publishes(board, township):
        empty = tuple(Cell(NOT_PUBLISHED, "") for _ in board.columns)
        return Row(entry.name, entry.site, board_url, township.status, "该乡镇未公示此项", empty)
    cells = tuple(
        cell(
            column,
            township.number(column.path),
            township.number(column.share_of) if column.share_of else None,
        )
        for column in board.columns
    )
    note = None if township.status == "ok" else f"{township.year} 年度数据，未计入全县合计"
    return Row(entry.name, entry.site, board_url, township.status, note, cells)


def _chart(board: CountyBoard, townships: Sequence[Published]) -> Chart:
    column = board.columns[board.chart]
    shown = [t for t in townships if _publishes(board, t)]
    values: list[tuple[Published, Decimal, str]] = []
    for township in shown:
        found = township.number(column.path)
        value = found or 0
        whole = township.number(column.share_of) if column.share_of else None
        if found is None or (column.share_of is not None and not whole):
            # nothing recorded, or nothing to divide by: as its table cell says it (—), no bar
            values.append((township, Decimal(0), cell(column, found, whole).text))
        elif column.share_of is not None:
            percent = share(int(value), int(whole or 0))
            text = f"{percent}%" if column.only_share else f"{amount(value)}（{percent}%）"
            values.append((township, percent, text))
        else:
            values.append((township, Decimal(value), f"{amount(value)}{column.unit}"))
    longest = Decimal(100) if column.share_of else max([v for _, v, _ in values] + [Decimal(1)])
    bars = []
    top = 0
    for township, value, text in values:
        width = round(value * 100 / longest * CHART_SCALE, 1) if longest else Decimal(0)
        label = township.entry.name + ("" if township.status == "ok" else f"（{township.year} 年度）")
        lines = [label[start : start + LABEL_CHARACTERS] for start in range(0, len(label), LABEL_CHARACTERS)]
        below = (len(lines) - 1) * LABEL_LINE  # (each line after the first pushes the bar down)
        placed = tuple((0 if index == 0 else LABEL_LINE, line) for index, line in enumerate(lines))
        bars.append(
            ChartBar(placed, text, top + 14, top + 20 + below, width, width + NUMBER_GAP, top + 32 + below)
        )
        top += ROW + below
    title = column.label + ("占比" if column.share_of and not column.only_share else "")
    drawn = {township.entry.id for township in shown}
    missing = [
        f"{t.entry.name}（{'未公示此项' if t.usable else '数据未提供'}）"
        for t in townships
        if t.entry.id not in drawn
    ]
    left_out = f"图中没有：{'、'.join(missing)}" if missing else ""
    return Chart(title, column.label, CHART_WIDTH, max(top - 6, 0), tuple(bars), left_out)
