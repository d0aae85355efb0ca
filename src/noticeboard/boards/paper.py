"""Printed notice boards: what a board holds on paper, cut into sheets for the wall of a village hall.

Why sheets are made here and not left to the browser: every sheet must carry the
board's header (with "（续）" after the first), the notice period, the supervision
phone and the QR code, and no table row may be cut in two. Browsers differ in how
they repeat headers and footers (360 Browser, Edge, Chrome), so the board is cut
into sheets before it reaches any browser. Row heights are estimated from the
text, with a margin, so that a sheet never overflows its paper. Each board kind
builds its posters from these parts; ``outputs.print_pages`` gathers them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from itertools import pairwise
from typing import Any, TypeVar

from noticeboard.boards.parts import UNRATED, Group, Stars
from noticeboard.registries.frozen import frozen, replace

LINES_PER_SHEET = {"portrait": 24, "landscape": 12}
"""Table lines that fit on one sheet of A4, with room to spare (A3 is the same layout enlarged by √2).

Measured: one line of the 11 pt table is 7.1 mm; header, summary, column heads, rule
and footer with the QR code take 98 mm of the 296 mm; a test measures every sheet."""

TEXT_LINE_MM, ROW_PADDING_MM, LINE_MM = 4.8, 2.3, 7.1
"""A wrapped line of 10.5 pt text, a row's padding and borders, and one table line (the unit)."""


@frozen
class PrintRow:
    """One line of a printed table: a group heading, or an entry with its cells and stars."""

    cells: tuple[str, ...]
    rating: Stars | None = None
    heading: bool = False
    lines: float = 1
    """Estimated printed height, in one-line table rows."""
    overdue: bool = False
    photo: str | None = None
    """A photo shown before the cells (site-relative URL), on the pioneer-post board."""
    unrated: str = UNRATED
    """What it shows for its stars without a rating (its group's :attr:`~Group.unrated`)."""


@frozen
class Sheet:
    """One sheet of paper of a board."""

    number: int
    of: int
    rows: tuple[PrintRow, ...]

    @property
    def continued(self) -> bool:
        return self.number > 1


@frozen
class Poster:
    """A printable board: its title, columns, and its rows laid out on sheets of each orientation."""

    key: str
    title: str
    subject: str
    """Who the board is about, e.g. 青山村第一党支部 (or the township for the branch board)."""
    year: int
    columns: tuple[str, ...]
    summary: str
    rule: str
    url: str
    """The live page the QR code leads to (the code is drawn when the poster is rendered, from this URL:
    a cold build draws thousands, and the process that renders the posters does it beside the pages)."""
    rows: tuple[PrintRow, ...]
    """Its rows as wrapped on portrait sheets."""
    rows_landscape: tuple[PrintRow, ...] | None
    """Its rows as wrapped on landscape sheets, where that differs (None: the same rows)."""
    layout: str
    """Which column widths print.css gives the table (``nb-sheet__table--<layout>``)."""
    rated: bool = True
    """Whether the last column shows each row's stars (from ``PrintRow.rating``)."""

    # The sheets follow from the rows, and are cut only when the poster is rendered: a poster kept from
    # the last build is never cut, and the hash of its inputs holds each row once, not once per sheet.
    @cached_property
    def portrait(self) -> tuple[Sheet, ...]:
        return paginate(self.rows, "portrait")

    @cached_property
    def landscape(self) -> tuple[Sheet, ...]:
        return paginate(self.rows if self.rows_landscape is None else self.rows_landscape, "landscape")


def paginate(rows: Sequence[PrintRow], orientation: str) -> tuple[Sheet, ...]:
    """Cut rows into as few sheets as hold them, filled as evenly as the rows let them; a group heading
    never ends a sheet, and a group that runs onto the next sheet has its heading there again, with
    （续）: a sheet is read on its own.

    Why evenly: filled one after another, a board of 25 members printed a full sheet and a second one
    with a single row under its header, notice and QR code, and a landscape board of commitments 7, 7, 7
    and 4 rows (now 13 and 12; 6, 6, 6 and 7)."""
    opening = _openings(rows)
    ends = _cuts(rows, opening, LINES_PER_SHEET[orientation])
    bounds = [0, *ends, len(rows)]
    total = len(bounds) - 1
    return tuple(
        Sheet(number, total, (*_continued(opening[start] if start else None), *rows[start:end]))
        for number, (start, end) in enumerate(pairwise(bounds), start=1)
    )


