"""Printed notice boards: a board laid out on sheets of paper, for the wall of a village hall.

Why sheets are made here and not left to the browser: every sheet must carry the
board's header (with "（续）" after the first), the notice period, the supervision
phone and the QR code, and no table row may be cut in two. Browsers differ in how
they repeat headers and footers (360 Browser, Edge, Chrome), so the board is cut
into sheets before it reaches any browser. Row heights are estimated from the
text, with a margin, so that a sheet never overflows its paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno

from .boards import BranchBoard, BranchRow, CommitmentRow, MemberBoard
from .diskcache import DiskCache
from .ratings import Rating

LINES_PER_SHEET = {"portrait": 24, "landscape": 12}
"""Table lines that fit on one sheet of A4, with room to spare (A3 is the same layout enlarged by √2).

Measured: one line of the 11 pt table is 7.1 mm; header, summary, column heads, rule
and footer with the QR code take 98 mm of the 296 mm; a test measures every sheet."""

COMMITMENT_CHARS = {
    "portrait": {"maker": 6, "text": 19},
    "landscape": {"maker": 9, "text": 31},
}
"""Characters per line in the commitments table's maker and text columns (widths fixed in print.css)."""

TEXT_LINE_MM, ROW_PADDING_MM, LINE_MM = 4.8, 2.3, 7.1
"""A wrapped line of 10.5 pt text, a row's padding and borders, and one table line (the unit)."""


@dataclass(frozen=True)
class PrintRow:
    """One line of a printed table: a group heading, or an entry with its cells and stars."""

    cells: tuple[str, ...]
    rating: Rating | None = None
    heading: bool = False
    lines: float = 1
    """Estimated printed height, in one-line table rows."""
    overdue: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet of paper of a board."""

    number: int
    of: int
    rows: tuple[PrintRow, ...]

    @property
    def continued(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
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
    """The live page the QR code leads to."""
    qr_svg: str
    portrait: tuple[Sheet, ...]
    landscape: tuple[Sheet, ...]


@dataclass(frozen=True)
class PosterSet:
    """What one print page shows: one board, or every branch's board of a kind, each on new sheets."""

    posters: tuple[Poster, ...]
    label: str
    """What the print button prints, e.g. 星级党员公示栏."""
    back: str
    """The web page to go back to (site-relative URL)."""

    @property
    def sheets(self) -> int:
        return sum(len(poster.portrait) for poster in self.posters)


class QrCodes:
    """Inline SVG QR codes (error correction M), kept by URL in memory and, when given, on disk.

    Why a cache: a code takes about 6 ms to make (segno tries all eight masks to
    find the one that scans best from paper), which is 12 s for a county's 2,000
    branches; the same URLs come back at every build.
    """

    def __init__(self, folder: Path | None = None) -> None:
        salt = f"segno {segno.__version__}\n".encode()
        self.store = DiskCache(folder, salt, ".svg") if folder is not None else None
        self.made: dict[str, str] = {}

    def svg(self, url: str) -> str:
        if url not in self.made:
            self.made[url] = self._load(url)
        return self.made[url]

    def _load(self, url: str) -> str:
        stored = self.store.get(url.encode()) if self.store else None
        if stored is not None:
            return stored.decode("utf-8")
        code = segno.make(url, error="m", micro=False)
        svg = str(code.svg_inline(border=2, omitsize=True, dark="#000", light="#fff"))
        if self.store:
            self.store.put(url.encode(), svg.encode("utf-8"))
        return svg


def paginate(rows: Sequence[PrintRow], orientation: str) -> tuple[Sheet, ...]:
    """Cut rows into sheets of at most a sheet's lines; a group heading never ends a sheet."""
    budget = LINES_PER_SHEET[orientation]
    sheets: list[list[PrintRow]] = [[]]
    used = 0.0
    for index, row in enumerate(rows):
        following = rows[index + 1].lines if row.heading and index + 1 < len(rows) else 0
        if sheets[-1] and used + row.lines + following > budget:
            sheets.append([])
            used = 0.0
        sheets[-1].append(row)
        used += row.lines
    total = len(sheets)
    return tuple(Sheet(number, total, tuple(items)) for number, items in enumerate(sheets, start=1))


QR = Callable[[str], str]
"""Makes the inline SVG QR code of a URL (:meth:`QrCodes.svg`)."""


