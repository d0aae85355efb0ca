"""Reading spreadsheets as the office saves them: ``.xlsx`` from Excel or WPS, ``.csv`` in UTF-8 or GBK.

Why both encodings: Excel and WPS on Chinese Windows save "CSV" in GBK unless
told otherwise, and UTF-8 with a BOM when told. Every value keeps its cell
address (``党员!C7``) so that a problem is reported where staff can find it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from noticeboard.registries.errors import UserError
from noticeboard.registries.frozen import frozen

Value = str | int | float | dt.date | None


@frozen
class Row:
    """One data row: values by header, each with its cell address."""

    number: int
    values: dict[str, Value]
    cells: dict[str, str]
    """Header → cell address, e.g. ``党员!C7``."""


@frozen
class Table:
    """One sheet: its name, headers and data rows (blank rows skipped)."""

    path: Path
    name: str
    headers: tuple[str, ...]
    header_cells: dict[str, str]
    rows: tuple[Row, ...]
    caption: str | None = None
    """A title written above the headers, in a row of its own (青山镇2025年党员积分汇总表), if any."""
    headerless: tuple[str, ...] = ()
    """The first cell written in each column without a header (``党员!K2``): its values were dropped without
    a word, while a column of an unknown header is refused."""


class SheetError(UserError):
    """A file that cannot be read as a spreadsheet (message in Chinese)."""


def read_tables(path: Path) -> list[Table]:
    """Every non-empty sheet of ``path`` (.xlsx, or .csv as one sheet named after the file)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise SheetError(
            f"{path.name}：只能导入 .xlsx 或 .csv 文件（.xls、WPS 的 .et 请先在 Excel 或 WPS 中“另存为” .xlsx）"
        )
    if not path.is_file():
        raise SheetError(f"{path}：找不到这个文件（请检查文件名和所在的文件夹）")
    if suffix == ".xlsx":
        return _xlsx(path)
    return [_table(path, path.stem, _csv_rows(path, _decode(path)))]


def _csv_rows(path: Path, text: str) -> Iterator[list[str]]:
    """The records of a CSV file's ``text``, refused at the line of the first one written wrong.

    Why strictly: a quote left open by a typo (``m00001,"邱建国,80``) was read leniently to the end of the
    file as one cell: the rows below it lost without a word and a name of three lines written to the
    registry. Excel and WPS always close their quotes. Lines ended by CR alone (Excel for Mac) are lines too."""
    reader = csv.reader(io.StringIO(text, newline=None), strict=True)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SheetError(f"{path.name}:{line}: {_csv_trouble(str(error))}") from None
        yield row


def _csv_trouble(error: str) -> str:
    """What Python's CSV reader found wrong with a record, in words (its own are English)."""
    if "end of data" in error:  # (a quote opened and never closed: the rest of the file in one cell)
        return (
            '这一行的双引号（"）没有配对，从这里到文件末尾都会被读成一格；请删掉多余的引号，'
            "或在 Excel、WPS 中另存为 .xlsx 后导入"
        )
    if "expected after" in error:
        return '这一行有一格以双引号（"）开头，引号后面却还有别的字；请删掉多余的引号，或在 Excel、WPS 中另存为 .xlsx 后导入'
    return "这一行不是能读的 CSV；请在 Excel 或 WPS 中另存为 .xlsx 后导入"


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")  # GBK as Excel/WPS save it on Chinese Windows, and its superset
    except UnicodeDecodeError:
        raise SheetError(f"{path.name}：无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV") from None


def _what_it_is(path: Path) -> str:
    """What a file named ``.xlsx`` that openpyxl cannot open most likely is, by its first bytes, and what to do.

    Why: openpyxl's exception (BadZipFile, KeyError) told the office nothing; an old ``.xls``, a workbook with
    an opening password and a CSV renamed ``.xlsx`` are the usual ones."""
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError:
        return "文件读不出来；请确认它没有被别的程序占用"
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 file: .xls, or an .xlsx with an opening password
        return "这是旧版 Excel（.xls）文件，或设置了打开密码的文件；请在 Excel 或 WPS 中去掉密码，另存为“Excel 工作簿（.xlsx）”后再导入"
    if head.startswith(b"PK"):
        return "文件已损坏，或不是 Excel 工作簿；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
    return "它不是 Excel 工作簿，可能是改了扩展名的文本（CSV）文件；请把扩展名改回 .csv，或在 Excel 或 WPS 中另存为 .xlsx"


def _xlsx(path: Path) -> list[Table]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True)  # (what each cell holds: a formula, or its value)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise SheetError(f"{path.name}：无法打开这个 Excel 文件：{_what_it_is(path)}") from None
    try:
        tables = []
        for ws, written in zip(book.worksheets, formulas.worksheets, strict=True):
            rows = _computed(
                path, ws.title, map(_as_shown, ws.iter_rows()), written.iter_rows(values_only=True)
            )
            tables.append(_table(path, ws.title, _merges_filled(rows, _merged_down(ws))))
    finally:
        book.close()
        formulas.close()
    return [table for table in tables if table.headers]


