"""``import``: spreadsheets filled in by the office, merged into the YAML registries.

Rules that make it safe:
- Only what a sheet carries changes: an empty cell, a column the sheet does not
  have, comments, ``private`` and earlier years are kept (files are edited with a
  round-trip YAML editor, so the rest of each file stays byte for byte).
- Every bad cell is reported as ``FILE:SHEET!CELL: message``; the merged result
  is validated like any hand edit; when anything is wrong, nothing is written.
- Records are matched by ``编号`` (id); a new id adds a record.
- Full-width digits, letters and punctuation a Chinese keyboard types (``９０``, ``８５．５``,
  ``２０２５－０３－０１``, ``ｍ００１``) are made half-width in number, date and id cells, which
  are listed (a clerk cannot see the difference in a cell); spaces, full-width ones too, around
  any cell's text are dropped when the sheet is read.
- The office's own export imports back unchanged: its sheets and columns to read and print (汇总,
  星级, 得分 …) are named in notes, not read; its names (承诺人 with 所在党组织, 姓名 beside a
  ledger's id) are resolved and checked; its rounded points and ledger totals are what is published.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import functools
import io
import itertools
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from noticeboard.boards.kinds import load_township
from noticeboard.boards.township import build_boards
from noticeboard.office.spreadsheet_export import fixed_times
from noticeboard.office.spreadsheet_export import sheets as export_sheets
from noticeboard.office.spreadsheet_reading import Row, Table, Value, read_tables
from noticeboard.registries.errors import Problems, RegistryError, UserError
from noticeboard.registries.frozen import frozen
from noticeboard.registries.full_width import half_width
from noticeboard.registries.messages import closest_id, explain
from noticeboard.registries.models import (
    CATEGORY_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    Branch,
    Commitment,
    LedgerEntry,
    Member,
)
from noticeboard.registries.models.common import FIRST_YEAR, LAST_YEAR, WRITTEN_DATE
from noticeboard.registries.models.site import COMMITTEE
from noticeboard.registries.progress import progress
from noticeboard.registries.reading import Registry
from noticeboard.registries.yaml_source import Document, parse_yaml
from noticeboard.rules.results import rate_year


class CellError(UserError):
    """A cell whose value cannot be used (message in Chinese)."""


# Converters: a cell's value → what the YAML file holds -------------------------------------


def text(value: Value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def number(value: Value) -> Decimal:
    if isinstance(value, bool | dt.date):
        raise CellError("应为数字")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # As Excel and WPS show it, to 15 significant digits: 89.9 typed, not the binary 89.900000000000005684…;
        # 27 from =90*0.3, not 26.999999999999996 (refused: more decimals than a number may have).
        return Decimal(f"{value:.15g}")
    text = str(value).strip()
    if text.endswith(("%", "％")):  # (a cell formatted as a percentage reads as the text Excel shows)
        raise CellError(f"“{value}”是百分数；请写成数字，例如 90（单元格格式设为“常规”或“数值”）")
    if "," in text or "，" in text:
        # (9,0 was read as 90 and 8,5 as 85: three stars and two, where 9 and 8.5 were meant)
        if _GROUPED.fullmatch(text) is None:
            raise CellError(f"“{value}”应为数字；逗号只能用作千位分隔（例如 1,200），小数点请用“.”")
        text = text.replace("，", "").replace(",", "")
    try:
        found = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{value}”应为数字") from None
    if not found.is_finite():  # (Decimal reads NaN and Infinity, which no YAML number can be)
        raise CellError(f"“{value}”应为数字")
    return found


_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?")
"""A number whose commas group its thousands (1,200 or 12,345.5): the only commas a number may have."""


def date(value: Value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    match = WRITTEN_DATE.match(str(value))
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise CellError(f"“{value}”应为日期，例如 2025-03-01 或 2025/3/1")


def year(value: Value) -> int:
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) or (isinstance(value, str) and value.isdecimal()):
        return int(value)
    raise CellError(f"“{value}”应为四位数的年份，例如 1975")


def choice(labels: dict[str, str], *extra: tuple[str, str]) -> Callable[[Value], str]:
    """A value written as its key (``rural``) or its Chinese name (农村党员, 农村)."""
    words = {label: key for key, label in labels.items()}
    words.update({label.removesuffix("党员").removesuffix("党支部"): key for key, label in labels.items()})
    words.update(dict(extra))

    def convert(value: Value) -> str:
        written = text(value)
        if written in labels:
            return written
        if written in words:
            return words[written]
        raise CellError(f"“{written}”不是可选的值，应为 {'、'.join(labels.values())} 之一")

    return convert


def gender(value: Value) -> str:
    written = text(value)
    if written not in ("男", "女"):
        raise CellError(f"“{written}”应为 男 或 女")
    return written


# Columns -------------------------------------------------------------------------------------


@frozen
class Column:
    """A spreadsheet column: its accepted headers, the key it fills and how its cells are read."""

    headers: tuple[str, ...]
    key: str
    """The record key; ``a.b`` for a nested key; ``{year}`` where the year goes."""
    convert: Callable[[Value], Any]
    note: str = ""
    """What the template's header note says."""
    stored: bool = True
    """False for a column that only checks a row (:data:`CHECKS`): read, compared, never written."""


