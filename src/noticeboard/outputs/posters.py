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
from typing import Any, TypeVar

import segno

from noticeboard.boards.classification import ClassificationBoard, GradeRow
from noticeboard.boards.duty_reports import DutyReportBoard, DutyRow
from noticeboard.boards.parts import Group
from noticeboard.boards.pioneers import PioneerBoard
from noticeboard.boards.reviews import ReviewBoard
from noticeboard.boards.township import BranchBoard, BranchRow, CommitmentRow, MemberBoard
from noticeboard.boards.venues import VenueBoard, VenueRow
from noticeboard.registries.disk_cache import DiskCache
from noticeboard.registries.models import Rectification
from noticeboard.rules.ratings import Rating

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
    photo: str | None = None
    """A photo shown before the cells (site-relative URL), on the pioneer-post board."""


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
    layout: str
    """Which column widths print.css gives the table (``nb-sheet__table--<layout>``)."""
    rated: bool = True
    """Whether the last column shows each row's stars (from ``PrintRow.rating``)."""


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
    *,
    layout: str,
    rated: bool = True,
) -> Poster:
    portrait = list(rows)
    landscape = list(rows_landscape) if rows_landscape is not None else portrait
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
        qr_svg=qr(url),
        portrait=paginate(portrait, "portrait"),
        landscape=paginate(landscape, "landscape"),
    )


Item = TypeVar("Item")


def _grouped(groups: Iterable[Group[Item]], unit: str, row: Callable[[Item], PrintRow]) -> list[PrintRow]:
    """Each group that has rows: a heading with its count (``三星党支部（11 个）``), then its rows."""
    out: list[PrintRow] = []
    for group in groups:
        if group.rows:
            out.append(PrintRow((f"{group.title}（{len(group.rows)} {unit}）",), heading=True))
            out.extend(row(item) for item in group.rows)
    return out


def branch_board_poster(board: BranchBoard, organisation: str, url: str, qr: QR) -> Poster:
    """星级党支部公示栏 on paper: branches by stars, highest score first; 未评定 apart."""
    rows = _grouped((*board.groups, board.unrated), "个", _branch_row)
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
        layout="branches",
    )


def _branch_row(row: BranchRow) -> PrintRow:
    score = str(row.score) if row.score is not None else "—"
    return PrintRow((row.name, row.parent_name or "—", score), rating=row.rating)


def member_board_poster(board: MemberBoard, branch: BranchRow, url: str, qr: QR) -> Poster:
    """A branch's 星级党员公示栏 on paper: the named members by stars; the others only counted."""
    rows = _grouped(
        board.groups,
        "名",
        lambda row: PrintRow(
            (row.name, row.gender, str(row.points) if row.points is not None else "—"), rating=row.rating
        ),
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
        layout="members",
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
        layout="commitments",
        rated=False,
    )


def _commitment_row(row: CommitmentRow, chars: dict[str, int]) -> PrintRow:
    status = row.status_label + ("\n逾期" if row.overdue else "")
    due = f"{row.due.year}.{row.due.month}.{row.due.day}" if row.due else "—"
    wrapped = max(
        _lines(row.text, chars["text"]),
        _lines(row.maker, chars["maker"]),
        2 if row.overdue else 1,
    )
    return PrintRow(
        (row.maker, row.text, due, row.approved_by or "—", status),
        lines=_height(wrapped),
        overdue=row.overdue,
    )


def _height(wrapped: int, minimum_mm: float = 0) -> float:
    """A row's height in table lines, from its most wrapped cell (and a fixed-height content such as a photo)."""
    return max(1.0, (max(wrapped * TEXT_LINE_MM, minimum_mm) + ROW_PADDING_MM) / LINE_MM)


Widths = tuple[int | None, ...]
"""Characters per line of each column (None: short text that never wraps)."""


def _wrapped(cells: tuple[str, ...], widths: Widths, **kwargs: Any) -> PrintRow:
    """A row whose height follows from how its cells wrap at the column widths of print.css."""
    wrapped = max(
        (_lines(cell, width) for cell, width in zip(cells, widths, strict=False) if width), default=1
    )
    return PrintRow(cells, lines=_height(wrapped), **kwargs)


