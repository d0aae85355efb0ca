"""The registries and their ratings as one ``.xlsx`` workbook, for the office and the county's returns.

One sheet per registry, every rating next to what it was computed from, laid
out for printing (A4 landscape, header row repeated, fitted to the page width).
Nothing under ``private`` is exported: a workbook is easily forwarded.
The file is the same byte for byte for the same data (its dates are ``as_of``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooter, HeaderFooterItem
from openpyxl.worksheet.header_footer import _HeaderFooterPart as _Part
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.sheets import Cell, Column, ExtraColumns, Sheet
from noticeboard.boards.township import Boards, YearView
from noticeboard.registries.models import CATEGORY_LABELS, KIND_LABELS
from noticeboard.registries.progress import Meter


def sheets(boards: Boards) -> list[Sheet]:
    """Every sheet of the export of the current year (the site's year).

    汇总 (the year's counts), 党组织 and 党员 (the registries, with the columns each board
    kind adds to them), then every kind's own sheets by their position.
    """
    view = boards.current
    shown = [(kind, board) for kind in KINDS if (board := view.board(kind)) is not None]
    organisations = _with_columns(
        _organisations(boards),
        [c for kind, board in shown if (c := kind.organisation_columns(boards, board))],
    )
    members = _with_columns(
        _members(boards), [c for kind, board in shown if (c := kind.member_columns(boards, board))]
    )
    own = sorted(
        (sheet for kind, board in shown for sheet in kind.sheets(boards, board)), key=lambda s: s.position
    )
    return [_summary(view), organisations, members, *own]


def _organisations(boards: Boards) -> tuple[Sheet, list[str]]:
    registry = boards.registry
    names = {b.id: b.name for b in registry.branches}
    sheet = Sheet(
        f"{boards.current.year}党组织",
        (
            Column("编号", 16),
            Column("名称", 28),
            Column("类型", 16),
            Column("所属党总支", 20),
            Column("书记", 10),
        ),
        [
            (
                branch.id,
                branch.name,
                KIND_LABELS[branch.kind],
                names.get(branch.parent or ""),
                branch.secretary,
            )
            for branch in registry.branches
        ],
    )
    return sheet, [branch.id for branch in registry.branches]


def _members(boards: Boards) -> tuple[Sheet, list[str]]:
    registry = boards.registry
    names = {b.id: b.name for b in registry.branches}
    members = registry.members  # every one, also those who joined after the year (on no board of it)
    sheet = Sheet(
        f"{boards.current.year}党员",
        (
            Column("编号", 10),
            Column("姓名", 10),
            Column("性别", 6),
            Column("民族", 8),
            Column("学历", 10),
            Column("出生年份", 8, True),
            Column("入党时间", 12),
            Column("类别", 10),
            Column("所在党支部", 26),
        ),
        [
            (
                member.id,
                member.name,
                member.gender,
                member.ethnicity,
                member.education,
                member.born,
                member.joined,
                CATEGORY_LABELS[member.category] if member.category else None,
                names[registry.branch_of[member.id]],
            )
            for member in members
        ],
    )
    return sheet, [member.id for member in members]


def _with_columns(base: tuple[Sheet, list[str]], extra: list[ExtraColumns]) -> Sheet:
    """A registry's sheet with the columns the kinds add, in their positions."""
    sheet, ids = base
    extra = sorted(extra, key=lambda columns: columns.position)
    return Sheet(
        sheet.title,
        (*sheet.columns, *(column for columns in extra for column in columns.columns)),
        [
            (*row, *(cell for columns in extra for cell in columns.of(row_id)))
            for row, row_id in zip(sheet.rows, ids, strict=True)
        ],
    )


def _summary(view: YearView) -> Sheet:
    summary = view.summary
    return Sheet(
        f"{view.year}汇总",
        (
            Column("项目", 20),
            Column("三星", 8, True),
            Column("二星", 8, True),
            Column("一星", 8, True),
            Column("无星", 8, True),
            Column("不参与评星", 10, True),
            Column("未评定", 8, True),
            Column("合计", 8, True),
        ),
        [
            (
                "党支部",
                *(summary.branch_stars[k] for k in "3210"),
                None,
                summary.branches_unrated,
                sum(summary.branch_stars.values()) + summary.branches_unrated,
            ),
            (
                "党员",
                *(summary.member_stars[k] for k in "3210"),
                summary.members_exempt,
                summary.members_unrated,
                len(view.results.members),
            ),
        ],
    )


HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def write(boards: Boards, path: Path) -> Path:
    """Write the workbook; returns ``path``."""
    book = Workbook()
    for blank in list(book.worksheets):
        book.remove(blank)
    for sheet in sheets(boards):
        _fill(book.create_sheet(sheet.title), sheet, boards.registry.site.organisation)
    stamp = dt.datetime.combine(boards.as_of, dt.time())
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = boards.registry.site.office
    book.properties.title = (
        f"{boards.registry.site.organisation} {boards.current.year} 年度评星台账（内部资料）"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(fixed_times(buffer.getvalue(), stamp))
    return path


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fixed_times(xlsx: bytes, stamp: dt.datetime) -> bytes:
    """The same archive dated ``stamp`` throughout: openpyxl writes the time of saving into
    ``docProps/core.xml`` and every zip entry, so the same data would give other bytes."""
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = item.external_attr
            target.writestr(fixed, data)
    return out.getvalue()


def _fill(ws: Worksheet, sheet: Sheet, organisation: str) -> None:
    ws.append([column.title for column in sheet.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    # A progress bar on a terminal for a county's sheets (none in CI logs or when not a terminal):
    # by cells, as formatting them takes longer than writing them.
    meter = Meter(
        len(sheet.rows) * (len(sheet.columns) + 1), desc=f"导出 {sheet.title}", unit="格", at_least=20_000
    )
    for row in sheet.rows:
        ws.append([_value(value) for value in row])
        meter.advance(1)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=not column.number)
            if isinstance(cell.value, float | int) and column.number:
                cell.number_format = "0.0##" if isinstance(cell.value, float) else "0"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        meter.advance(len(sheet.rows))
    meter.close()
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.HeaderFooter = HeaderFooter(
        oddHeader=HeaderFooterItem(center=_Part(f"{organisation} {sheet.title}（内部资料）")),
        oddFooter=HeaderFooterItem(center=_Part("第 &P 页，共 &N 页")),
    )


def _value(value: Cell) -> Any:
    """Decimals as numbers (a spreadsheet has no decimal type; scores have at most four places):
    whole numbers as written without a fraction stay integers, 90.0 stays a fraction."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    return value