MEMBER = (
    Column(("编号", "党员编号"), "id", text, "全镇唯一的编号，例如 m00001；新编号即新增党员"),
    Column(("姓名",), "name", text, "姓名"),
    Column(("性别",), "gender", gender, "男 或 女"),
    Column(("民族",), "ethnicity", text, "例如 汉族"),
    Column(("学历",), "education", text, "例如 大专、高中、初中"),
    Column(("出生年份", "出生年月"), "born", year, "例如 1975（不公开）"),
    Column(("入党时间",), "joined", date, "例如 2009-11-18"),
    Column(("类别",), "category", choice(CATEGORY_LABELS), "农村党员、机关党员、离退休党员、流动党员、其他"),
    Column(("党支部", "所在党支部", "党支部编号"), "branch", text, "所在党支部的编号或名称；新增党员必填"),
    Column(
        ("积分", "年度积分", "年度总积分"), "points.{year}", number, "年度总积分；表头可写年份，如 2025年积分"
    ),
    Column(("不参与评星原因",), "exempt.{year}", text, "经申请同意不参与评星的原因"),
)
BRANCH = (
    Column(("编号", "党组织编号"), "id", text, "用于网址的编号：小写英文字母、数字和 -"),
    Column(("名称", "党组织名称"), "name", text, "例如 青山村第一党支部"),
    Column(("类型",), "kind", choice(KIND_LABELS), "党总支、村党支部、机关党支部……"),
    Column(("所属党总支",), "parent", text, "党总支的编号或名称"),
    Column(("书记",), "secretary", text, "书记姓名"),
    Column(("积分制管理考核",), "assessments.{year}.points", number, "0–100"),
    Column(("年终目标考核",), "assessments.{year}.target", number, "0–100"),
    Column(("总分", "考核总分"), "assessments.{year}.score", number, "只有总分时填这一列"),
    Column(("分类定级",), "grade.{year}", text, "好、较好、一般、较差"),
    Column(("日常记实考核",), "duty_report.{year}.daily", number, "书记述职考核，0–100"),
    Column(("现场观摩考核",), "duty_report.{year}.onsite", number, "0–100"),
    Column(("年度综合考核",), "duty_report.{year}.annual", number, "0–100"),
    Column(("述职评议考核",), "duty_report.{year}.review", number, "0–100"),
)
COMMITMENT = (
    Column(("编号", "承诺编号"), "id", text, "全镇唯一的编号；新编号即新增承诺"),
    Column(("年度",), "year", year, "承诺所属年度；不填则按表名里的年份（如 2025公开承诺），再按承诺日期"),
    Column(
        ("承诺人",),
        "by",
        text,
        "党员、党组织或镇领导的编号（也可写姓名或名称）；镇党委本身写 committee 或镇党委名称",
    ),
    Column(
        ("承诺人编号",),
        "maker_id",
        text,
        "可不填：承诺人的编号（导出的台账里有）；写了它，承诺人一列只用来核对",
        stored=False,
    ),
    Column(
        ("所在党组织",),
        "maker_branch",
        text,
        "可不填：承诺人所在的党支部、党总支，或镇党委；承诺人写姓名又有重名时用它区分，并核对承诺人",
        stored=False,
    ),
    Column(("承诺内容",), "text", text, "承诺事项"),
    Column(("类别",), "category", text, "可不填"),
    Column(("承诺日期",), "made", date, "例如 2025-02-01"),
    Column(("完成时限", "计划完成日期"), "due", date, "例如 2025-12-01"),
    Column(("审核人",), "approved_by", text, "党组织书记姓名"),
    Column(("审核日期",), "approved_on", date, ""),
    Column(("状态",), "status", choice(STATUS_LABELS), "计划中、进行中、已兑现、未兑现"),
    Column(
        ("兑现日期",), "fulfilled_on", date, "状态为已兑现时必填；状态改为其他时清空这一格，兑现日期即去掉"
    ),
)
LEDGER = (
    Column(("党员编号", "编号"), "member", text, "党员编号（也可写姓名，不能重名）"),
    Column(("姓名",), "member_name", text, "可不填：填了就核对与党员编号是否同一人", stored=False),
    Column(("日期",), "date", date, "例如 2025-03-01"),
    Column(("事项",), "item", text, "例如 参加主题党日"),
    Column(("分值", "加减分"), "points", number, "加分为正，扣分为负"),
)


@frozen
class Kind:
    """A kind of sheet: its columns, the model of its records and how it is recognised."""

    name: str
    title: str
    columns: tuple[Column, ...]
    model: type[BaseModel]
    marks: tuple[str, ...]
    """Headers that together identify the kind."""


KINDS = (
    Kind("ledger", "积分台账", LEDGER, LedgerEntry, ("事项", "日期")),
    Kind("commitments", "公开承诺", COMMITMENT, Commitment, ("承诺内容",)),
    Kind("members", "党员", MEMBER, Member, ("姓名", "性别")),
    Kind("branches", "党组织", BRANCH, Branch, ("名称",)),
)
IMPORT_ORDER = ("branches", "members", "commitments", "ledger")
CHECKS = frozenset(column.key for kind in KINDS for column in kind.columns if not column.stored)
"""Keys of the columns that only check a row (所在党组织 of a commitment's maker, 姓名 beside a ledger's
member id): the export writes them beside the ids, so a sheet exported, edited and imported keeps them."""
_YEAR_HEADER = re.compile(r"^(\d{4})\s*年?度?\s*(.+)$")


def _kind_of(table: Table) -> Kind | None:
    """The kind whose marks the headers carry, else the kind the sheet is named for, else the kind that
    knows most of the headers."""
    headers = {_split_year(h)[1] for h in table.headers}
    marked = [kind for kind in KINDS if all(mark in headers for mark in kind.marks)]
    if marked:
        return marked[0]
    titled = next((kind for kind in KINDS if kind.title == _split_year(table.name)[1]), None)
    if titled is not None:  # (a 党员 sheet of 编号 and 姓名 alone was taken for a ledger)
        return titled
    known = {kind.name: sum(any(h in c.headers for c in kind.columns[1:]) for h in headers) for kind in KINDS}
    best = max(KINDS, key=lambda kind: known[kind.name])
    tied = sum(count == known[best.name] for count in known.values()) > 1
    # (a sheet of 编号 and 姓名 alone, named Sheet1, was taken for a ledger: 缺少日期, at no cell)
    return best if known[best.name] and not tied else None


def _split_year(header: str) -> tuple[int | None, str]:
    """A header's or a sheet's year at its start (2025年积分, 2025党员) and the rest; four digits that are no
    assessment year (1231公开承诺: a date) are no year."""
    match = _YEAR_HEADER.match(header)
    if match is None or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        return None, header.strip()
    return int(match.group(1)), match.group(2).strip()


_YEAR_IN_NAME = re.compile(r"(?<!\d)\d{4}(?!\d)(?!\s*[-./年月]\s*\d)")
"""Four digits standing alone in a name, not a date's (党员积分2026.1.5, 截至2026-01-05: the day it was
saved, not the year it is of)."""


def _name_year(name: str) -> int | None:
    """The year a sheet's name gives: at its start (the export's 2025党员), else a year standing alone in
    it (内部台账-2025: Excel and WPS name a sheet saved as CSV after its workbook, and the sheet's own
    title, 2025党员, is lost). None when it gives none, or two different ones."""
    start = _split_year(name)[0]
    if start is not None:
        return start
    years = {int(found) for found in _YEAR_IN_NAME.findall(name) if FIRST_YEAR <= int(found) <= LAST_YEAR}
    return years.pop() if len(years) == 1 else None


def _year_of(merge: _Merge, table: Table) -> int:
    """The year a sheet is of: its name's (:func:`_name_year`), else its title's above the headers, else
    ``--year`` or ``site.yml``'s."""
    return _name_year(table.name) or _name_year(table.caption or "") or merge.default_year


def _column_of(kind: Kind, header: str) -> Column | None:
    bare = _split_year(header)[1]
    return next((c for c in kind.columns if bare in c.headers or header in c.headers), None)


def _reads_all(kind: Kind, table: Table) -> bool:
    """Whether every header of ``table`` is a column of ``kind``."""
    return all(_column_of(kind, header) is not None for header in table.headers if header)


def _only_shown(merge: _Merge, table: Table) -> bool:
    """Whether ``table`` is a sheet of the office's export that the import does not read (汇总, 领导点评,
    讲师团 …): its title, less its year, and every header are the export's, and it is not one of the
    sheets the import reads (党组织, 党员, 公开承诺, 积分台账)."""
    bare = _split_year(table.name)[1]
    if bare in {kind.title for kind in KINDS}:
        return False
    headers = merge.exported(_year_of(merge, table)).get(bare)
    return headers is not None and all(header in headers for header in table.headers if header)


# The merge ------------------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.representer.add_representer(Decimal, _decimal)
    return yaml