def _poster(
    key: str,
    title: str,
    subject: str,
    year: int,
    columns: tuple[str, ...],
    summary: str,
    rule: str,
    url: str,
    qr: QR,
    rows: Iterable[PrintRow],
    rows_landscape: Iterable[PrintRow] | None = None,
) -> Poster:
    portrait = list(rows)
    landscape = list(rows_landscape) if rows_landscape is not None else portrait
    return Poster(
        key=key,
        title=title,
        subject=subject,
        year=year,
        columns=columns,
        summary=summary,
        rule=rule,
        url=url,
        qr_svg=qr(url),
        portrait=paginate(portrait, "portrait"),
        landscape=paginate(landscape, "landscape"),
    )


def branch_board_poster(board: BranchBoard, organisation: str, url: str, qr: QR) -> Poster:
    """星级党支部公示栏 on paper: branches by stars, highest score first; 未评定 apart."""
    rows: list[PrintRow] = []
    for group in (*board.groups, board.unrated):
        if not group.rows:
            continue
        rows.append(PrintRow((f"{group.title}（{len(group.rows)} 个）",), heading=True))
        rows.extend(_branch_row(row) for row in group.rows)
    counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
    if board.unrated.rows:
        counts += f"，未评定 {len(board.unrated.rows)} 个"
    return _poster(
        "branches",
        "星级党支部公示栏",
        organisation,
        board.year,
        ("党支部", "所属党总支", "得分", "星级"),
        counts,
        f"评星规则：{board.rule}。",
        url,
        qr,
        rows,
    )


def _branch_row(row: BranchRow) -> PrintRow:
    score = str(row.score) if row.score is not None else "—"
    return PrintRow((row.name, row.parent_name or "—", score), rating=row.rating)


def member_board_poster(board: MemberBoard, branch: BranchRow, url: str, qr: QR) -> Poster:
    """A branch's 星级党员公示栏 on paper: the named members by stars; the others only counted."""
    rows: list[PrintRow] = []
    for group in board.groups:
        if not group.rows:
            continue
        rows.append(PrintRow((f"{group.title}（{len(group.rows)} 名）",), heading=True))
        rows.extend(
            PrintRow(
                (row.name, row.gender, str(row.points) if row.points is not None else "—"), rating=row.rating
            )
            for row in group.rows
        )
    c = board.counts
    summary = (
        f"共有党员 {c['total']} 名：三星 {c['3']} 名，二星 {c['2']} 名，一星 {c['1']} 名，无星 {c['0']} 名"
    )
    if c["exempt"]:
        summary += f"，经申请不参与评星 {c['exempt']} 名"
    if c["unrated"]:
        summary += f"，未评定 {c['unrated']} 名"
    return _poster(
        f"members-{branch.id}",
        "星级党员公示栏",
        branch.name,
        board.year,
        ("姓名", "性别", "年度积分", "星级"),
        summary + "。",
        f"党员评星规则：以党员个人年度总积分为依据，{board.rule}。",
        url,
        qr,
        rows,
    )


def commitments_poster(
    branch: BranchRow, rows: Sequence[CommitmentRow], year: int, url: str, qr: QR
) -> Poster:
    """A branch's 公开承诺 on paper: who promised what, the deadline, who approved it, the status."""
    done = sum(row.status == "fulfilled" for row in rows)
    overdue = sum(row.overdue for row in rows)
    summary = f"共 {len(rows)} 项，已兑现 {done} 项" + (f"，逾期 {overdue} 项" if overdue else "") + "。"
    return _poster(
        f"commitments-{branch.id}",
        "公开承诺公示栏",
        branch.name,
        year,
        ("承诺人", "承诺内容", "完成时限", "审核人", "状态"),
        summary,
        "承诺事项经党组织书记审核后公示，接受党员和群众监督。",
        url,
        qr,
        [_commitment_row(row, COMMITMENT_CHARS["portrait"]) for row in rows],
        [_commitment_row(row, COMMITMENT_CHARS["landscape"]) for row in rows],
    )


def _commitment_row(row: CommitmentRow, chars: dict[str, int]) -> PrintRow:
    status = row.status_label + ("\n逾期" if row.overdue else "")
    due = f"{row.due.year}.{row.due.month}.{row.due.day}" if row.due else "—"
    wrapped = max(
        _lines(row.text, chars["text"]),
        _lines(row.maker, chars["maker"]),
        2 if row.overdue else 1,
    )
    height = wrapped * TEXT_LINE_MM + ROW_PADDING_MM
    return PrintRow(
        (row.maker, row.text, due, row.approved_by or "—", status),
        lines=max(1.0, height / LINE_MM),
        overdue=row.overdue,
    )


def _lines(text: str, per_line: int) -> int:
    return max(1, -(-len(text) // per_line))  # ceiling division
