"""表彰: 推先选优、逐级表彰 — who is proposed for an honour (拟表彰对象公示) and who was honoured (表彰名单).

Reads ``honours/<year>.yml``, ``branches.yml``, the members' files and ``site.yml`` (its notice and
supervision phone). Source: 推先选优，授旗评星 … 涌现出先进基层党组织和优秀共产党员，逐级表彰.

An honour is proposed (``proposed_on``), publicised for objections during its notice period — its own
``notice`` or, without one, the site's — and awarded (``awarded_on``); without ``awarded_on`` it is still
proposed. A member named here is named publicly by the nature of the board, whatever the privacy
settings say of the star boards; the open data names them without their member id, as 公开承诺 does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, make_figure, ordered_counts
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    CountyBoard,
    CountyColumn,
    HomeCard,
    PrintLink,
    ShareText,
    YearInput,
)
from noticeboard.boards.paper import (
    Poster,
    PrintContext,
    PrintPage,
    PrintRow,
    Widths,
    line_count,
    make_poster,
    row_height,
)
from noticeboard.boards.parts import OrgRef, chinese_date, org_ref
from noticeboard.boards.sheets import Column, Sheet
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.errors import Problem, Problems, display_path
from noticeboard.registries.frozen import frozen
from noticeboard.registries.messages import closest, closest_id
from noticeboard.registries.models.common import Day, Record, Slug, Text, as_text
from noticeboard.registries.reading import Located, Registry
from noticeboard.registries.record_files import Known, RecordFile

# --- The data: one honour (a record of honours/<year>.yml) ------------------------------------------

LEVEL_LABELS: dict[str, str] = {
    "township": "镇级",
    "county": "县级",
    "city": "市级",
    "province": "省级",
    "national": "全国",
}
"""The levels of an honour, lowest first, and their words on the boards."""
_LEVEL_WORDS = {**{label: key for key, label in LEVEL_LABELS.items()}, "国家级": "national"}
"""What the office may write instead of the key (镇级 → township)."""

TITLES = ("先进基层党组织", "优秀共产党员", "优秀党务工作者")
"""The seed's titles, which lead the board in this order; other titles follow in the order first written."""


def _level(value: Any) -> Any:
    """``county``, or as the office writes it: 县级 (also 国家级 for national)."""
    if isinstance(value, str):
        return _LEVEL_WORDS.get(value.strip(), value.strip())
    return as_text(value)