def _decimal(representer: Any, value: Decimal) -> Any:
    written = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in written else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, written)


@dataclass
class Touched:
    """A record the import wrote, and where its values came from."""

    source: str
    """The spreadsheet's file name."""
    cells: dict[str, str]
    flawed: bool = False
    """A cell of its row was already reported: the record is not checked again (no echo of that cell)."""
    """Top-level record key → the cell it came from."""


@dataclass
class Outcome:
    """What an import did or would do."""

    problems: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    """Data files written (relative to the data folder)."""
    normalised: list[str] = field(default_factory=list)
    """Cells (``FILE:SHEET!CELL``) whose full-width characters were made half-width."""
    skipped: list[str] = field(default_factory=list)
    """What of the office's own export was not read, and why: sheets only to be read and printed, columns
    the program works out (星级, 得分 …). One line each."""
    years: dict[str, set[int]] = field(default_factory=dict)
    """Kind → the years its yearly columns (积分, 分类定级 …) were read as: the summary names them, so that
    a sheet taken for another year than the clerk's is seen before it is published."""

    def summary(self) -> str:
        parts = []
        for kind in KINDS:
            counts = [
                f"{label} {numbers[kind.name]}"
                for label, numbers in (("新增", self.added), ("修改", self.changed), ("未变", self.unchanged))
                if numbers.get(kind.name)
            ]
            if counts:
                years = "、".join(str(year) for year in sorted(self.years.get(kind.name, ())))
                parts.append(f"{kind.title}{f'（{years} 年度）' if years else ''}：{'，'.join(counts)}")
        return "；".join(parts) or "表格中没有数据"

    def normalised_note(self, shown: int = 10) -> str:
        """Which cells had full-width characters made half-width ("" when none)."""
        if not self.normalised:
            return ""
        cells = "、".join(self.normalised[:shown]) + ("等" if len(self.normalised) > shown else "")
        return f"已将 {len(self.normalised)} 个格子里的全角数字、字母或符号改为半角：{cells}"


class _Merge:
    """The data folder's files being edited in memory."""

    def exported(self, year_of: int) -> dict[str, frozenset[str]]:
        """The sheets :mod:`~noticeboard.office.spreadsheet_export` writes for ``year_of`` from these data, by
        title without its year (党员, 领导点评 …) → their headers.

        Why: a workbook exported, edited and imported again holds sheets and columns to show, not to
        import; they are named as such, not as mistakes. Made only when a sheet is not wholly one the import
        reads (building the boards takes a county a second), for the sheet's year: a workbook exported
        before ``new-year`` is imported after it."""
        if year_of not in self.export_headers:
            site = self.registry.site.model_copy(update={"year": year_of})
            boards = build_boards(
                dataclasses.replace(self.registry, site=site), site.as_of or dt.date.today()
            )
            self.export_headers[year_of] = {
                _split_year(sheet.title)[1]: frozenset(column.title for column in sheet.columns)
                for sheet in export_sheets(boards)
            }
        return self.export_headers[year_of]

    @functools.cached_property
    def named(self) -> dict[str, tuple[str, ...]]:
        """Name → the ids of the members, organisations and leaders so named, and the township committee
        under its own name: how a sheet (and the export) names them. Made once: a county's export names
        tens of thousands of makers, each of which would otherwise be looked for among 40,000 members."""
        registry = self.registry
        named: dict[str, list[str]] = {}
        for found, name in (
            *((member.id, member.name) for member in registry.members),
            *((branch.id, branch.name) for branch in registry.branches),
            *((leader.id, leader.name) for leader in registry.site.leaders),
            (COMMITTEE, registry.site.organisation),
        ):
            named.setdefault(name, []).append(found)
        return {name: tuple(ids) for name, ids in named.items()}

    def published_points(self, member_id: str, year_of: int) -> Decimal | None:
        """The points the boards publish for the member in ``year_of`` (rounded as they print them), if rated."""
        if year_of not in self.scores:
            results = rate_year(self.registry, year_of, self.registry.site.as_of or dt.date.today())
            self.scores[year_of] = {
                r.member.id: r.rating.score for r in results.members if r.rating is not None
            }
        return self.scores[year_of].get(member_id)

    def __init__(self, data_dir: Path, registry: Registry, default_year: int) -> None:
        self.data_dir = data_dir
        self.registry = registry
        self.default_year = default_year
        self.yaml = _yaml()
        self.docs: dict[str, CommentedSeq] = {}
        self.original: dict[str, str] = {}
        self.ids: dict[str, dict[str, int]] = {}
        """A file → its records' places by id (:meth:`places`)."""
        self.edited: set[str] = set()
        """Files a row added to or changed: only these are written out again (a county's are megabytes)."""
        self.touched: dict[tuple[str, int], Touched] = {}
        self.new_members: dict[str, str] = {}
        """Members this import adds → their branch, so later sheets may name them."""
        self.found_entries: set[tuple[str, int]] = set()
        """The ledger entries already in their files (file, place) that a row of this import is."""
        self.ledger_rows: dict[tuple[str, str, dt.date, str, Decimal], dict[tuple[str, str], int]] = {}
        """A ledger row's file and values → how many rows of each sheet of this import give it."""
        self.matched: dict[str, set[int]] = {}
        """A file → the places of its entries a row of this import is (an entry already there, or added)."""
        self.unmatched: dict[str, dict[tuple[str, Any, Any, Decimal], list[int]]] = {}
        """A ledger file → its entries already there by their values → their places not yet matched, in file
        order (:func:`_entry_there`)."""
        self.outcome = Outcome()
        self.scores: dict[int, dict[str, Decimal]] = {}
        """Year → member id → published points, made when points are imported (:meth:`published_points`)."""
        self.export_headers: dict[int, dict[str, frozenset[str]]] = {}
        """Year → the export's sheets and their headers, made when needed (:meth:`exported`)."""
        self.written_as: dict[str, tuple[bool, bool]] = {}
        """A file → whether it begins with a BOM and ends its lines with CRLF (Notepad's, Git for Windows'
        checkout): written back so, or every line of it would change."""
        self.given: dict[tuple[str, str], dict[str, tuple[Any, str, Any]]] = {}
        """(Kind, id) → each value a row of this import gave it, with its cell and what it names
        (:func:`_referent`): another sheet or file that gives it another one is refused (the last one was
        taken, the first lost without a word)."""

    def doc(self, relative: str, header: str) -> CommentedSeq:
        if relative not in self.docs:
            path = self.data_dir / relative
            raw = path.read_bytes() if path.exists() else b""
            text = raw.decode("utf-8-sig").replace("\r\n", "\n") if raw else header
            self.original[relative] = text
            self.written_as[relative] = (raw.startswith(codecs.BOM_UTF8), b"\r\n" in raw)
            loaded = self.yaml.load(text)
            self.docs[relative] = loaded if isinstance(loaded, CommentedSeq) else CommentedSeq()
        return self.docs[relative]

    @functools.cached_property
    def commitment_years(self) -> dict[str, int]:
        """Commitment id → the year whose file holds it."""
        return {c.id: year for year, items in self.registry.commitments.items() for c in items}

    def places(self, relative: str) -> dict[str, int]:
        """Id → the place of its record in the file (the first, if written twice), as :meth:`doc` read it
        and records were added. Why: looking each row's id up in a county's 20,000 commitments took minutes."""
        if relative not in self.ids:
            found: dict[str, int] = {}
            for place, item in enumerate(self.docs[relative]):
                if isinstance(item, dict):
                    found.setdefault(str(item.get("id")), place)
            self.ids[relative] = found
        return self.ids[relative]

    def cell_error(self, table: Table, row: Row, header: str, message: str) -> None:
        self.outcome.problems.append(f"{table.path.name}:{row.cells.get(header, table.name)}: {message}")

    def count(self, which: dict[str, int], kind: str) -> None:
        which[kind] = which.get(kind, 0) + 1