def _cuts(rows: Sequence[PrintRow], opening: Sequence[PrintRow | None], budget: float) -> list[int]:
    """Where each sheet after the first begins: as few sheets as hold ``rows``, and of those the cut whose
    sheets' lines are most even (the least sum of the squares of their lines less an equal share of
    all; of two as even, the one whose earlier sheets are fuller), and that leaves no group's heading with
    a single row of it at the foot of a sheet where another cut does not. A sheet holds at most ``budget``
    lines, with its group's heading again, or a single row taller than that; it never ends with a heading,
    but the last one.

    Why not the sum of the squares of the lines alone: a heading again adds a line, and that sum was
    least with a cut that needs none (a board of 18 lines printed 12 and 6, not 10 and 9 with （续）).
    Found by dynamic programming over where the last sheet begins, in ``len(rows)`` times the rows a
    sheet holds: a county's board of 2,000 branches is cut in 13 ms, its 6,005 posters in both
    orientations in 0.33 s (0.11 s filled one after another; 1.1 s with a tuple and a ``round`` a step)."""
    filled = _filled(rows, opening, budget)
    if not filled:  # (one sheet holds them: most boards, and nothing to choose)
        return filled
    total = len(rows)
    headings = [row.heading for row in rows]
    before = [0.0]
    for row in rows:
        before.append(before[-1] + row.lines)
    again = [0.0 if heading is None else heading.lines for heading in opening]
    share = before[-1] / (len(filled) + 1)
    orphan = budget**2  # (more than any evenness: taken only where the same sheets cannot avoid it)
    # The best cut of the first ``end`` rows: its sheets (more than ``total``: none), how uneven they are,
    # and where its last sheet begins.
    sheets = [0] + [total + 1] * total
    uneven = [0.0] * (total + 1)
    begins = [0] * (total + 1)
    for end in range(1, total + 1):
        if end < total and headings[end - 1]:
            continue  # (no sheet ends with a heading)
        # A sheet that ends here with a heading and one row of its group, the group going on over the page.
        orphaned = 2 <= end < total and headings[end - 2] and not headings[end]
        least, flattest, entries = total + 1, 0.0, 0
        for begin in range(end - 1, -1, -1):  # the last sheet shortest first: of two as even, it is kept
            entries += not headings[begin]
            lines = before[end] - before[begin] + again[begin]
            if lines > budget and entries > 1:
                break
            count = sheets[begin] + 1
            if count > least:
                continue
            off = lines - share
            spread = uneven[begin] + off * off
            if orphaned and begin <= end - 2:
                spread += orphan
            if count < least or spread < flattest - 1e-9:  # (as even but for sums of fractions: 1.7 × 7)
                least, flattest, begins[end] = count, spread, begin
        sheets[end], uneven[end] = least, flattest
    ends = []
    end = total
    while end > 0 and begins[end] > 0:
        end = begins[end]
        ends.append(end)
    return ends[::-1]


def _filled(rows: Sequence[PrintRow], opening: Sequence[PrintRow | None], budget: float) -> list[int]:
    """Where each sheet after the first begins, each filled before the next is begun with at most ``budget``
    lines (a row taller than the budget has a sheet of its own): as few sheets as the rows need."""
    ends: list[int] = []
    start, used = 0, 0.0
    for index, row in enumerate(rows):
        following = rows[index + 1].lines if row.heading and index + 1 < len(rows) else 0
        if index > start and used + row.lines + following > budget:
            ends.append(index)
            heading = opening[index]
            start, used = index, 0.0 if heading is None else heading.lines
        used += row.lines
    return ends


def _openings(rows: Sequence[PrintRow]) -> list[PrintRow | None]:
    """For a sheet beginning at each row, the heading of the group it continues, printed again above it;
    None where it begins with a heading, or with rows no heading is over."""
    opening: list[PrintRow | None] = []
    heading = None
    for row in rows:
        opening.append(None if row.heading else heading)
        if row.heading:
            heading = row
    return opening


