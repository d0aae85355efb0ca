"""Cutting boards into sheets: nothing lost, nothing reordered, no sheet over its lines, no orphan heading."""

from __future__ import annotations

import pytest

from noticeboard.boards.paper import LINES_PER_SHEET, PrintRow, make_poster, paginate


def _rows(pattern: str) -> list[PrintRow]:
    """``H`` a heading, ``r`` a one-line row, ``3`` a three-line row."""
    rows = []
    for index, char in enumerate(pattern):
        if char == "H":
            rows.append(PrintRow((f"heading {index}",), heading=True))
        else:
            rows.append(PrintRow((f"row {index}",), lines=1 if char == "r" else int(char)))
    return rows


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize(
    "pattern", ["", "Hrrr", "H" + "r" * 40, ("H" + "r" * 9) * 6, "H" + "3r" * 20, "r" * 23 + "Hr"]
)
def test_every_row_once_in_order_within_budget(pattern: str, orientation: str) -> None:
    rows = _rows(pattern)
    sheets = paginate(rows, orientation)
    printed = [row for sheet in sheets for row in sheet.rows]
    assert [row for row in printed if not row.cells[0].endswith("（续）")] == rows
    assert all(sum(row.lines for row in sheet.rows) <= LINES_PER_SHEET[orientation] for sheet in sheets)
    assert all(not sheet.rows[-1].heading for sheet in sheets if sheet.rows and sheet.number < sheet.of)
    assert [(s.number, s.of, s.continued) for s in sheets] == [
        (n, len(sheets), n > 1) for n in range(1, len(sheets) + 1)
    ]


def test_a_heading_is_carried_to_the_next_sheet_with_its_first_row() -> None:
    full = LINES_PER_SHEET["portrait"]
    sheets = paginate(_rows("r" * (full - 1) + "Hr"), "portrait")
    assert [len(sheet.rows) for sheet in sheets] == [full - 1, 2]
    assert sheets[1].rows[0].heading


def test_a_group_that_runs_onto_the_next_sheet_is_headed_there_again_as_continued() -> None:
    # A sheet is read on its own: its first rows were a group's with no heading over them.
    full = LINES_PER_SHEET["portrait"]
    sheets = paginate(_rows("H" + "r" * full + "Hrr"), "portrait")
    assert [row.cells[0] for row in sheets[1].rows[:2]] == ["heading 0（续）", f"row {full}"]
    assert sheets[1].rows[0].heading
    assert [row.cells[0] for row in sheets[1].rows if row.heading] == [
        "heading 0（续）",
        f"heading {full + 1}",
    ]
    fresh = paginate(_rows("r" * (full - 1) + "Hr"), "portrait")  # a group that starts on the new sheet
    assert [row.cells[0] for row in fresh[1].rows] == [f"heading {full - 1}", f"row {full}"]


@pytest.mark.parametrize("landscape", ["same", "wrapped"])
def test_a_posters_sheets_hold_its_rows_in_each_orientation(landscape: str) -> None:
    rows = _rows(("H" + "r" * 9) * 4)
    wide = _rows(("H" + "r" * 9) * 4) if landscape == "same" else _rows(("H" + "3" * 9) * 4)
    poster = make_poster(
        "members-x", "星级党员公示栏", "青山村第一党支部", 2025, ("姓名",), "", "", "https://x.example/", rows,
        wide, layout="members",
    )  # fmt: skip
    assert poster.portrait == paginate(rows, "portrait")
    assert poster.landscape == paginate(wide, "landscape")
    printed = [row for sheet in poster.landscape for row in sheet.rows]
    assert [row for row in printed if not row.cells[0].endswith("（续）")] == wide