def import_files(paths: list[Path], data_dir: Path, year: int | None = None, write: bool = True) -> Outcome:
    """Import ``paths`` into ``data_dir``; writes nothing when any problem is found (or ``write`` is False)."""
    try:
        registry = load_township(data_dir)
    except RegistryError as error:
        return Outcome(problems=["数据有误，请先改正后再导入：", *(str(p) for p in error.problems)])
    merge = _Merge(data_dir, registry, year or registry.site.year)
    tables: list[tuple[int, Table, Kind]] = []
    for path in paths:
        shown: list[str] = []
        for table in read_tables(path):
            kind = _kind_of(table)
            if (kind is None or not _reads_all(kind, table)) and _only_shown(merge, table):
                shown.append(table.name)
                continue
            if kind is None:
                expected = "；".join(f"{k.title}表需要表头 {'、'.join(k.marks)}" for k in KINDS)
                titles = "、".join(k.title for k in KINDS)
                merge.outcome.problems.append(
                    f"{path.name}:{table.name}: 认不出是哪种表格：请把表名改为 {titles} 之一，或写上这种表格的表头（{expected}）"
                )
                continue
            tables.append((IMPORT_ORDER.index(kind.name), table, kind))
        if shown:
            merge.outcome.skipped.append(
                f"{path.name}: {'、'.join(shown)} 是导出台账里只供查看、打印的表，没有导入"
            )
    # Organisations before members before what names them, whatever order the files came in.
    for _, table, kind in sorted(tables, key=lambda item: item[0]):
        _import_table(merge, table, kind)
    for _, table, kind in tables:
        if kind.name == "ledger":
            _whole_ledger_kept(merge, table)
        else:
            _unlisted_told(merge, table, kind)
    texts = {name: _dump(merge.yaml, merge.docs[name]) for name in sorted(merge.edited)}
    changed = {name: text for name, text in texts.items() if text != merge.original[name]}
    parsed = _parse_changed(merge, changed)
    _validate_records(merge, parsed)
    _validate_whole(merge, changed, parsed)
    if merge.outcome.problems or not write:
        return merge.outcome
    for name, text in changed.items():
        target = data_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".importing")
        bom, crlf = merge.written_as.get(name, (False, False))
        partial.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="\r\n" if crlf else "\n")
        partial.replace(target)
    merge.outcome.files = sorted(changed)
    return merge.outcome


def _dump(yaml: YAML, doc: CommentedSeq) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _columns(merge: _Merge, table: Table, kind: Kind) -> dict[str, tuple[Column, int]]:
    """Header → (column, year) for the headers this kind knows; unknown headers are problems, but for the
    columns the office's export works out (notes). A column's year is its header's (2025年积分), else the
    sheet's (the export's 2025党员, imported after ``new-year``), else ``--year`` or ``site.yml``'s."""
    found: dict[str, tuple[Column, int]] = {}
    worked_out: list[str] = []
    for cell in table.headerless:
        merge.outcome.problems.append(
            f"{table.path.name}:{cell}: 这一列没有表头，写的内容不知道是哪一项；请在表头行写上表头，或删去这一列的内容"
        )
    for header in table.headers:
        if not header:
            continue
        given = _split_year(header)[0]
        column = _column_of(kind, header)
        if column is None and header in merge.exported(_year_of(merge, table)).get(kind.title, ()):
            worked_out.append(header)  # (星级, 得分 … of the office's own export)
            continue
        if column is None:
            known = "、".join(c.headers[0] for c in kind.columns)
            merge.outcome.problems.append(
                f"{table.path.name}:{table.header_cells[header]}: 不认识的表头“{header}”（{kind.title}表可用：{known}）"
            )
            continue
        year_of = given or _year_of(merge, table)
        twin = next((other for other, taken in found.items() if taken == (column, year_of)), None)
        if twin is not None:  # (the last one's values were imported, the first's lost without a word)
            merge.outcome.problems.append(
                f"{table.path.name}:{table.header_cells[header]}: 表头“{header}”与“{twin}”是同一列"
                "（同一年度的同一项）；请删去其中一列"
            )
            continue
        found[header] = (column, year_of)
        if "{year}" in column.key:
            merge.outcome.years.setdefault(kind.name, set()).add(year_of)
    if worked_out:
        merge.outcome.skipped.append(
            f"{table.path.name}:{table.name}: {'、'.join(worked_out)} 由程序按规则算出或从其他登记表汇总，没有导入"
            "（要改它们，请改所依据的积分、考核分或登记表）"
        )
    return found


def _import_table(merge: _Merge, table: Table, kind: Kind) -> None:
    columns = _columns(merge, table, kind)
    first_rows: dict[str, str] = {}
    """Id → the cell it was first written in: a row whose id comes again is refused (the last row was
    imported, the earlier ones lost without a word)."""
    # A progress bar on a terminal for long sheets (none in CI logs or when not a terminal).
    for row in progress(table.rows, desc=f"导入 {table.path.name} {table.name}", unit="行", at_least=500):
        values: dict[str, tuple[Any, str, int]] = {}
        bad = False
        for header, (column, year_of) in columns.items():
            raw = row.values.get(header)
            if raw is None:
                continue
            if isinstance(raw, str) and (column.convert in (number, date, year) or column.key in ID_KEYS):
                typed, raw = raw, half_width(raw, number=column.convert is number)
                if raw != typed:
                    merge.outcome.normalised.append(f"{table.path.name}:{row.cells[header]}")
            try:
                # (keyed with its year: 2024年积分 and 2025年积分 are two values, not the last of them)
                values[column.key.format(year=year_of)] = (column.convert(raw), header, year_of)
            except CellError as error:
                merge.cell_error(table, row, header, str(error))
                bad = True
        if "id" in values:  # (a ledger's rows have none: two alike are two entries)
            written, header, _ = values["id"]
            if written in first_rows:
                merge.cell_error(
                    table, row, header, f"编号“{written}”已在 {first_rows[written]} 写过；一个编号只能写一行"
                )
                continue
            first_rows[written] = row.cells[header]
            if _given_before(merge, table, row, (kind.name, written), values) != "new":
                continue  # (given otherwise: refused at its cell; given alike: already counted)
        before = len(merge.touched)  # (what the row touches first is last: a set of them all each row was
        # quadratic, 3 s of a 20,000-row ledger)
        # Even a row with a bad cell is merged (in memory only), so its references are checked too.
        {
            "members": _member_row,
            "branches": _branch_row,
            "commitments": _commitment_row,
            "ledger": _ledger_row,
        }[kind.name](merge, table, row, values)
        if bad:
            for key in itertools.islice(reversed(merge.touched), len(merge.touched) - before):
                merge.touched[key].flawed = True


