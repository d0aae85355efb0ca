"""A board as sheets of the office's export workbook: columns and rows, no styling.

Each board kind says which sheets it adds and which columns it adds to the
organisations' and members' sheets; ``office.spreadsheet_export`` lays them out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from msgspec import field

from noticeboard.registries.frozen import frozen
from noticeboard.rules.ratings import Rating

Cell = str | int | Decimal | dt.date | None


@frozen
class Column:
    """A column: its header and its width in characters (a CJK character counts as two)."""

    title: str
    width: int
    number: bool = False


@frozen
class Sheet:
    """One sheet of the workbook."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    position: int = 0
    """Where it stands in the workbook among the kinds' sheets (smaller first; after 汇总, 党组织, 党员)."""


@frozen
class ExtraColumns:
    """Columns a kind adds to a sheet made by another (e.g. 分类定级 on the organisations' sheet)."""

    position: int
    """Where the columns stand among other kinds' (smaller first)."""
    columns: tuple[Column, ...]
    cells: dict[str, tuple[Cell, ...]]
    """Row id (organisation or member id) → its cells; rows not here get empty cells."""

    def of(self, row_id: str) -> tuple[Cell, ...]:
        return self.cells.get(row_id, (None,) * len(self.columns))


def star_cells(rating: Rating | None) -> tuple[Cell, Cell]:
    """Score and stars in words, or 未评定."""
    return (None, "未评定") if rating is None else (rating.score, rating.words)
