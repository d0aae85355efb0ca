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
    # 25 lines need two sheets; cut evenly, the heading would end the first one.
    sheets = paginate(_rows("r" * 12 + "Hr" + "r" * 11), "portrait")
    assert [len(sheet.rows) for sheet in sheets] == [12, 13]
    assert sheets[1].rows[0].cells[0] == "heading 12"


def test_a_group_that_runs_onto_the_next_sheet_is_headed_there_again_as_continued() -> None:
    # A sheet is read on its own: its first rows were a group's with no heading over them.
    full = LINES_PER_SHEET["portrait"]
    sheets = paginate(_rows("H" + "r" * full + "Hrr"), "portrait")
    first_left = f"row {len(sheets[0].rows)}"  # (the first row the first sheet had no room for)
    assert [row.cells[0] for row in sheets[1].rows[:2]] == ["heading 0（续）", first_left]
    assert sheets[1].rows[0].heading
    assert [row.cells[0] for row in sheets[1].rows if row.heading] == [
        "heading 0（续）",
        f"heading {full + 1}",
    ]
    fresh = paginate(_rows("r" * 12 + "Hr" + "r" * 11), "portrait")  # a group that starts on the new sheet
    assert not any(row.cells[0].endswith("（续）") for row in fresh[1].rows)


@pytest.mark.parametrize(
    ("pattern", "counts"),
    [
        ("r" * 24, [24]),  # one full sheet stays one
        ("r" * 25, [13, 12]),  # not 24 and a sheet with one member on it
        ("H" + "r" * 24, [13, 13]),  # the second sheet's group heading again, as continued
        ("r" * 49, [17, 16, 16]),  # not 17, 17 and 15: of cuts as even, the earlier sheets fuller
    ],
)
def test_rows_are_spread_evenly_over_the_sheets_they_need(pattern: str, counts: list[int]) -> None:
    sheets = paginate(_rows(pattern), "portrait")
    assert [len(sheet.rows) for sheet in sheets] == counts


def test_rows_of_more_than_a_line_are_spread_evenly_too() -> None:
    """A landscape board of 25 commitments of 1.7 lines each (12 lines a sheet) printed 7, 7, 7 and 4."""
    rows = [PrintRow((f"row {index}",), lines=1.7) for index in range(25)]
    assert [len(sheet.rows) for sheet in paginate(rows, "landscape")] == [7, 6, 6, 6]


def test_no_sheet_ends_with_a_groups_heading_and_one_row_of_it_where_it_can_be_helped() -> None:
    """The most even cut of 20 lines put 二星党员（11 名） and one of them at the foot of the first sheet, the
    other ten on the next: the group now begins the second sheet (9 and 11 lines)."""
    sheets = paginate(_rows("H" + "r" * 8 + "H" + "r" * 10), "landscape")
    assert [sheet.rows[0].cells[0] for sheet in sheets] == ["heading 0", "heading 9"]
    assert [len(sheet.rows) for sheet in sheets] == [9, 11]


def test_a_cut_that_repeats_a_heading_is_taken_when_it_is_the_more_even() -> None:
    """18 lines on two landscape sheets: 10 and 9 with the group's heading again (（续）), not 12 and 6
    without it (which has the fewer lines in all)."""
    sheets = paginate(_rows("H" + "r" * 11 + "H" + "r" * 5), "landscape")
    assert [len(sheet.rows) for sheet in sheets] == [10, 9]
    assert sheets[1].rows[0].cells[0] == "heading 0（续）"


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