def _given_before(
    merge: _Merge, table: Table, row: Row, record: tuple[str, str], values: Values
) -> Literal["new", "alike", "otherwise"]:
    """What other sheets of this import gave the record of ``row`` (a backup copy of a sheet left in the
    workbook, two files naming one member): ``otherwise`` when a value differs (refused at its cell, naming
    the other), ``alike`` when every value was given so before (the row is a copy), else ``new``."""
    given = merge.given.setdefault(record, {})
    seen: Literal["new", "alike", "otherwise"] = "alike"
    for key, (value, header, _) in values.items():
        cell = f"{table.path.name}:{row.cells[header]}"
        if key not in given:
            given[key] = (value, cell, _referent(merge, key, value, values))
            seen = "new" if seen == "alike" else seen
        elif given[key][2] != _referent(merge, key, value, values):
            earlier, where, _ = given[key]
            merge.cell_error(
                table,
                row,
                header,
                f"编号“{record[1]}”的{header}在 {where} 写的是“{_as_written(earlier)}”，这里是"
                f"“{_as_written(value)}”；同一次导入里只能写一个，请删去或改正其中一处",
            )
            seen = "otherwise"
    return seen


def _referent(merge: _Merge, key: str, value: Any, values: Values) -> Any:
    """Who or what a value names, for comparing two rows: an organisation or a person written by id in one
    sheet and by name in the other (the README allows both) is one, and a maker named beside its id (the
    export's 承诺人 and 承诺人编号: namesakes) is its id; any other value is itself."""
    if key == "by" and "maker_id" in values:
        return values["maker_id"][0]
    if key == "id" or key not in ID_KEYS or not isinstance(value, str):
        return value
    named = merge.named.get(value, ())
    return named[0] if len(named) == 1 else value