def _words(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else as_text(value)


Words = Annotated[str | None, BeforeValidator(_words), WithJsonSchema({"type": "string", "minLength": 1})]
"""Text checked by the cross-check (so a message names the field as this board means it)."""
Level = Annotated[
    str | None,
    BeforeValidator(_level),
    WithJsonSchema({"enum": [*LEVEL_LABELS, *_LEVEL_WORDS]}),
]


class HonourNotice(Record):
    """An honour's own notice period (公示期)."""

    start: Day = Field(description="公示开始日期，例如 2025-06-21")
    days: int | None = Field(
        None, ge=1, le=366, description="公示天数（含开始当天）；不写则与 site.yml 的公示天数相同"
    )


REQUIRED = ("id", "title", "who", "by", "level", "proposed_on")
"""Keys every honour has. The model lets the words and the date be missing so that the cross-check says
so in this board's terms (表彰单位, not another file's meaning of ``by``); the schema requires them."""


def _schema(schema: dict[str, Any]) -> None:
    """The JSON Schema as editors should see it: the required keys required, never null."""
    schema["additionalProperties"] = False
    schema["required"] = list(REQUIRED)
    properties = schema["properties"]
    for key in REQUIRED:
        prop = properties[key]
        prop.pop("default", None)
        for choice in prop.pop("anyOf", ()):
            if choice.get("type") != "null":
                prop.update(choice)


class Honour(Record):
    """One honour: proposed (拟表彰), publicised, and awarded (表彰) once ``awarded_on`` is written."""

    model_config = ConfigDict(json_schema_extra=_schema)

    id: Slug = Field(description="编号，全镇唯一，例如 h2025-001")
    title: Words = Field(
        None, description="荣誉称号：先进基层党组织、优秀共产党员、优秀党务工作者，或其他称号"
    )
    who: Words = Field(None, description="表彰对象：党员编号（例如 m00001）或党组织编号（例如 qingshan-1）")
    by: Words = Field(None, description="表彰单位，例如 青山镇党委")
    level: Level = Field(
        None,
        description="表彰级别：township（镇级）、county（县级）、city（市级）、province（省级）、national（全国）；"
        "也可写 镇级、县级、市级、省级、全国",
    )
    proposed_on: Day | None = Field(None, description="拟表彰日期（公示拟表彰对象的日期），例如 2025-06-20")
    notice: HonourNotice | None = Field(
        None, description="本项的公示期 {start: 开始日期, days: 天数}；不写则按 site.yml 的公示期"
    )
    awarded_on: Day | None = Field(None, description="表彰日期；不写表示尚在拟表彰（公示）阶段")
    reason: Text | None = Field(None, description="主要事迹（一行），例如 带领群众发展油茶产业")


def check_honours(located: Sequence[Located[Honour]], known: Known, problems: Problems) -> None:
    """Every honour of every year: its required words, its level, whom it names, its dates, a unique id."""
    first: dict[str, Located[Honour]] = {}
    for item in located:
        honour = item.record
        earlier = first.setdefault(honour.id, item)
        if earlier is not item:
            where = f"{display_path(earlier.path, problems.root)}:{earlier.line('id')}"
            problems.add(
                item.path, item.line("id"), f"表彰编号“{honour.id}”重复，已在 {where} 使用；编号必须唯一"
            )
        for keys, message in _problems(honour, known):
            problems.add(item.path, item.line(*keys), message)


REQUIRED_WORDS = (
    ("title", "荣誉称号", "优秀共产党员"),
    ("who", "表彰对象", "m00001（党员编号）或 qingshan-1（党组织编号）"),
    ("by", "表彰单位", "青山镇党委"),
    ("level", "表彰级别", "township（镇级）"),
    ("proposed_on", "拟表彰日期", "2025-06-20"),
)


def _problems(honour: Honour, known: Known) -> list[tuple[tuple[str, ...], str]]:
    """What is wrong with one honour on its own and against the registry: (keys of the line, message)."""
    found: list[tuple[tuple[str, ...], str]] = [
        ((key,), f"缺少{label} {key}，例如 {key}: {example}")
        for key, label, example in REQUIRED_WORDS
        if not getattr(honour, key)
    ]
    if honour.level and honour.level not in LEVEL_LABELS:
        found.append((("level",), _level_message(honour.level)))
    who = honour.who
    if who and not _known(who, known):
        close = closest_id(who, [*known.members, *known.branches])
        hint = f"，是不是“{close}”？" if close else ""
        found.append((("who",), f"表彰对象“{who}”既不是党员编号，也不是 branches.yml 里的党组织编号{hint}"))
    if honour.reason and "\n" in honour.reason:
        found.append((("reason",), "主要事迹 reason 只写一行（公示栏上每项一行），请删去换行"))
    proposed = honour.proposed_on
    if proposed and honour.awarded_on and honour.awarded_on < proposed:
        found.append(
            (
                ("awarded_on",),
                f"表彰日期 awarded_on（{chinese_date(honour.awarded_on)}）早于拟表彰日期 proposed_on"
                f"（{chinese_date(proposed)}）：应先公示拟表彰对象，再表彰",
            )
        )
    year = known.site.year if known.site is not None else None
    for key in ("proposed_on", "awarded_on"):  # (2027 for 2025 was published, and counted as 已表彰)
        day = getattr(honour, key)
        if year is not None and day is not None and day.year > year + 1:
            found.append(
                (
                    (key,),
                    f"{'拟表彰日期' if key == 'proposed_on' else '表彰日期'} {key}（{chinese_date(day)}）在 "
                    f"{year + 1} 年之后（site.yml 的 year 是 {year}）；请核对年份",
                )
            )
    if proposed and honour.notice and honour.notice.start < proposed:
        found.append(
            (
                ("notice", "start"),
                f"公示开始日期 start（{chinese_date(honour.notice.start)}）早于拟表彰日期 proposed_on"
                f"（{chinese_date(proposed)}）：确定拟表彰对象后才能公示",
            )
        )
    return found


def _known(who: str, known: Known) -> bool:
    """Whether ``who`` is a member or an organisation (or may be one whose record failed to load)."""
    if who in known.members or who in known.branches:
        return True
    return known.may_exist("members", who) or known.may_exist("branches", who)


def _level_message(written: str) -> str:
    choices = "、".join(f"{key}（{label}）" for key, label in LEVEL_LABELS.items())
    close = closest(written, list(LEVEL_LABELS)) or _LEVEL_WORDS.get(
        closest(written, list(_LEVEL_WORDS)) or ""
    )
    hint = f"，是不是“{close}”（{LEVEL_LABELS[close]}）？" if close else ""
    return f"表彰级别 level“{written}”不是可选的值，应为 {choices} 之一{hint}"


HONOURS_FILE = RecordFile(
    "honours",
    Honour,
    "honours/ 里只放各年度的表彰（推先选优），文件名是年份，例如 2025.yml",
    check_honours,
)

# --- The board: what every output shows -------------------------------------------------------------


@frozen
class NoticePeriod:
    """A notice period (公示期): first and last day, inclusive, and whether it is the honour's own."""

    start: dt.date
    days: int
    own: bool

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def text(self) -> str:
        """``2026年1月5日至1月11日（7 天）`` (the year again only when the period crosses into the next)."""
        end = self.end
        last = chinese_date(end) if end.year != self.start.year else f"{end.month}月{end.day}日"
        return f"{chinese_date(self.start)}至{last}（{self.days} 天）"

    @property
    def printed(self) -> str:
        """On paper, in a narrow column: ``2026.1.5`` and ``至 2026.1.11`` on two lines."""
        return f"{_dotted(self.start)}\n至 {_dotted(self.end)}"

    @property
    def start_iso(self) -> str:
        return self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.end.isoformat()


def _dotted(day: dt.date) -> str:
    return f"{day.year}.{day.month}.{day.day}"


@frozen
class HonourRow:
    """One honour as the boards show it."""

    id: str
    year: int
    title: str
    name: str
    """The member's name, or the organisation's."""
    of_member: bool
    org: OrgRef
    """The member's branch, or the honoured organisation itself."""
    by: str
    level: str
    level_label: str
    proposed_on: dt.date
    notice: NoticePeriod | None
    """Proposed: its own period or the site's. Awarded: its own, if written."""
    awarded_on: dt.date | None
    reason: str | None

    @property
    def awarded(self) -> bool:
        return self.awarded_on is not None

    @property
    def within(self) -> str:
        """所在党组织: a member's branch; for an organisation, the 党总支 it belongs to (or —)."""
        if self.of_member:
            return self.org.name
        return self.org.parent_name or "—"

    @property
    def awarding(self) -> str:
        """表彰单位 with the level: ``青山镇党委（镇级）``."""
        return f"{self.by}（{self.level_label}）"

    @property
    def status(self) -> str:
        return "已表彰" if self.awarded else "拟表彰"

    @property
    def state_text(self) -> str:
        """Where it stands, in words: ``2025年7月1日表彰`` or ``拟表彰，公示期 2026年1月5日至1月11日（7 天）``."""
        if self.awarded_on is not None:
            return f"{chinese_date(self.awarded_on)}表彰"
        assert self.notice is not None
        return f"拟表彰，公示期 {self.notice.text}"

    @property
    def state_lead(self) -> str:
        """Before a proposed honour's notice period on a branch page: ``拟表彰，公示期``."""
        return f"{self.status}，公示期"

    @property
    def awarded_text(self) -> str:
        return chinese_date(self.awarded_on)


@frozen
class HonourGroup:
    """The honours of one title (优秀共产党员 …) in one part of the board."""

    key: str
    """Its anchor: ``proposed-1``, ``awarded-2`` …"""
    title: str
    rows: tuple[HonourRow, ...]

    @property
    def unit(self) -> str:
        """名 for people, 个 for organisations (or a title given to both)."""
        return "名" if all(row.of_member for row in self.rows) else "个"

    @property
    def heading(self) -> str:
        return f"{self.title}（{len(self.rows)} {self.unit}）"

    @property
    def count(self) -> str:
        return f"{self.title} {len(self.rows)} {self.unit}"


@frozen
class HonoursBoard:
    """表彰 of one year: 拟表彰对象公示 (not yet awarded) and 表彰名单 (awarded), each grouped by title."""

    year: int
    current: bool
    proposed: tuple[HonourGroup, ...]
    awarded: tuple[HonourGroup, ...]
    office: str
    phone: str | None

    @property
    def proposed_rows(self) -> tuple[HonourRow, ...]:
        return tuple(row for group in self.proposed for row in group.rows)

    @property
    def awarded_rows(self) -> tuple[HonourRow, ...]:
        return tuple(row for group in self.awarded for row in group.rows)

    @property
    def rows(self) -> tuple[HonourRow, ...]:
        return self.proposed_rows + self.awarded_rows

    @property
    def counts(self) -> str:
        """``拟表彰对象 3 项，已表彰 12 项``."""
        return f"拟表彰对象 {len(self.proposed_rows)} 项，已表彰 {len(self.awarded_rows)} 项"

    @property
    def summary(self) -> str:
        """``2025 年度拟表彰对象 3 项，已表彰 12 项。`` (a part with none left out)."""
        parts = (("拟表彰对象", self.proposed_rows), ("已表彰", self.awarded_rows))
        return (
            f"{self.year} 年度" + "，".join(f"{words} {len(rows)} 项" for words, rows in parts if rows) + "。"
        )

    @property
    def proposed_heading(self) -> str:
        return f"拟表彰对象公示（{len(self.proposed_rows)} 项）"

    @property
    def awarded_heading(self) -> str:
        return f"表彰名单（{len(self.awarded_rows)} 项）"

    @property
    def proposed_note(self) -> str:
        """What the 拟表彰对象公示 asks of its readers: objections during each one's period, to whom."""
        phone = f"（监督电话 {self.phone}）" if self.phone else ""
        return (
            f"下列对象拟予表彰，现予公示，公示期见各项。公示期内对拟表彰对象有异议的，请向{self.office}反映{phone}；"
            "公示期满无异议的，按程序予以表彰。"
        )

    @property
    def rule(self) -> str:
        return RULE


RULE = (
    "推先选优、逐级表彰：先进基层党组织、优秀共产党员和优秀党务工作者由党组织逐级推荐、审核，"
    "拟表彰对象先行公示，公示期满无异议的予以表彰。"
)


@frozen
class BranchHonours:
    """A branch page's part: the honours of the branch itself and of its members, proposed first."""

    rows: tuple[HonourRow, ...]
    board_link: str = "全镇表彰（推先选优）"
    """The words of its link to the township's board."""


def honours_board(registry: Registry, year: int, current: bool) -> HonoursBoard | None:
    records: tuple[Honour, ...] = registry.yearly_records.get("honours", {}).get(year, ())
    if not records:
        return None
    notice = registry.site.notice
    rows = [_row(registry, honour, year, notice.start, notice.days) for honour in records]
    return HonoursBoard(
        year,
        current,
        _groups("proposed", [row for row in rows if not row.awarded]),
        _groups("awarded", [row for row in rows if row.awarded]),
        registry.site.office,
        notice.phone,
    )


def _row(registry: Registry, honour: Honour, year: int, start: dt.date, days: int) -> HonourRow:
    assert honour.title and honour.who and honour.by and honour.level and honour.proposed_on  # checked
    member = registry.member_by_id.get(honour.who)
    branch = registry.branch_by_id[registry.branch_of[honour.who] if member else honour.who]
    own = honour.notice
    notice = NoticePeriod(own.start, own.days or days, True) if own else None
    if notice is None and honour.awarded_on is None:
        notice = NoticePeriod(start, days, False)
    return HonourRow(
        id=honour.id,
        year=year,
        title=honour.title,
        name=member.name if member else branch.name,
        of_member=member is not None,
        org=org_ref(registry, branch),
        by=honour.by,
        level=honour.level,
        level_label=LEVEL_LABELS[honour.level],
        proposed_on=honour.proposed_on,
        notice=notice,
        awarded_on=honour.awarded_on,
        reason=honour.reason,
    )


_LEVEL_RANK = {key: rank for rank, key in enumerate(LEVEL_LABELS)}


def _groups(part: str, rows: Sequence[HonourRow]) -> tuple[HonourGroup, ...]:
    """By title (the seed's titles first), and within a title the highest level first, then as written."""
    titles = [title for title in TITLES if any(row.title == title for row in rows)]
    titles += list(dict.fromkeys(row.title for row in rows if row.title not in titles))
    return tuple(
        HonourGroup(
            f"{part}-{index}",
            title,
            tuple(
                sorted((row for row in rows if row.title == title), key=lambda row: -_LEVEL_RANK[row.level])
            ),
        )
        for index, title in enumerate(titles, start=1)
    )


# --- The kind ---------------------------------------------------------------------------------------

HONOUR_CHARS: dict[str, Widths] = {"portrait": (9, 8, 14, 7), "landscape": (14, 13, 21, 12)}
"""Characters per line of the printed table's columns (widths in print.css, ``nb-sheet__table--honours``)."""


class HonoursKind(BoardKind):
    key: ClassVar[str] = "honours"
    objection: ClassVar[str] = "对拟表彰对象有异议的"
    title: ClassVar[str] = "表彰"
    order: ClassVar[int] = 100
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "honours",
            "表彰",
            "honours/",
            (
                CountyColumn("拟表彰", ("boards", "honours", "proposed")),
                CountyColumn("已表彰", ("boards", "honours", "awarded"), printed="已表彰"),
                CountyColumn("其中党员", ("boards", "honours", "members")),
                CountyColumn("其中党组织", ("boards", "honours", "organisations")),
            ),
            chart=1,
            note="本年度的表彰：拟表彰对象（公示期未开始、正在公示或已结束而尚未表彰的）和已表彰的；党员和党组织为已表彰的",
            order=100,
            printed_note="本年度已表彰的党员和党组织",
        ),
    )
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "honours": ("honours/{year}.yml", "branches.yml", "members/", "site.yml"),
        "branch": ("honours/{year}.yml",),
    }
    record_files: ClassVar[tuple[RecordFile, ...]] = (HONOURS_FILE,)

    def build(self, given: YearInput) -> HonoursBoard | None:
        return honours_board(given.registry, given.year, given.current)

    def pages(self, view: Any, board: HonoursBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("honours", _print_label(board)),) if board.current else ()
        return (
            BoardPage(
                "honours",
                "honours.md",
                "表彰",
                board,
                partials=("partials/nb/honours-board.html",),
                prints=prints,
                year_link="表彰（推先选优）",
            ),
        )

    def branch_sections(self, view: Any, board: HonoursBoard, branch_id: str) -> Sequence[BranchSection]:
        rows = tuple(row for row in board.rows if row.org.id == branch_id)
        return (BranchSection(70, "partials/nb/branch-honours.html", BranchHonours(rows)),) if rows else ()

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, HonoursBoard)
        return ShareText(f"表彰（{board.year} 年度）", (board.counts,))

    def home_card(self, boards: Any, board: HonoursBoard) -> HomeCard:
        line = f"拟表彰对象 {len(board.proposed_rows)} 项 · 已表彰 {len(board.awarded_rows)} 项"
        return HomeCard("表彰", line, "honours")

    def print_pages(self, boards: Any, board: HonoursBoard, printing: PrintContext) -> Sequence[PrintPage]:
        url = printing.live("honours", "")
        posters = []
        if board.proposed:
            posters.append(_proposed_poster(board, printing.organisation, url, printing))
        if board.awarded:
            posters.append(_awarded_poster(board, printing.organisation, url, printing))
        label = _print_label(board)
        return (PrintPage("honours", f"打印：{label}", label, ("honours", ""), tuple(posters)),)

    def rollup(self, board: HonoursBoard) -> Mapping[str, object]:
        """Honours proposed and awarded in the year; those awarded to members and to organisations."""
        awarded = board.awarded_rows
        return {
            "proposed": len(board.proposed_rows),
            "awarded": len(awarded),
            "members": sum(row.of_member for row in awarded),
            "organisations": sum(not row.of_member for row in awarded),
        }

    def open_data(self, board: HonoursBoard) -> Mapping[str, object]:
        """``honours.json``: every honour of the year, proposed or awarded; a member by name, no member id."""
        return {"honours.json": [_json(row) for row in board.rows]}

    def open_data_without_board(self, year: int) -> Mapping[str, object]:
        return {"honours.json": []}

    def snapshot(self, boards: Any, board: HonoursBoard) -> Mapping[str, Entry]:
        return {
            row.id: Entry(
                f"{row.title}：{row.name}",
                {
                    "状态": row.status,
                    "表彰单位": row.awarding,
                    "公示期": row.notice.text if row.notice and not row.awarded else "—",
                    "表彰日期": row.awarded_text or "—",
                },
            )
            for row in board.rows
        }

    def sheets(self, boards: Any, board: HonoursBoard) -> Sequence[Sheet]:
        sheet = Sheet(
            f"{board.year}表彰",
            (
                Column("编号", 12),
                Column("荣誉称号", 18),
                Column("表彰对象", 20),
                Column("所在党组织", 26),
                Column("表彰单位", 18),
                Column("级别", 6),
                Column("拟表彰日期", 12),
                Column("公示开始", 12),
                Column("公示结束", 12),
                Column("表彰日期", 12),
                Column("状态", 8),
                Column("主要事迹", 40),
            ),
            [
                (
                    row.id,
                    row.title,
                    row.name,
                    row.within,
                    row.by,
                    row.level_label,
                    row.proposed_on,
                    row.notice.start if row.notice else None,
                    row.notice.end if row.notice else None,
                    row.awarded_on,
                    row.status,
                    row.reason,
                )
                for row in board.rows
            ],
            position=100,
        )
        return (sheet,)

    def figures(self, boards: Any, board: HonoursBoard) -> Sequence[Figure]:
        """The year's honours awarded, by title and by level (the proposed are not yet honours)."""
        awarded = board.awarded_rows
        note = f"尚未表彰的拟表彰对象 {len(board.proposed_rows)} 项不计入" if board.proposed_rows else None
        titles = Counter(row.title for row in awarded)
        levels = Counter(row.level_label for row in awarded)
        order = [group.title for group in board.awarded]
        return (
            make_figure(
                "honours_titles",
                f"表彰（{board.year} 年度）：按荣誉称号",
                "项",
                ordered_counts(titles, order),
                note=note,
            ),
            make_figure(
                "honours_levels",
                f"表彰（{board.year} 年度）：按级别",
                "项",
                ordered_counts(levels, LEVEL_LABELS.values()),
                note=note,
            ),
        )

    def reminders(self, boards: Any, view: Any, board: HonoursBoard) -> Sequence[Problem]:
        """An honour awarded before its own notice period ended; a proposed honour whose period has ended
        with no award written; a proposed honour in the site's period that began before it was proposed
        (so it was publicised for less than the period)."""
        registry: Registry = boards.registry
        rows = {row.id: row for row in board.rows}
        site = registry.site.notice
        found = []
        for place in registry.record_places.get(self.key, ()):
            row = rows.get(place.located.record.id)
            if row is None:  # another year's
                continue
            who = f"{row.name}的“{row.title}”"
            notice = row.notice
            if notice is None:
                continue
            if row.awarded_on is not None and row.awarded_on <= notice.end:
                message = (
                    f"提醒：{who}在 {chinese_date(row.awarded_on)} 表彰，而公示期到 {chinese_date(notice.end)} "
                    "才结束：应在公示期满、没有异议后再表彰"
                )
                found.append(Problem(place.file, place.line("awarded_on"), message))
            if row.awarded_on is None and notice.end < boards.as_of:
                message = (
                    f"提醒：拟表彰{who}的公示期已于 {chinese_date(notice.end)} 结束，还没有写表彰日期 awarded_on"
                    "（已表彰的写上日期，不予表彰的从名单中删去）"
                )
                found.append(Problem(place.file, place.line("id"), message))
            if row.awarded_on is None and not notice.own and site.start < row.proposed_on:
                message = (
                    f"提醒：拟表彰{who}的拟表彰日期 {chinese_date(row.proposed_on)} 晚于全镇公示期的开始日期 "
                    f"{chinese_date(site.start)}，公示不足 {site.days} 天：请为它写自己的公示期 notice"
                )
                found.append(Problem(place.file, place.line("proposed_on"), message))
        return found

    def counts(self, boards: Any, board: HonoursBoard) -> str:
        return f"表彰：{board.counts}"