def _both(build: Callable[[str], list[PrintRow]]) -> tuple[list[PrintRow], list[PrintRow]]:
    return build("portrait"), build("landscape")


REVIEW_CHARS = {"portrait": (None, 37), "landscape": (None, 56)}
REVIEW_HEADING_CHARS = {"portrait": 44, "landscape": 66}
REVIEW_PARTS = (
    ("overall", "总体评价"),
    ("achievements", "取得成绩"),
    ("problems", "存在问题"),
    ("direction", "努力方向"),
)


def review_poster(board: ReviewBoard, url: str, qr: QR) -> Poster:
    """领导点评公示栏 of one organisation: each review under a heading naming who reviewed whom."""

    def rows(orientation: str) -> list[PrintRow]:
        out: list[PrintRow] = []
        for review in board.rows:
            heading = f"对{review.subject}的点评　点评人：{review.reviewer}（{review.reviewer_post}）"
            if review.date:
                heading += f"　{review.date.year}年{review.date.month}月{review.date.day}日"
            out.append(
                PrintRow(
                    (heading,),
                    heading=True,
                    lines=_height(_lines(heading, REVIEW_HEADING_CHARS[orientation])),
                )
            )
            for key, label in REVIEW_PARTS:
                out.append(_wrapped((label, getattr(review, key)), REVIEW_CHARS[orientation]))
            if review.grade:
                out.append(PrintRow(("评定等次", review.grade)))
        return out

    portrait, landscape = _both(rows)
    return _poster(
        f"reviews-{board.org.id}",
        "领导点评公示栏",
        board.org.name,
        board.year,
        ("项目", "点评内容"),
        f"共 {len(board.rows)} 条点评：对党组织书记 {len(board.own)} 条，对党员 {len(board.members)} 条。",
        "镇党委点评党总支书记，党总支点评党支部书记，党支部书记点评本支部党员；"
        "从总体评价、取得成绩、存在问题和努力方向四个方面点评。",
        url,
        qr,
        portrait,
        landscape,
        layout="reviews",
        rated=False,
    )


PIONEER_CHARS = {
    "portrait": (4, None, None, 4, 6, 13),
    "landscape": (6, None, None, 6, 9, 20),
}
PHOTO_MM = 24.0
"""Printed photo height (18 × 24 mm, 3:4), set in print.css."""


def pioneer_poster(
    board: PioneerBoard, year: int, url: str, qr: QR, photo: Callable[[str | None], str]
) -> Poster:
    """党员先锋岗公示栏 of one branch: photo, name, gender, ethnicity, education, post and duties."""

    def rows(orientation: str) -> list[PrintRow]:
        out = []
        for row in board.rows:
            cells = (
                row.name,
                row.gender,
                row.ethnicity or "—",
                row.education or "—",
                row.title,
                row.duties or "—",
            )
            widths = PIONEER_CHARS[orientation]
            wrapped = max(_lines(cell, width) for cell, width in zip(cells, widths, strict=True) if width)
            out.append(PrintRow(cells, lines=_height(wrapped, PHOTO_MM), photo=photo(row.photo)))
        return out

    portrait, landscape = _both(rows)
    return _poster(
        f"pioneers-{board.org.id}",
        "党员先锋岗公示栏",
        board.org.name,
        year,
        ("照片", "姓名", "性别", "民族", "学历", "岗位", "岗位职责"),
        f"本支部设党员先锋岗 {len(board.rows)} 个。",
        "先锋岗党员的姓名、性别、民族、学历、岗位、职责和照片上墙公布，接受党员和群众监督。",
        url,
        qr,
        portrait,
        landscape,
        layout="pioneers",
        rated=False,
    )


VENUE_CHARS = {"portrait": (12, None, 17, None), "landscape": (19, None, 26, None)}