def _as_shown(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row's values, a number formatted as a percentage as the text Excel shows (``90%``), not the
    fraction it holds: 0.9 in a points column was imported as 0.9 points, a member of 90 shown in the
    workbook rated 无星 (a helper's fuzzing); as ``90%`` the import refuses it at its cell."""
    return tuple(
        f"{(Decimal(f'{cell.value:.15g}') * 100).normalize():f}%"
        if isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
        and "%" in (getattr(cell, "number_format", None) or "")
        else cell.value
        for cell in cells
    )


def _computed(path: Path, name: str, rows: Iterator[Any], written: Iterator[Any]) -> Iterator[Any]:
    """``rows`` as Excel or WPS saved their values, refused where a formula has none saved.

    Why: a workbook written by a program (or by openpyxl) keeps its formulas without their results; the
    cell then reads as empty, and its row was imported as unchanged without a word."""
    for number, (values, cells) in enumerate(zip(rows, written, strict=True), start=1):
        for index, (value, cell) in enumerate(zip(values, cells, strict=False)):
            if value is None and isinstance(cell, str) and cell.startswith("="):
                raise SheetError(
                    f"{path.name}:{name}!{get_column_letter(index + 1)}{number}: 公式 {cell} 没有保存计算结果；"
                    "请用 Excel 或 WPS 打开这个文件，保存后再导入"
                )
        yield values


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def _merged_down(ws: Any) -> dict[int, list[tuple[int, int]]]:
    """The sheet's ranges merged down one column: first row → (column, last row) of each. Read from the
    sheet's XML, which a read-only sheet does not parse."""
    with ws._get_source() as source:  # (openpyxl's read-only sheet: its XML, as it reads its rows)
        found = _MERGE.findall(source.read())
    down: dict[int, list[tuple[int, int]]] = {}
    for first_column, first_row, last_column, last_row in found:
        if int(last_row) > int(first_row) and first_column == last_column:  # (a title over rows and columns
            # is layout, as a range merged across columns is)
            column = column_index_from_string(first_column.decode())
            down.setdefault(int(first_row), []).append((column, int(last_row)))
    return down


def _merges_filled(rows: Iterator[Any], down: dict[int, list[tuple[int, int]]]) -> Iterator[Any]:
    """``rows`` with each cell of a range merged down a column reading as its first cell.

    Why: a clerk merges 状态 over three commitments to say all three are 已兑现; Excel keeps the value
    in the first cell alone, and the other two read as empty: left unchanged without a word. A range
    merged across columns is layout (a wide 事项), and its other columns stay empty."""
    below: dict[int, dict[int, Any]] = {}
    for number, values in enumerate(rows, start=1):
        filled = list(values)
        for column, value in below.pop(number, {}).items():
            filled.extend([None] * (column - len(filled)))
            filled[column - 1] = value
        for column, last in down.get(number, ()):
            value = filled[column - 1] if column <= len(filled) else None
            for row in range(number + 1, last + 1):
                below.setdefault(row, {})[column] = value
        yield tuple(filled)


def _table(path: Path, name: str, rows: Iterator[Any]) -> Table:
    cleaned = ((number, [_clean(value) for value in raw]) for number, raw in enumerate(rows, start=1))
    written = [(number, values) for number, values in cleaned if any(value is not None for value in values)]
    caption = _caption(written)
    if caption is not None:
        written = written[1:]
    if not written:
        return Table(path, name, (), {}, ())
    while len(written) > 1 and _footnote(written[-1][1]):
        written = written[:-1]
    number, values = written[0]
    headers = tuple(str(value) if value is not None else "" for value in values)
    header_cells = {h: f"{name}!{get_column_letter(i + 1)}{number}" for i, h in enumerate(headers) if h}
    found: list[Row] = []
    headerless: dict[int, str] = {}
    for number, values in written[1:]:
        by_header: dict[str, Value] = {}
        cells: dict[str, str] = {}
        for index, value in enumerate(values):
            if value is not None and (index >= len(headers) or not headers[index]):
                headerless.setdefault(index, f"{name}!{get_column_letter(index + 1)}{number}")
        for index, header in enumerate(headers):
            if not header:
                continue
            by_header[header] = values[index] if index < len(values) else None
            cells[header] = f"{name}!{get_column_letter(index + 1)}{number}"
        found.append(Row(number, by_header, cells))
    missing = tuple(cell for _, cell in sorted(headerless.items()))
    return Table(path, name, headers, header_cells, tuple(found), caption, missing)


_FOOTNOTE = re.compile(r"^(注|备注|说明|填表|填报|制表|审核|联系人|联系电话|负责人)[^：:]{0,4}[：:]")


def _footnote(values: list[Value]) -> bool:
    """Whether a row is a note below the data, as office sheets end (注：…, 填表人：… 审核人：…): text
    alone, opening with such a word and a colon. Read as a record, it was reported as one with its id
    missing (新增党员要写所在党支部, 缺少日期)."""
    given = [value for value in values if value is not None]
    return all(isinstance(value, str) for value in given) and bool(_FOOTNOTE.match(str(given[0])))


def _caption(written: list[tuple[int, list[Value]]]) -> str | None:
    """The title above the headers (青山镇2025年党员积分汇总表, often merged across them): a first row with one
    text alone, followed by a row of several headers. Read as headers, it made the sheet unknown."""
    if len(written) < 2:
        return None
    first = [value for value in written[0][1] if value is not None]
    second = [value for value in written[1][1] if value is not None]
    return first[0] if len(first) == 1 and isinstance(first[0], str) and len(second) > 1 else None


def _clean(value: Any) -> Value:
    """Trim text (full-width spaces too); datetimes from Excel become dates; empty text is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        value = value.strip().strip("\u3000").strip()
        return value or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | dt.date):
        return value
    return None if value is None else str(value)