def _print_label(board: HonoursBoard) -> str:
    parts = [
        name for name, rows in (("拟表彰对象公示栏", board.proposed), ("表彰名单", board.awarded)) if rows
    ]
    return "和".join(parts)


def _json(row: HonourRow) -> dict[str, object]:
    notice = row.notice
    return {
        "id": row.id,
        "year": row.year,
        "title": row.title,
        "status": "awarded" if row.awarded else "proposed",
        "subject_kind": "member" if row.of_member else "organisation",
        "name": row.name,
        "organisation": row.org.id,
        "organisation_name": row.org.name,
        "by": row.by,
        "level": row.level,
        "proposed_on": json_values.date(row.proposed_on),
        "notice": {
            "start": json_values.date(notice.start),
            "end": json_values.date(notice.end),
            "days": notice.days,
            "own": notice.own,
        }
        if notice
        else None,
        "awarded_on": json_values.date(row.awarded_on),
        "reason": row.reason,
    }


def _who(row: HonourRow) -> str:
    """The first column on paper: the name, and under it where they belong."""
    return f"{row.name}\n{row.within}" if row.of_member or row.org.parent_name else row.name


def _rows(groups: Sequence[HonourGroup], last: str, orientation: str) -> list[PrintRow]:
    widths = HONOUR_CHARS[orientation]
    out: list[PrintRow] = []
    for group in groups:
        out.append(PrintRow((group.heading,), heading=True))
        for row in group.rows:
            tail = row.notice.printed if last == "notice" and row.notice else _dotted_or_dash(row.awarded_on)
            cells = (_who(row), row.awarding, row.reason or "—", tail)
            out.append(_wrapped(cells, widths))
    return out