def venue_poster(board: VenueBoard, organisation: str, url: str, qr: QR) -> Poster:
    """活动场所星级公示栏: venues by stars, with the items that did not pass."""
    total = board.item_count

    def rows(orientation: str) -> list[PrintRow]:
        def venue(row: VenueRow) -> PrintRow:
            passed = f"{row.rating.passed}/{total}" if row.checks else "—"
            failed = "、".join(row.failed) or ("全部达标" if row.checks else "—")
            stars = row.rating.words + ("（核定）" if row.rating.awarded else "")
            return _wrapped((row.org.name, passed, failed, stars), VENUE_CHARS[orientation])

        return _grouped(board.groups, "个", venue)

    portrait, landscape = _both(rows)
    counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups if group.rows)
    return _poster(
        "venues",
        "村级组织活动场所星级公示栏",
        organisation,
        board.year,
        ("活动场所", "达标项", "未达标项", "星级"),
        f"共评定 {len(board.rows)} 个活动场所：{counts}。",
        f"评定标准：{''.join(f'“{name}”' for name, _ in board.checklist)}，{board.rule}；核定星级以镇党委评定为准。",
        url,
        qr,
        portrait,
        landscape,
        layout="venues",
        rated=False,
    )


CLASSIFICATION_CHARS = {"portrait": (12, 6, None, 18), "landscape": (19, 9, None, 28)}


def classification_poster(board: ClassificationBoard, organisation: str, url: str, qr: QR) -> Poster:
    """分类定级公示栏: organisations by grade; 较差 ones with their rectification."""

    def rows(orientation: str) -> list[PrintRow]:
        def grade(row: GradeRow) -> PrintRow:
            note = rectification_text(row.rectification) if row.grade == "较差" else "—"
            cells = (row.org.name, row.org.kind_label, row.grade, note)
            return _wrapped(cells, CLASSIFICATION_CHARS[orientation])

        return _grouped(board.groups, "个", grade)

    portrait, landscape = _both(rows)
    counts = "，".join(f"{group.title} {len(group.rows)} 个" for group in board.groups)
    return _poster(
        "classification",
        "基层党组织分类定级公示栏",
        organisation,
        board.year,
        ("党组织", "类型", "等次", "整顿转化"),
        f"共 {board.total} 个党组织：{counts}。",
        "按好、较好、一般、较差四个等次分类定级；定为较差的党组织列入整顿转化，明确责任人和期限。",
        url,
        qr,
        portrait,
        landscape,
        layout="classification",
        rated=False,
    )


def rectification_text(rectification: Rectification | None) -> str:
    """整顿转化 in one line: responsible person, deadline, progress (or that it is still to be set)."""
    if rectification is None:
        return "整顿转化措施待公布"
    deadline = rectification.deadline
    text = f"责任人：{rectification.responsible}；期限：{deadline.year}年{deadline.month}月{deadline.day}日"
    return text + (f"；进展：{rectification.progress}" if rectification.progress else "")


DUTY_CHARS = {
    "portrait": (10, 3, None, None, None, None, None, 4),
    "landscape": (16, 5, None, None, None, None, None, 6),
}


def duty_report_poster(board: DutyReportBoard, organisation: str, url: str, qr: QR) -> Poster:
    """述职评议公示栏: each secretary's four scores, the weighted total and the grade."""

    def rows(orientation: str) -> list[PrintRow]:
        def report(row: DutyRow) -> PrintRow:
            rating = row.rating
            parts = tuple(str(part.value) for part in rating.parts) or ("—",) * len(board.components)
            cells = (row.org.name, row.org.secretary or "—", *parts, str(rating.score), rating.words)
            return _wrapped(cells, DUTY_CHARS[orientation])

        return _grouped(board.groups, "名", report)

    portrait, landscape = _both(rows)
    weights = "、".join(f"{label} {weight}" for label, weight in board.components)
    counts = "，".join(f"{group.title} {len(group.rows)} 名" for group in board.groups)
    return _poster(
        "duty-reports",
        "党组织书记述职评议公示栏",
        organisation,
        board.year,
        ("党组织", "书记", "日常", "现场", "年度", "述职", "综合", "等次"),
        f"共 {len(board.rows)} 名书记：{counts}。",
        f"综合得分 = {weights} 加权，四舍五入保留 {board.places} 位小数；{board.rule}。",
        url,
        qr,
        portrait,
        landscape,
        layout="duty",
        rated=False,
    )


def _lines(text: str, per_line: int) -> int:
    return max(1, -(-len(text) // per_line))  # ceiling division