def _continued(heading: PrintRow | None) -> tuple[PrintRow, ...]:
    """The rows a sheet opens with above its own: ``heading`` again, marked （续）, if any."""
    if heading is None:
        return ()
    return (replace(heading, cells=(f"{heading.cells[0]}（续）", *heading.cells[1:])),)


def make_poster(
    key: str,
    title: str,
    subject: str,
    year: int,
    columns: tuple[str, ...],
    summary: str,
    rule: str,
    url: str,
    rows: Iterable[PrintRow],
    rows_landscape: Iterable[PrintRow] | None = None,
    *,
    layout: str,
    rated: bool = True,
) -> Poster:
    portrait = tuple(rows)
    landscape = tuple(rows_landscape) if rows_landscape is not None else portrait
    return Poster(
        layout=layout,
        rated=rated,
        key=key,
        title=title,
        subject=subject,
        year=year,
        columns=columns,
        summary=summary,
        rule=rule,
        url=url,
        rows=portrait,
        rows_landscape=None if landscape == portrait else landscape,
    )


Item = TypeVar("Item")


def grouped(groups: Iterable[Group[Item]], unit: str, row: Callable[[Item], PrintRow]) -> list[PrintRow]:
    """Each group that has rows: a heading with its count (``三星党支部（11 个）``), then its rows."""
    out: list[PrintRow] = []
    for group in groups:
        if group.rows:
            out.append(PrintRow((f"{group.title}（{len(group.rows)} {unit}）",), heading=True))
            rows = (row(item) for item in group.rows)
            out.extend(
                rows if group.unrated == UNRATED else (replace(r, unrated=group.unrated) for r in rows)
            )
    return out


def row_height(wrapped: int, minimum_mm: float = 0) -> float:
    """A row's height in table lines, from its most wrapped cell (and a fixed-height content such as a photo)."""
    return max(1.0, (max(wrapped * TEXT_LINE_MM, minimum_mm) + ROW_PADDING_MM) / LINE_MM)


Widths = tuple[int | None, ...]
"""Characters per line of each column (None: short text that never wraps)."""


def wrapped_row(cells: tuple[str, ...], widths: Widths, **kwargs: Any) -> PrintRow:
    """A row whose height follows from how its cells wrap at the column widths of print.css."""
    wrapped = max(
        (line_count(cell, width) for cell, width in zip(cells, widths, strict=False) if width), default=1
    )
    return PrintRow(cells, lines=row_height(wrapped), **kwargs)


def both_orientations(build: Callable[[str], list[PrintRow]]) -> tuple[list[PrintRow], list[PrintRow]]:
    return build("portrait"), build("landscape")


def line_count(text: str, per_line: int) -> int:
    return max(1, -(-len(text) // per_line))  # ceiling division


@frozen
class PrintPage:
    """A printable page under ``print/<key>/``: one board, or every board of a kind as a set."""

    key: str
    title: str
    label: str
    """What the print button prints, e.g. 星级党员公示栏."""
    back: tuple[str, str]
    """The web page it is printed from, as (page kind, key)."""
    posters: tuple[Poster, ...]


def with_set(
    pages: Sequence[PrintPage], key: str, label: str, back: tuple[str, str]
) -> tuple[PrintPage, ...]:
    """Each board's own printable page, and one more (``print/<key>/``) printing all of them in order,
    each on new sheets, so the office prints a whole township's boards of a kind at once."""
    everything = tuple(poster for page in pages for poster in page.posters)
    return (*pages, PrintPage(key, f"打印：{label}", label, back, everything))


@frozen
class PrintContext:
    """What a kind needs from the site to print: live URLs for QR codes, photo URLs."""

    live: Callable[[str, str], str]
    """(page kind, key) → the absolute URL of a live page, e.g. ("branch", "qingshan-1")."""
    photo: Callable[[str | None], str]
    """A photo's file name (None: no photo) → the site-relative URL of its web version or the placeholder."""
    organisation: str
