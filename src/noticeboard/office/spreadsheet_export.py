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
from dataclasses import dataclass
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

from noticeboard.boards.township import Boards
from noticeboard.registries.models import CATEGORY_LABELS, KIND_LABELS, STATUS_LABELS
from noticeboard.rules.ratings import Rating
from noticeboard.rules.results import MemberResult

Cell = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class Column:
    """A column: its header and its width in characters (a CJK character counts as two)."""

    title: str
    width: int
    number: bool = False


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]


def _stars(rating: Rating | None) -> tuple[Cell, Cell]:
    return (None, "未评定") if rating is None else (rating.score, rating.words)


def _member_status(result: MemberResult) -> tuple[Cell, Cell]:
    if result.status == "exempt":
        return None, f"不参与评星（{result.exempt_reason}）"
    return _stars(result.rating)


def sheets(boards: Boards) -> list[Sheet]:
    """Every sheet of the export of the current year (the site's year)."""
    registry = boards.registry
    view = boards.current
    year = view.year
    names = {b.id: b.name for b in registry.branches}
    branches = Sheet(
        f"{year}党组织",
        (
            Column("编号", 16),
            Column("名称", 28),
            Column("类型", 16),
            Column("所属党总支", 20),
            Column("书记", 10),
            Column("积分制管理考核", 12, True),
            Column("年终目标考核", 12, True),
            Column("总分", 8, True),
            Column("得分", 8, True),
            Column("星级", 12),
            Column("分类定级", 8),
            Column("述职评议得分", 12, True),
            Column("述职评议等次", 12),
            Column("活动场所星级", 12),
        ),
        [],
    )
    duty = {row.org.id: row.rating for row in view.duty_reports.rows}
    venues = {row.org.id: row.rating.words for row in view.venues.rows}
    ratings = {r.branch.id: r.rating for r in view.results.branches}
    for branch in registry.branches:
        scores = branch.assessments.get(year, {})
        rating = ratings.get(branch.id)
        score, words = _stars(rating) if not branch.is_general else (None, "不参与评星")
        report = duty.get(branch.id)
        branches.rows.append(
            (
                branch.id,
                branch.name,
                KIND_LABELS[branch.kind],
                names.get(branch.parent or ""),
                branch.secretary,
                scores.get("points"),
                scores.get("target"),
                scores.get("score"),
                score,
                words,
                branch.grade.get(year),
                report.score if report else None,
                report.words if report else None,
                venues.get(branch.id),
            )
        )
    members = Sheet(
        f"{year}党员",
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
            Column("年度积分", 10, True),
            Column("星级", 30),
            Column("党员先锋岗", 16),
        ),
        [],
    )
    for result in view.results.members:
        member = result.member
        points, words = _member_status(result)
        members.rows.append(
            (
                member.id,
                member.name,
                member.gender,
                member.ethnicity,
                member.education,
                member.born,
                member.joined,
                CATEGORY_LABELS[member.category] if member.category else None,
                names[result.branch_id],
                points,
                words,
                member.post.title if member.post else None,
            )
        )
    commitments = Sheet(
        f"{year}公开承诺",
        (
            Column("编号", 14),
            Column("承诺人", 12),
            Column("所在党支部", 26),
            Column("承诺内容", 44),
            Column("承诺日期", 12),
            Column("完成时限", 12),
            Column("审核人", 10),
            Column("状态", 8),
            Column("兑现日期", 12),
            Column("逾期", 6),
        ),
        [
            (
                row.id,
                row.maker,
                names[row.branch],
                row.text,
                row.made,
                row.due,
                row.approved_by,
                STATUS_LABELS[row.status],
                row.fulfilled_on,
                "逾期" if row.overdue else None,
            )
            for group in view.commitments.groups
            for row in group.rows
        ],
    )
    ledger = Sheet(
        f"{year}积分台账",
        (
            Column("党员编号", 10),
            Column("姓名", 10),
            Column("日期", 12),
            Column("事项", 30),
            Column("分值", 8, True),
        ),
        [
            (member_id, registry.member_by_id[member_id].name, entry.date, entry.item, entry.points)
            for member_id, entries in registry.ledgers.get(year, {}).items()
            for entry in entries
        ],
    )
    summary = view.summary
    counts = Sheet(
        f"{year}汇总",
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
    reviews = Sheet(
        f"{year}领导点评",
        (
            Column("党组织", 26),
            Column("被点评对象", 24),
            Column("点评人", 10),
            Column("职务", 20),
            Column("日期", 12),
            Column("总体评价", 30),
            Column("取得成绩", 30),
            Column("存在问题", 30),
            Column("努力方向", 30),
            Column("等次", 8),
            Column("公开", 6),
        ),
        [
            (
                names[registry.branch_of.get(review.subject, review.subject)],
                registry.member_by_id[review.subject].name
                if review.subject in registry.member_by_id
                else names[review.subject],
                review.reviewer.name,
                review.reviewer.post,
                review.date,
                review.overall,
                review.achievements,
                review.problems,
                review.direction,
                review.grade,
                "是" if review.public else "否",
            )
            for review in registry.reviews.get(year, ())
        ],
    )
    return [counts, branches, members, commitments, ledger, reviews]


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
    book.properties.title = f"{boards.registry.site.organisation} {boards.current.year} 年度公示数据"
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
    for row in sheet.rows:
        ws.append([_value(value) for value in row])
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
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.HeaderFooter = HeaderFooter(
        oddHeader=HeaderFooterItem(center=_Part(f"{organisation} {sheet.title}")),
        oddFooter=HeaderFooterItem(center=_Part("第 &P 页，共 &N 页")),
    )


def _value(value: Cell) -> Any:
    """Decimals as numbers (a spreadsheet has no decimal type; scores have at most four places):
    whole numbers as written without a fraction stay integers, 90.0 stays a fraction."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    return value