def _as_written(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


ID_KEYS = ("id", "member", "by", "branch", "parent", "maker_id", "maker_branch")
"""Columns holding an id (or a name standing for one): made half-width like numbers and dates."""

Values = dict[str, tuple[Any, str, int]]
"""Record key → (converted value, the header it came from, the column's year)."""


def _apply(
    merge: _Merge, record: CommentedMap, values: Values, skip: tuple[str, ...] = ()
) -> tuple[dict[str, str], bool]:
    """Write ``values`` into ``record`` (nested keys by year); return top-level key → header, and whether
    any value changed.

    A number equal to the one there is left as written: Excel keeps 90.0 as 90, and the export writes the
    file's 90 as the boards print it; either way the sheet did not change it."""
    sources: dict[str, str] = {}
    changed = False
    for key, (value, header, _) in values.items():
        if key in skip or key in CHECKS:
            continue
        path: list[str | int] = [int(part) if part.isdecimal() else part for part in key.split(".")]
        target = record
        for step in path[:-1]:
            if step not in target or not isinstance(target[step], dict):
                target[step] = CommentedMap()
                changed = True
            target = target[step]
        there = target.get(path[-1], _ABSENT)
        if value is _CLEARED:
            if there is not _ABSENT:
                del target[path[-1]]
                changed = True
        elif isinstance(value, Decimal) and _same_number(there, value):
            pass
        elif there is _ABSENT or there != value or isinstance(there, bool) is not isinstance(value, bool):
            target[path[-1]] = value
            changed = True
        sources[str(path[0])] = header
    return sources, changed


_ABSENT = object()
_CLEARED = object()
"""A value a row takes away (:func:`_fulfilment_undone`)."""


def _same_number(written: object, value: Decimal) -> bool:
    """Whether ``written`` (a value of the YAML file) is the number ``value``."""
    if isinstance(written, bool) or not isinstance(written, int | float | Decimal):
        return False
    try:
        return Decimal(str(written)) == value
    except InvalidOperation:
        return False


def _record(
    merge: _Merge,
    kind: str,
    relative: str,
    header: str,
    key: str,
    values: Values,
    where: tuple[Table, Row],
    skip: tuple[str, ...],
) -> None:
    table, row = where
    doc = merge.doc(relative, header)
    places = merge.places(relative)
    index = places.get(key) if key else None
    record = doc[index] if index is not None else CommentedMap()
    lost = [(k, record[k]) for k, (new, _, _) in values.items() if _characters_lost(record.get(k), new)]
    for lost_key, old in lost:
        merge.cell_error(
            table,
            row,
            values[lost_key][1],
            f"“{values[lost_key][0]}”里的 ? 是原来“{old}”里的字：表格另存为 CSV（GBK 编码）时，GBK 里没有的"
            "生僻字变成了 ?。请直接导入 .xlsx，或另存为“CSV UTF-8”后再导入",
        )
    if lost:
        return
    sources, changed = _apply(merge, record, values, skip)
    if index is None:
        doc.append(record)
        index = places[key] = len(doc) - 1
        merge.count(merge.outcome.added, kind)
    elif changed:
        merge.count(merge.outcome.changed, kind)
    else:
        merge.count(merge.outcome.unchanged, kind)
    if index is None or changed:
        merge.edited.add(relative)
    merge.touched[(relative, index)] = Touched(table.path.name, {k: row.cells[h] for k, h in sources.items()})


def _characters_lost(old: Any, new: Any) -> bool:
    """Whether ``new`` is ``old`` with some of its characters turned into ``?``: what Excel and WPS write
    for a character GBK has not (刘䶮 → 刘?) when they save a sheet as CSV on Chinese Windows."""
    return (
        isinstance(old, str)
        and isinstance(new, str)
        and "?" in new
        and len(old) == len(new)
        and old != new
        and all(a == b or b == "?" for a, b in zip(old, new, strict=True))
    )


def _branch_id(merge: _Merge, written: str) -> str | None:
    registry = merge.registry
    if written in registry.branch_by_id:
        return written
    named = [found for found in merge.named.get(written, ()) if found in registry.branch_by_id]
    return named[0] if len(named) == 1 else None


def _member_id(merge: _Merge, written: str) -> str | None:
    registry = merge.registry
    if written in registry.member_by_id or written in merge.new_members:
        return written
    named = [
        found
        for found in merge.named.get(written, ())
        if found in registry.member_by_id or found in merge.new_members
    ]
    return named[0] if len(named) == 1 else None


def _is_maker(merge: _Merge, written: str) -> bool:
    """Whether ``written`` is the id of someone who may make a commitment."""
    registry = merge.registry
    return (
        written in registry.member_by_id
        or written in merge.new_members
        or written in registry.branch_by_id
        or written == COMMITTEE
        or any(leader.id == written for leader in registry.site.leaders)
    )


def _organisation_of(merge: _Merge, maker: str) -> str:
    """A maker's own organisation, as 所在党组织 names it: a member's branch, an organisation itself, and
    "" (the township committee) for the committee and its leaders, as the boards group them."""
    registry = merge.registry
    if maker in registry.branch_by_id:
        return maker
    return registry.branch_of.get(maker) or merge.new_members.get(maker, "")


def _maker(merge: _Merge, written: str, organisation: str | None) -> str:
    """The id of the maker written as ``written`` (an id or a name) within ``organisation`` (所在党组织, an id
    or a name, when the sheet has one); raises :class:`CellError` naming what is wrong.

    Why the organisation: the export writes makers by name, and a township has namesakes (two 罗文斌 in
    two branches); it also catches a maker written against the wrong organisation."""
    registry = merge.registry
    within: str | None = None
    if organisation is not None:
        within = (
            "" if organisation in (COMMITTEE, registry.site.organisation) else _branch_id(merge, organisation)
        )
        if within is None:
            raise _OrganisationError(
                f"所在党组织“{organisation}”不是 branches.yml 中的党组织，也不是{registry.site.organisation}"
            )
    found = [written] if _is_maker(merge, written) else list(merge.named.get(written, ()))
    if within is not None:
        inside = [maker for maker in found if _organisation_of(merge, maker) == within]
        if found and not inside:
            raise CellError(f"承诺人“{written}”不在“{organisation}”；请核对承诺人和所在党组织")
        found = inside
    if not found:
        raise CellError(f"承诺人“{written}”不是党员、党组织或镇领导的编号、姓名或名称")
    if len(found) > 1:
        raise CellError(
            f"承诺人“{written}”有 {len(found)} 个同名（{'、'.join(found)}）；请写编号，或在“所在党组织”一列写明"
        )
    return found[0]


class _OrganisationError(CellError):
    """所在党组织 names no organisation (reported at its own cell)."""


MEMBERS_HEADER = "# yaml-language-server: $schema=../../docs/schema/members.schema.json\n# 党员名册；private 下的内容永不公开\n"


def _member_row(merge: _Merge, table: Table, row: Row, values: Values) -> None:
    if "id" not in values:
        merge.cell_error(table, row, _header_of(table, MEMBER[0]), "缺少党员编号")
        return
    member_id = values["id"][0]
    current = merge.registry.branch_of.get(member_id)
    branch = current
    if "branch" in values:
        written, header, _ = values["branch"]
        branch = _branch_id(merge, written)
        if branch is None or merge.registry.branch_by_id[branch].is_general:
            merge.cell_error(table, row, header, f"“{written}”不是 branches.yml 中的党支部（写编号或全称）")
            return
        if current is not None and branch != current:
            merge.cell_error(
                table,
                row,
                header,
                f"党员“{member_id}”在 {current} 的名册里；调动党支部请先在名册中移动这条记录",
            )
            return
    if branch is None:
        header = _header_of(table, MEMBER[8])
        if header == table.name:  # (no 党支部 column: most likely the id is mistyped, M00001 for m00001)
            close = closest_id(member_id, merge.registry.member_by_id)
            hint = f"，是不是“{close}”？" if close else "；"
            merge.cell_error(
                table,
                row,
                values["id"][1],
                f"编号“{member_id}”不在党员名册里{hint}新增党员要写所在党支部（加一列“党支部”）",
            )
        else:
            merge.cell_error(table, row, header, "新增党员要写所在党支部")
        return
    if not _points_kept(merge, table, row, values):
        return
    _record(
        merge,
        "members",
        f"members/{branch}.yml",
        MEMBERS_HEADER,
        member_id,
        values,
        (table, row),
        ("branch",),
    )
    if current is None:
        merge.new_members[member_id] = branch
    if "name" in values:  # (later sheets may name the member so: a new one, or one renamed everywhere)
        name = values["name"][0]
        if member_id not in merge.named.get(name, ()):
            merge.named[name] = (*merge.named.get(name, ()), member_id)


def _points_kept(merge: _Merge, table: Table, row: Row, values: Values) -> bool:
    """Drop the points the boards already publish for the member (what the export writes); refuse other
    points for a member whose year adds up from a ledger (积分台账). False: refused, reported at the cell.

    Why: the export writes each member's 年度积分 as the boards print it, rounded, and a ledger's total
    beside its entries. Imported again, an unchanged cell would write a total over the ledger (which
    validation refuses: a ledger or a total, not both) or a rounded 90.0 over the 89.95 the clerk wrote."""
    member_id = values["id"][0]
    for key, (points, header, year_of) in list(values.items()):
        if not key.startswith("points."):
            continue
        published = merge.published_points(member_id, year_of)
        if published is not None and points == published:
            del values[key]
        elif member_id in merge.registry.ledgers.get(year_of, {}):
            merge.cell_error(
                table,
                row,
                header,
                f"党员“{member_id}”{year_of} 年的积分由积分台账累计（公示为 {published} 分），不能直接改总分；"
                "请在积分台账里加减分",
            )
            return False
    return True


BRANCHES_HEADER = "# yaml-language-server: $schema=../docs/schema/branches.schema.json\n"


def _branch_row(merge: _Merge, table: Table, row: Row, values: Values) -> None:
    if "id" not in values:
        merge.cell_error(table, row, _header_of(table, BRANCH[0]), "缺少党组织编号")
        return
    if "parent" in values:
        written, header, year_of = values["parent"]
        parent = _branch_id(merge, written)
        if parent is None:
            merge.cell_error(table, row, header, f"“{written}”不是 branches.yml 中的党总支（写编号或全称）")
            return
        values["parent"] = (parent, header, year_of)
    _record(merge, "branches", "branches.yml", BRANCHES_HEADER, values["id"][0], values, (table, row), ())


def _commitment_row(merge: _Merge, table: Table, row: Row, values: Values) -> None:
    if "id" not in values:
        merge.cell_error(table, row, _header_of(table, COMMITMENT[0]), "缺少承诺编号")
        return
    organisation = values.get("maker_branch")
    given = values.get("maker_id") or values.get(
        "by"
    )  # (the id when the sheet has it: namesakes share a branch)
    if given is not None:
        written, header, year_of = given
        try:
            maker = _maker(merge, written, organisation[0] if organisation else None)
        except _OrganisationError as error:
            merge.cell_error(table, row, organisation[1] if organisation else header, str(error))
            return
        except CellError as error:
            merge.cell_error(table, row, header, str(error))
            return
        named = values.get("by")
        if (
            "maker_id" in values
            and named is not None
            and named[0] != maker
            and maker not in merge.named.get(named[0], ())
        ):
            merge.cell_error(
                table, row, named[1], f"承诺人“{named[0]}”与承诺人编号“{maker}”不是同一人；请核对"
            )
            return
        values["by"] = (maker, header, year_of)
    _fulfilment_undone(table, row, values)
    commitment_id = values["id"][0]
    # Its file: the 年度 written, else the file it is in, else its sheet's year (a row added to the export's
    # 2025公开承诺 made in December 2024 is one of 2025's), else its date's, else --year or site.yml's.
    existing = merge.commitment_years.get(commitment_id)
    chosen: int | None = values["year"][0] if "year" in values else existing
    if chosen is None:
        chosen = _name_year(table.name)
    if chosen is None:
        chosen = values["made"][0].year if "made" in values else merge.default_year
    year_of = chosen
    header = (
        f"# yaml-language-server: $schema=../../docs/schema/commitments.schema.json\n# {year_of} 年公开承诺\n"
    )
    _record(
        merge,
        "commitments",
        f"commitments/{year_of}.yml",
        header,
        commitment_id,
        values,
        (table, row),
        ("year",),
    )


FULFILLED_ON = next(column for column in COMMITMENT if column.key == "fulfilled_on")


def _fulfilment_undone(table: Table, row: Row, values: Values) -> None:
    """A row setting 状态 to another than 已兑现 with its 兑现日期 emptied takes the date away.

    Why: an empty cell leaves a value as it is, so a commitment wrongly marked 已兑现 could not be set
    back from the sheet: the date stayed, and the import refused the row (a date of fulfilment with no
    fulfilment). Emptied beside another 状态, the cell says what the clerk means."""
    header = _header_of(table, FULFILLED_ON)
    status = values.get("status")
    if (
        status is not None
        and status[0] != "fulfilled"
        and header in row.values
        and row.values[header] is None
    ):
        values["fulfilled_on"] = (_CLEARED, header, status[2])


def _ledger_row(merge: _Merge, table: Table, row: Row, values: Values) -> None:
    absent = [c for c in LEDGER if c.stored and c.key not in values]
    if absent:  # (a cell written but wrong, “三”应为数字, was reported where it was read: not also 缺少分值)
        missing = [c for c in absent if row.values.get(_header_of(table, c)) is None]
        if missing:
            merge.cell_error(table, row, _header_of(table, missing[0]), f"缺少{missing[0].headers[0]}")
        return
    written, header, _ = values["member"]
    member = _member_id(merge, written)
    if member is None:
        merge.cell_error(table, row, header, f"“{written}”不是党员编号，或有重名；请写党员编号")
        return
    values["member"] = (member, header, values["member"][2])
    known = merge.registry.member_by_id.get(member)
    # (the name in the data files, or the one this import's 党员 sheet gives: both are in ``named``)
    if (
        "member_name" in values
        and known is not None
        and member not in merge.named.get(values["member_name"][0], ())
    ):
        written, header, _ = values["member_name"]
        merge.cell_error(
            table, row, header, f"党员编号“{member}”是“{known.name}”，不是“{written}”；请核对编号和姓名"
        )
        return
    branch = merge.registry.branch_of.get(member) or merge.new_members[member]
    when: dt.date = values["date"][0]
    relative = f"points/{when.year}/{branch}.yml"
    doc = merge.doc(
        relative,
        f"# yaml-language-server: $schema=../../../docs/schema/points.schema.json\n# {when.year} 年积分台账\n",
    )
    entry = {key: value for key, (value, _, _) in values.items() if key not in CHECKS}
    # Two rows alike in one sheet are two entries (two sessions of a day); a row alike one of another sheet
    # or file of this import is a copy of it (a backup copy of the export's 积分台账 left in the workbook
    # added the whole ledger again), unless this sheet has more such rows than any other.
    signature = (relative, member, when, entry["item"], entry["points"])
    counts = merge.ledger_rows.setdefault(signature, {})
    sheet = (str(table.path), table.name)
    counts[sheet] = counts.get(sheet, 0) + 1
    if counts[sheet] <= max((n for other, n in counts.items() if other != sheet), default=0):
        return
    # A row already in the file (the same sheet imported again) is that entry, not a second one; two rows
    # alike in the sheets are two entries, each matched to an entry once.
    matched = merge.matched.setdefault(relative, set())
    same = _entry_there(merge, relative, doc, (member, when, entry["item"], entry["points"]))
    if same is not None:
        matched.add(same)
        merge.found_entries.add((relative, same))
        merge.count(merge.outcome.unchanged, "ledger")
        return
    record = CommentedMap()
    sources, _ = _apply(merge, record, values)
    doc.append(record)
    merge.edited.add(relative)
    matched.add(len(doc) - 1)
    merge.count(merge.outcome.added, "ledger")
    merge.touched[(relative, len(doc) - 1)] = Touched(
        table.path.name, {k: row.cells[h] for k, h in sources.items()}
    )


def _entry_there(merge: _Merge, relative: str, doc: Any, values: tuple[str, Any, Any, Decimal]) -> int | None:
    """The place of the first entry of the ledger file ``relative`` (its ``doc`` as read) with these values
    (member, date, item, points) that no row has matched yet, or None.

    Why an index: each row looked through the whole file for its entry, and a file grows by every row
    added: 20,000 rows took 55 s, 60,000 nine minutes (a helper's fuzzing); indexed once, a second."""
    index = merge.unmatched.get(relative)
    if index is None:
        index = merge.unmatched[relative] = {}
        for place, item in enumerate(doc):
            if isinstance(item, dict):
                try:
                    points = Decimal(str(item.get("points")))
                except InvalidOperation:  # (not an entry a row can be: validation reports it)
                    continue
                key = (str(item.get("member")), item.get("date"), item.get("item"), points)
                index.setdefault(key, []).append(place)
    places = index.get(values)
    return places.pop(0) if places else None


SHOWN_UNLISTED = 5
"""How many records missing from one of the export's sheets are named in the note about them."""


def _unlisted_told(merge: _Merge, table: Table, kind: Kind) -> None:
    """A note naming the records one of the export's sheets (2025党员, 2025公开承诺, 2025党组织) no longer
    lists: a row deleted there deletes nothing, and the clerk who deleted it to remove a member learns so.

    Why a note, not a problem: an import changes and adds records and never removes one; the others in the
    sheet are imported as they are."""
    year, title = _split_year(table.name)
    if year is None or title != kind.title:
        return  # (a sheet of its own, from a template: it lists what it changes)
    registry = merge.registry
    expected: dict[str, str]
    if kind.name == "members":
        expected, counted, where = (
            {m.id: m.name for m in registry.members},
            "名党员",
            "data/members/ 里的名册",
        )
    elif kind.name == "branches":
        expected, counted, where = {b.id: b.name for b in registry.branches}, "个党组织", "data/branches.yml"
    else:
        expected = {c.id: c.text for c in registry.commitments.get(year, ())}
        counted, where = "项承诺", f"data/commitments/{year}.yml"
    header = _header_of(table, kind.columns[0])
    listed = {str(row.values.get(header)) for row in table.rows}
    missing = [f"{found} {name}" for found, name in expected.items() if found not in listed]
    if missing:
        shown = "、".join(missing[:SHOWN_UNLISTED]) + ("等" if len(missing) > SHOWN_UNLISTED else "")
        merge.outcome.skipped.append(
            f"{table.path.name}:{table.name}: 表里少了 {len(missing)} {counted}（{shown}）；导入不删除记录，"
            f"它们没有改动（要删除，请直接改 {where}）"
        )


LEDGER_SHEET = "积分台账"
"""The title (after its year) of the export's sheet of a year's whole ledger."""

SHOWN_LOST = 20
"""How many ledger entries missing from the export's ledger sheet are named, one a line."""


def _whole_ledger_kept(merge: _Merge, table: Table) -> None:
    """The export's sheet of a year's whole ledger (2025积分台账) must still hold every entry of the year.

    Why: a ledger row has no id, so a row corrected in the sheet (3 分 → 5 分) is another entry, and the
    import adds it beside the first: the member's total gains both. A row deleted was left in the file
    without a word. The import adds entries and never changes or deletes one; an entry of the year that
    no row of the sheet is, is named at its line, and nothing is written."""
    year, title = _split_year(table.name)
    if year is None or LEDGER_SHEET not in title:
        return  # (a sheet of new entries, from the template: only adds)
    lost: list[str] = []
    kept = 0
    for branch in sorted({merge.registry.branch_of[m] for m in merge.registry.ledgers.get(year, {})}):
        relative = f"points/{year}/{branch}.yml"
        doc = merge.doc(relative, "")
        matched = merge.matched.get(relative, set())
        for place, item in enumerate(doc):
            kept += (relative, place) in merge.found_entries
            if place in matched or not isinstance(item, CommentedMap):
                continue
            words = " ".join(str(item.get(key)) for key in ("member", "date", "item", "points"))
            lost.append(f"data/{relative}:{item.lc.line + 1}: 这一条积分台账（{words} 分）")
    if lost and kept:  # (a sheet that has none of the year's entries is one of new entries, named alike)
        merge.outcome.problems.extend(
            f"{line}在 {table.path.name}:{table.name} 里没有了" for line in lost[:SHOWN_LOST]
        )
        listed = f"（上面列出前 {SHOWN_LOST} 条）" if len(lost) > SHOWN_LOST else ""
        merge.outcome.problems.append(
            f"{table.path.name}:{table.name}: 这 {len(lost)} 条台账{listed}表里没有：在表里改过或删去了，或是导出"
            "之后才记进文件的（请重新导出再改）。导入只新增台账行，不改也不删：改过的一行会成为另一条，两条都计分。"
            "要更正或删去一条，请直接改上面的文件；要加减分，请在表末另加一行（扣分写负数）。这张表若只是要新增的"
            "台账行，请把表名改得与导出的不同（例如“新增积分”）"
        )


def _header_of(table: Table, column: Column) -> str:
    return next((h for h in table.headers if _split_year(h)[1] in column.headers), table.name)


# Validation of the result -----------------------------------------------------------------------

MODELS: dict[str, type[BaseModel]] = {
    "members": Member,
    "branches": Branch,
    "commitments": Commitment,
    "points": LedgerEntry,
}


def _parse_changed(merge: _Merge, changed: dict[str, str]) -> dict[str, Document | None]:
    """Each file the import changed, parsed once (None, with its problems reported, when it cannot be)."""
    parsed: dict[str, Document | None] = {}
    for relative, text in changed.items():
        problems = Problems()
        doc = parse_yaml(text, merge.data_dir / relative, problems)
        if doc is None or not isinstance(doc.data, list):
            merge.outcome.problems.extend(str(p) for p in problems)
            doc = None
        parsed[relative] = doc
    return parsed


def _validate_records(merge: _Merge, parsed: dict[str, Document | None]) -> None:
    """Each record the sheet wrote, checked by its model; a problem names the cell it came from."""
    for (relative, index), touched in sorted(merge.touched.items()):
        doc = parsed.get(relative)
        if doc is None or touched.flawed:
            continue
        model = MODELS[relative.split("/")[0].removesuffix(".yml")]
        try:
            model.model_validate(doc.data[index])
        except ValidationError as error:
            touched.flawed = True  # reported here, with its cell: not again by the whole check
            for detail in error.errors(include_url=False):
                key = str(detail["loc"][0]) if detail["loc"] else ""
                _, message = explain(detail, doc, (index, *detail["loc"]), 1)
                cell = touched.cells.get(key) or next(iter(touched.cells.values()), "")
                merge.outcome.problems.append(f"{touched.source}:{cell}: {message}")


def _validate_whole(merge: _Merge, changed: dict[str, str], parsed: dict[str, Document | None]) -> None:
    """The merged data folder checked as a whole (cross-references, ranges), in a copy.

    A problem inside a record the sheet wrote is reported at the cell of the key it is
    about; any other problem at the file and line the data would have after the import.
    """
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "data"
        shutil.copytree(merge.data_dir, copy)
        for name, text in changed.items():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_text(text, encoding="utf-8")
        try:
            load_township(copy, root=copy)
        except RegistryError as error:
            cells = _cells_by_line(merge, parsed)
            for problem in error.problems:
                where = cells.get((problem.file, problem.line))
                if where is None:
                    merge.outcome.problems.append(f"导入后 data/{problem}")
                elif not where[1].flawed:  # a flawed record's problem was reported at its cell
                    merge.outcome.problems.append(f"{where[0]}: {problem.message}")


def _cells_by_line(
    merge: _Merge, parsed: dict[str, Document | None]
) -> dict[tuple[str, int], tuple[str, Touched]]:
    """(file, line) inside a record the sheet wrote → ``FILE:SHEET!CELL`` of the key on that line."""
    found: dict[tuple[str, int], tuple[str, Touched]] = {}
    for (relative, index), touched in merge.touched.items():
        doc = parsed.get(relative)
        if doc is None or not isinstance(doc.data[index], dict):
            continue
        start = doc.line_at((index,))
        end = doc.line_at((index + 1,)) if index + 1 < len(doc.data) else start + 10_000
        keys = sorted((doc.line_at((index, key)), str(key)) for key in doc.data[index])
        for line in range(start, end):
            key = next((k for at, k in reversed(keys) if at <= line), None)
            cell = touched.cells.get(key or "") or next(iter(touched.cells.values()), None)
            if cell is not None:
                found[(relative, line)] = (f"{touched.source}:{cell}", touched)
    return found


# Blank templates ---------------------------------------------------------------------------------

TEMPLATE_STAMP = dt.datetime(2025, 1, 1)


def write_templates(folder: Path) -> list[Path]:
    """One blank ``.xlsx`` per kind, its headers carrying the notes above: made from the columns
    the import reads, so a template never asks for what the import would not take."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = kind.title
        for index, column in enumerate(kind.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.headers[0])
            cell.font = Font(bold=True)
            if column.note:
                cell.comment = Comment(column.note, "组织办")
            sheet.column_dimensions[get_column_letter(index)].width = max(10, 2 * len(column.headers[0]) + 4)
        sheet.freeze_panes = "A2"
        book.properties.created = TEMPLATE_STAMP
        book.properties.creator = "noticeboard templates"
        buffer = io.BytesIO()
        book.save(buffer)
        path = folder / f"{kind.title}.xlsx"
        path.write_bytes(fixed_times(buffer.getvalue(), TEMPLATE_STAMP))
        written.append(path)
    return written