def _dotted_or_dash(day: dt.date | None) -> str:
    return _dotted(day) if day else "—"


def _wrapped(cells: tuple[str, ...], widths: Widths) -> PrintRow:
    """A row whose cells may hold line breaks (print.css keeps them): each line wraps on its own."""
    wrapped = max(
        sum(line_count(part, width or len(part) or 1) for part in cell.split("\n"))
        for cell, width in zip(cells, widths, strict=True)
    )
    return PrintRow(cells, lines=row_height(wrapped))


def _counts_line(groups: Sequence[HonourGroup]) -> str:
    return "，".join(group.count for group in groups)


def _proposed_poster(board: HonoursBoard, organisation: str, url: str, printing: PrintContext) -> Poster:
    rows = board.proposed_rows
    return make_poster(
        "honours-proposed",
        "拟表彰对象公示栏",
        organisation,
        board.year,
        ("拟表彰对象", "表彰单位（级别）", "主要事迹", "公示期"),
        f"拟表彰对象 {len(rows)} 项：{_counts_line(board.proposed)}。{board.proposed_note}",
        board.rule,
        url,
        _rows(board.proposed, "notice", "portrait"),
        _rows(board.proposed, "notice", "landscape"),
        layout="honours",
        rated=False,
    )


def _awarded_poster(board: HonoursBoard, organisation: str, url: str, printing: PrintContext) -> Poster:
    rows = board.awarded_rows
    return make_poster(
        "honours-awarded",
        "表彰名单",
        organisation,
        board.year,
        ("受表彰对象", "表彰单位（级别）", "主要事迹", "表彰日期"),
        f"{board.year} 年度已表彰 {len(rows)} 项：{_counts_line(board.awarded)}。",
        board.rule,
        url,
        _rows(board.awarded, "awarded", "portrait"),
        _rows(board.awarded, "awarded", "landscape"),
        layout="honours",
        rated=False,
    )


KIND = HonoursKind()
