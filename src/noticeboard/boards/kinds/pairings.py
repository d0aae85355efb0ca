"""结对共创（五联五创）公示: who is paired with whom under a 共创协议, whether the agreement was signed or
renewed in the year, what the pair did and the money invested.

Reads ``pairings.yml`` (declared here: a list of pairs) and ``branches.yml``. The source report has
county departments (县直部门) pair with village 党总支, and township stations (乡镇站所) pair with
villages and with each other; the results are published with the money ("水务局投入资金8万余元，
在雨厦村委会小山村新建抽水站一座…").

Each pair has two sides. ``with`` is an organisation of the township (``branches.yml``); ``partner``
is one too, or the name of a unit outside the registry with its ``partner_kind``. An organisation's
side follows its kind in ``branches.yml``: 村、社区党支部 are 村, 机关、事业单位党支部 are 乡镇站所,
企业、非公企业 企业, 学校 学校, 其他 其他; a 党总支 counts as its branches' side when they all have
one side, otherwise (mixed or none) as 村. The pair's kind follows from its two sides: 县直部门–村,
站所–村, 站所–站所, or another pairing (其他结对, e.g. 企业–村).

The agreement's status on a year's board (``Y``: the board's year, ``site.yml``'s ``year`` for the
current one): 本年度签订 when ``signed`` is in ``Y``; 本年度续签 when signed before ``Y`` and a date of
``renewed`` is in ``Y``; 未续签 otherwise (signed before ``Y``, not renewed in ``Y``). A pair is on the
boards of the years from its signing on; renewals and results dated after ``Y`` are not on ``Y``'s board.
Money is in 万元, exact decimals added as written: 本年度 is the results dated in ``Y``, 累计 those
dated in ``Y`` or before; a result without ``funds`` adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, make_figure
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    CountyBoard,
    CountyColumn,
    HomeCard,
    PrintLink,
    ShareText,
    StatTable,
    YearInput,
)
from noticeboard.boards.paper import (
    Poster,
    PrintContext,
    PrintPage,
    PrintRow,
    both_orientations,
    make_poster,
    wrapped_row,
)
from noticeboard.boards.parts import OrgRef, chinese_date, org_ref
from noticeboard.boards.sheets import Cell, Column, ExtraColumns, Sheet
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.errors import Problems, display_path
from noticeboard.registries.frozen import frozen
from noticeboard.registries.messages import id_hint
from noticeboard.registries.models import Branch
from noticeboard.registries.models.common import Day, Number, OneLine, Record, Slug, Text
from noticeboard.registries.reading import Registry
from noticeboard.registries.record_files import Known, RecordFile

if TYPE_CHECKING:
    from noticeboard.registries.reading import Located

# --- The data: pairings.yml --------------------------------------------------------------------

PartnerKind = Literal["county_department", "station", "enterprise", "school", "other"]


class PairingResult(Record):
    """One thing a pair did, on a day, with the money it took (万元, optional)."""

    date: Day = Field(description="日期")
    item: Text = Field(description="共创成果：做了什么，例如 在小山村新建抽水站一座，满足周边10多个村子取水")
    funds: Number | None = Field(
        None, description="投入资金，单位万元，照实写小数，例如 8.0（不能为负数，最多 4 位小数；可不填）"
    )


class Pairing(Record):
    """A pair under a 共创协议: the township's organisation, its partner, the agreement and its results."""

    id: Slug = Field(description="编号，全镇唯一，用小写英文字母、数字和连字符，例如 p-shuiwu-yuxia")
    with_: Text = Field(
        alias="with", description="本镇结对的党组织编号（branches.yml），例如 村党总支的编号 yuxia"
    )
    partner: OneLine = Field(
        description="结对单位：branches.yml 中的党组织编号（例如乡镇站所的党支部），"
        "或本镇以外单位的名称（例如 县水务局）"
    )
    partner_kind: PartnerKind | None = Field(
        None,
        description="结对单位的类型，partner 写单位名称时必填：county_department 县直部门，station 乡镇站所，"
        "enterprise 企业，school 学校，other 其他（partner 是党组织编号时不写，类型按 branches.yml）",
    )
    signed: Day = Field(description="共创协议签订日期")
    renewed: tuple[Day, ...] = Field(
        (), strict=False, description="共创协议续签日期（可不填），每续签一次写一个，例如 [2025-03-01]"
    )
    agreement: Text = Field(description="共创协议的内容：约定做什么，例如 帮助解决饮水困难，发展油茶产业")
    results: tuple[PairingResult, ...] = Field(
        (),
        strict=False,
        description="共创成果（可不填）：每项写 date 日期、item 做了什么、funds 投入资金（万元）",
    )


# --- Sides, kinds and statuses ------------------------------------------------------------------

SIDE_LABELS: dict[str, str] = {
    "county_department": "县直部门",
    "station": "乡镇站所",
    "village": "村",
    "enterprise": "企业",
    "school": "学校",
    "other": "其他",
}
"""A side of a pair: a partner's ``partner_kind``, or what an organisation of the registry counts as."""
SIDE_SHORT = {**SIDE_LABELS, "station": "站所"}
"""The side in the name of a kind of pairing (站所–村)."""
BRANCH_SIDES: dict[str, str] = {
    "village": "village",
    "community": "village",
    "organ": "station",
    "institution": "station",
    "enterprise": "enterprise",
    "non_public": "enterprise",
    "school": "school",
    "other": "other",
}
"""An organisation's kind in ``branches.yml`` → its side (a 党总支: its branches' side, see :func:`org_side`)."""

PAIR_KINDS: tuple[tuple[str, str], ...] = (
    ("county_village", "县直部门–村"),
    ("station_village", "站所–村"),
    ("station_station", "站所–站所"),
    ("other", "其他结对"),
)
"""The kinds of pairing, in the order the board groups them."""
PAIR_KIND_LABELS = dict(PAIR_KINDS)
_KIND_OF_SIDES = {
    frozenset({"county_department", "village"}): "county_village",
    frozenset({"station", "village"}): "station_village",
    frozenset({"station"}): "station_station",
}

STATUS_LABELS: dict[str, str] = {"signed": "本年度签订", "renewed": "本年度续签", "not_renewed": "未续签"}
POSTER_STATUS: dict[str, str] = {"signed": "新签", "renewed": "续签", "not_renewed": "未续签"}
STATUSES: tuple[str, ...] = ("signed", "renewed", "not_renewed")

STATUS_RULE = (
    "共创协议按年度签订：本年度第一次签订的为“本年度签订”；以前签订、本年度又续签的为“本年度续签”；"
    "以前签订、本年度没有续签的为“未续签”，注明上次签订或续签的日期。"
)
FUNDS_RULE = (
    "投入资金以万元为单位，按每项共创成果登记的金额逐项相加，不作四舍五入；“本年度”为{year}年内的成果，"
    "“累计”为{year}年及以前的全部成果；没有登记金额的成果不计入，一项金额也没有登记的写“—”。"
)
SIDES_RULE = (
    "结对类型按双方的类型确定：本镇党组织按党组织名册，村、社区党支部（及由它们组成的党总支）为“村”，"
    "机关、事业单位党支部为“站所”；本镇以外的单位按登记的类型（县直部门、乡镇站所、企业、学校、其他）。"
)

_SLUG = re.compile(r"^[a-z0-9-]+$")
_PLACES = 4
"""Funds are written to at most four decimals of 万元 (one 元)."""


def amount(value: Decimal) -> str:
    """An exact amount of 万元 as written, with at least one decimal: ``8`` → ``8.0``, ``2.35`` → ``2.35``."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        value = value.quantize(Decimal("0.1"))
    return format(value, "f")


def wan(value: Decimal | None) -> str:
    """``8.0 万元``; ``—`` when nothing was recorded."""
    return "—" if value is None else f"{amount(value)} 万元"


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact sum of the recorded amounts (None when none was recorded)."""
    found = [value for value in values if value is not None]
    return sum(found, Decimal(0)) if found else None


def funds_words(funds_year: Decimal | None, funds_total: Decimal | None) -> str:
    """``本年度 8.0 万元，累计 9.5 万元``, after 投入资金; a period without any recorded amount says so (it is
    not 0: the home page said 本年度投入资金 0.0 万元 beside pairs whose cards said nothing was recorded)."""
    if funds_total is None:
        return "未登记"
    year = "本年度未登记" if funds_year is None else f"本年度 {wan(funds_year)}"
    return f"{year}，累计 {wan(funds_total)}"


def org_side(registry: Registry, branch: Branch) -> str:
    """What an organisation counts as in a pair: by its kind; a 党总支 by its branches (村 when mixed or none)."""
    if not branch.is_general:
        return BRANCH_SIDES[branch.kind]
    sides = {BRANCH_SIDES[b.kind] for b in registry.branches if b.parent == branch.id}
    return sides.pop() if len(sides) == 1 else "village"


def pair_kind(first: str, second: str) -> str:
    """The kind of pairing of two sides (in either order)."""
    return _KIND_OF_SIDES.get(frozenset({first, second}), "other")


def agreement_status(signed: dt.date, renewed: Iterable[dt.date], year: int) -> str:
    """``signed`` (本年度签订), ``renewed`` (本年度续签) or ``not_renewed`` (未续签) on ``year``'s board."""
    if signed.year == year:
        return "signed"
    return "renewed" if any(day.year == year for day in renewed) else "not_renewed"


# --- The board ----------------------------------------------------------------------------------


@frozen
class Side:
    """One side of a pair: its name, what it counts as, and its organisation when it is in the registry."""

    name: str
    side: str
    org: OrgRef | None

    @property
    def side_label(self) -> str:
        return SIDE_LABELS[self.side]

    @property
    def side_note(self) -> str:
        """``（乡镇站所）``, after its name."""
        return f"（{self.side_label}）"

    def linked(self, here: str | None = None) -> bool:
        """Whether its name links to its branch page (not a 党总支, nor the page it is shown on)."""
        return self.org is not None and self.org.has_page and self.org.id != here


@frozen
class ResultRow:
    """One result of a pair as the board shows it."""

    date: dt.date
    item: str
    funds: Decimal | None

    @property
    def text(self) -> str:
        """``2025年5月10日：在小山村新建抽水站一座（投入资金 8.0 万元）``."""
        money = f"（投入资金 {wan(self.funds)}）" if self.funds is not None else ""
        return f"{chinese_date(self.date)}：{self.item}{money}"


@frozen
class PairRow:
    """One pair on one year's board: its sides, agreement and status, results and money up to that year."""

    id: str
    year: int
    kind: str
    partner: Side
    org: Side
    """The township's side (``with``)."""
    agreement: str
    signed: dt.date
    renewed: tuple[dt.date, ...]
    """Renewals up to the board's year."""
    status: str
    results: tuple[ResultRow, ...]
    """Results up to the board's year, by date."""
    funds_year: Decimal | None
    funds_total: Decimal | None

    @property
    def title(self) -> str:
        return f"{self.partner.name}与{self.org.name}"

    @property
    def anchor(self) -> str:
        """Its id on a page (``pair-<id>``: never one of the page's own, such as ``pairings``)."""
        return f"pair-{self.id}"

    @property
    def lapsed(self) -> bool:
        """Not renewed this year: shown in red."""
        return self.status == "not_renewed"

    @property
    def kind_label(self) -> str:
        """``县直部门–村``; for another pairing its two sides (``企业–村``)."""
        if self.kind != "other":
            return PAIR_KIND_LABELS[self.kind]
        return f"{SIDE_SHORT[self.partner.side]}–{SIDE_SHORT[self.org.side]}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def last_signed(self) -> dt.date:
        """The latest signing or renewal up to the board's year."""
        return max((self.signed, *self.renewed))

    @property
    def status_text(self) -> str:
        """``本年度续签``; ``未续签（上次续签：2024年3月1日）``."""
        if self.status != "not_renewed":
            return self.status_label
        what = "续签" if self.renewed else "签订"
        return f"未续签（上次{what}：{chinese_date(self.last_signed)}）"

    @property
    def dates_text(self) -> str:
        """``2024年3月1日签订，2025年3月4日续签``."""
        parts = [f"{chinese_date(self.signed)}签订"] + [f"{chinese_date(day)}续签" for day in self.renewed]
        return "，".join(parts)

    @property
    def results_year(self) -> tuple[ResultRow, ...]:
        return tuple(result for result in self.results if result.date.year == self.year)

    @property
    def results_earlier(self) -> tuple[ResultRow, ...]:
        return tuple(result for result in self.results if result.date.year < self.year)

    @property
    def funds_text(self) -> str:
        return funds_words(self.funds_year, self.funds_total)


@frozen
class PairGroup:
    """The pairs of one kind of pairing."""

    key: str
    title: str
    rows: tuple[PairRow, ...]

    @property
    def anchor(self) -> str:
        return f"pairings-{self.key.replace('_', '-')}"

    @property
    def heading(self) -> str:
        return f"{self.title}（{len(self.rows)} 对）"

    @property
    def funds_year(self) -> Decimal | None:
        return total(row.funds_year for row in self.rows)

    @property
    def funds_total(self) -> Decimal | None:
        return total(row.funds_total for row in self.rows)

    @property
    def funds_text(self) -> str:
        return f"投入资金：{funds_words(self.funds_year, self.funds_total)}。"


@frozen
class FundsRow:
    """The money of one partner (or one kind of pairing, or all): its pairs, this year's and all years'."""

    key: str
    name: str
    org: OrgRef | None
    pairs: int
    funds_year: Decimal | None
    """None when none of its pairs recorded any money this year: shown as —, as on the pairs' own cards
    (本年度未登记) and posters; 0.0 万元 would say the partner recorded nothing spent."""
    funds_total: Decimal | None

    @property
    def pairs_text(self) -> str:
        return f"{self.pairs} 对"

    @property
    def year_text(self) -> str:
        return wan(self.funds_year)

    @property
    def total_text(self) -> str:
        return wan(self.funds_total)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key or None,
            "name": self.name,
            "pairs": self.pairs,
            "funds_year": json_values.number(self.funds_year),
            "funds_total": json_values.number(self.funds_total),
        }


@frozen
class FundsTable:
    """Money per partner or per kind of pairing, and in total."""

    year: int
    heading: str
    first_column: str
    rows: tuple[FundsRow, ...]
    total: FundsRow
    rule: str


@frozen
class PairingsBoard:
    """Every pair of one year, by kind of pairing, with the money per pair, per partner and in total."""

    year: int
    current: bool
    groups: tuple[PairGroup, ...]
    """Every kind of pairing, in :data:`PAIR_KINDS`' order (a kind without pairs has no rows)."""

    @property
    def rows(self) -> tuple[PairRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def shown_groups(self) -> tuple[PairGroup, ...]:
        return tuple(group for group in self.groups if group.rows)

    @property
    def funds_year(self) -> Decimal | None:
        return total(row.funds_year for row in self.rows)

    @property
    def funds_total(self) -> Decimal | None:
        return total(row.funds_total for row in self.rows)

    def status_count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def kinds_text(self) -> str:
        """``县直部门–村 8 对，站所–村 3 对``."""
        return "，".join(f"{group.title} {len(group.rows)} 对" for group in self.shown_groups)

    @property
    def count_line(self) -> str:
        return f"{self.year} 年度共有结对共创 {len(self.rows)} 对：{self.kinds_text}。"

    @property
    def status_line(self) -> str:
        counts = "，".join(f"{STATUS_LABELS[s]} {self.status_count(s)} 对" for s in STATUSES)
        return f"共创协议：{counts}。"

    @property
    def funds_line(self) -> str:
        return f"投入资金：{funds_words(self.funds_year, self.funds_total)}。"

    @property
    def rules(self) -> tuple[str, ...]:
        return (STATUS_RULE, FUNDS_RULE.format(year=self.year), SIDES_RULE)

    @property
    def partners(self) -> FundsTable:
        """Money per partner (a unit paired more than once is one row), most this year first."""
        found: dict[str, list[PairRow]] = {}
        for row in self.rows:
            key = row.partner.org.id if row.partner.org else row.partner.name
            found.setdefault(key, []).append(row)
        rows = [
            _funds_row(key, pairs[0].partner.name, pairs[0].partner.org, pairs)
            for key, pairs in found.items()
        ]
        rows.sort(
            key=lambda row: (-(row.funds_year or 0), -(row.funds_total or 0))
        )  # stable: file order among equals
        return FundsTable(
            self.year,
            "投入资金（按结对单位）",
            "结对单位",
            tuple(rows),
            _funds_row("", "合计", None, self.rows),
            FUNDS_RULE.format(year=self.year),
        )

    @property
    def by_kind(self) -> FundsTable:
        rows = tuple(_funds_row(g.key, g.title, None, g.rows) for g in self.groups)
        return FundsTable(
            self.year,
            f"结对共创投入资金（{self.year} 年度）",
            "结对类型",
            rows,
            _funds_row("", "合计", None, self.rows),
            FUNDS_RULE.format(year=self.year),
        )

    def of(self, org_id: str) -> tuple[PairRow, ...]:
        """The pairs an organisation is on (either side)."""
        return tuple(
            row
            for row in self.rows
            if (row.org.org and row.org.org.id == org_id)
            or (row.partner.org and row.partner.org.id == org_id)
        )


def _funds_row(key: str, name: str, org: OrgRef | None, rows: Sequence[PairRow]) -> FundsRow:
    return FundsRow(
        key,
        name,
        org,
        len(rows),
        total(row.funds_year for row in rows),
        total(row.funds_total for row in rows),
    )


@frozen
class BranchPairings:
    """A branch page's part: the pairs the branch is on."""

    branch_id: str
    """The branch whose page it is: its own name is not linked there."""
    rows: tuple[PairRow, ...]

    @property
    def link_text(self) -> str:
        return "查看全镇结对共创"

    @property
    def sentence(self) -> str:
        funds_year = total(row.funds_year for row in self.rows)
        funds_total = total(row.funds_total for row in self.rows)
        return f"本支部参与结对共创 {len(self.rows)} 对；投入资金：{funds_words(funds_year, funds_total)}。"


def _side(registry: Registry, key: str, kind: str | None) -> Side:
    branch = registry.branch_by_id.get(key)
    if branch is not None:
        return Side(branch.name, org_side(registry, branch), org_ref(registry, branch))
    return Side(key, kind or "other", None)


def _row(registry: Registry, pairing: Pairing, year: int) -> PairRow:
    partner = _side(registry, pairing.partner, pairing.partner_kind)
    org = _side(registry, pairing.with_, None)
    results = tuple(
        ResultRow(result.date, result.item, result.funds)
        for result in sorted(pairing.results, key=lambda result: result.date)
        if result.date.year <= year
    )
    renewed = tuple(sorted(day for day in pairing.renewed if day.year <= year))
    return PairRow(
        id=pairing.id,
        year=year,
        kind=pair_kind(partner.side, org.side),
        partner=partner,
        org=org,
        agreement=pairing.agreement,
        signed=pairing.signed,
        renewed=renewed,
        status=agreement_status(pairing.signed, renewed, year),
        results=results,
        funds_year=total(result.funds for result in results if result.date.year == year),
        funds_total=total(result.funds for result in results),
    )


def pairings_board(registry: Registry, year: int, current: bool) -> PairingsBoard | None:
    """The pairs signed by the end of ``year``, by kind of pairing in file order (None: no pair yet)."""
    pairings = [p for p in registry.records.get("pairings", ()) if p.signed.year <= year]
    if not pairings:
        return None
    rows = [_row(registry, pairing, year) for pairing in pairings]
    groups = tuple(
        PairGroup(key, title, tuple(row for row in rows if row.kind == key)) for key, title in PAIR_KINDS
    )
    return PairingsBoard(year, current, groups)


# --- Cross-check of pairings.yml ----------------------------------------------------------------


def check_pairings(located: Sequence[Located[Any]], known: Known, problems: Problems) -> None:
    """Every pair's organisations exist, no id or pair is listed twice, dates and money make sense."""
    ids: dict[str, Located[Any]] = {}
    pairs: dict[object, Located[Any]] = {}
    names = {branch.name: branch.id for branch in known.branches.values()}
    for item in located:
        pairing: Pairing = item.record
        if pairing.id in ids:
            problems.add(
                item.path,
                item.line("id"),
                f"结对编号“{pairing.id}”重复，{_where(ids[pairing.id], 'id', problems)}；编号必须唯一",
            )
        else:
            ids[pairing.id] = item
        known_with = _check_with(item, pairing, known, names, problems)
        known_partner = _check_partner(item, pairing, known, names, problems)
        if known_with and known_partner and pairing.partner == pairing.with_:
            problems.add(
                item.path, item.line("partner"), f"结对单位和结对党组织是同一个党组织“{pairing.with_}”"
            )
        in_registry = pairing.partner in known.branches
        key: object = (
            frozenset((pairing.with_, pairing.partner)) if in_registry else (pairing.with_, pairing.partner)
        )
        if key in pairs:
            problems.add(
                item.path,
                item.line("partner"),
                f"“{pairing.partner}”与“{pairing.with_}”的结对{_where(pairs[key], 'partner', problems)}；"
                "同一对只写一次，续签日期写在 renewed 里，每年的成果写在 results 里",
            )
        else:
            pairs[key] = item
        _check_dates_and_funds(item, pairing, problems)


def _where(first: Located[Any], key: str, problems: Problems) -> str:
    return f"已在 {display_path(first.path, problems.root)}:{first.line(key)} 写过"


def _check_with(
    item: Located[Any], pairing: Pairing, known: Known, names: Mapping[str, str], problems: Problems
) -> bool:
    """Whether ``with`` names an organisation of the registry (reported when it does not)."""
    written = pairing.with_
    if written in known.branches:
        return True
    if known.may_exist("branches", written):
        return False
    hint = f"；{written}的编号是 {names[written]}" if written in names else id_hint(written, known.branches)
    problems.add(item.path, item.line("with"), f"结对党组织“{written}”不是 branches.yml 中的党组织编号{hint}")
    return False


def _check_partner(
    item: Located[Any], pairing: Pairing, known: Known, names: Mapping[str, str], problems: Problems
) -> bool:
    """Whether ``partner`` names an organisation of the registry; a name needs its kind."""
    written = pairing.partner
    if written in known.branches:
        if pairing.partner_kind is not None:
            problems.add(
                item.path,
                item.line("partner_kind"),
                f"结对单位“{written}”是 branches.yml 中的党组织（{known.branches[written].name}），"
                "类型按党组织名册确定；请删去 partner_kind",
            )
        return True
    if known.may_exist("branches", written):
        return False
    if written in names:
        problems.add(
            item.path,
            item.line("partner"),
            f"“{written}”是 branches.yml 中的党组织，请写它的编号 {names[written]}",
        )
    elif _SLUG.match(written):
        problems.add(
            item.path,
            item.line("partner"),
            f"结对单位“{written}”不是 branches.yml 中的党组织编号{id_hint(written, known.branches)}；"
            "本镇以外的单位请写单位名称（例如 县水务局）并写 partner_kind",
        )
    elif pairing.partner_kind is None:
        problems.add(
            item.path,
            item.line("partner"),
            f"结对单位“{written}”不在 branches.yml 中，请写明它的类型 partner_kind："
            "county_department 县直部门、station 乡镇站所、enterprise 企业、school 学校 或 other 其他",
        )
    return False


def _check_dates_and_funds(item: Located[Any], pairing: Pairing, problems: Problems) -> None:
    seen: set[dt.date] = set()
    for index, day in enumerate(pairing.renewed):
        if day <= pairing.signed:
            problems.add(
                item.path,
                item.line("renewed", index),
                f"续签日期 {day} 应晚于共创协议签订日期 {pairing.signed}",
            )
        elif day in seen:
            problems.add(item.path, item.line("renewed", index), f"续签日期 {day} 写了两次")
        seen.add(day)
    for index, result in enumerate(pairing.results):
        if result.date < pairing.signed:
            problems.add(
                item.path,
                item.line("results", index, "date"),
                f"共创成果的日期 {result.date} 早于共创协议签订日期 {pairing.signed}",
            )
        funds = result.funds
        if funds is None:
            continue
        exponent = funds.as_tuple().exponent
        if funds < 0:
            problems.add(
                item.path,
                item.line("results", index, "funds"),
                f"投入资金不能为负数（写的是 {amount(funds)} 万元）",
            )
        elif isinstance(exponent, int) and exponent < -_PLACES:
            problems.add(
                item.path,
                item.line("results", index, "funds"),
                f"投入资金以万元为单位，最多写 {_PLACES} 位小数（即到 1 元）；写的是 {format(funds, 'f')}",
            )


# --- The kind -----------------------------------------------------------------------------------

PAIRING_CHARS = {"portrait": (12, None, 19, None), "landscape": (19, None, 29, None)}
"""Characters per line of the printed table's columns (widths in print.css, ``--pairings``)."""


class PairingsKind(BoardKind):
    key: ClassVar[str] = "pairings"
    title: ClassVar[str] = "结对共创"
    order: ClassVar[int] = 90
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "pairings",
            "结对共创",
            "pairings/",
            (
                *(CountyColumn(label, ("boards", "pairings", "kinds", key)) for key, label in PAIR_KINDS),
                CountyColumn("结对", ("boards", "pairings", "pairs"), printed="结对共创"),
                CountyColumn("本年度投入资金", ("boards", "pairings", "funds_year"), unit=" 万元"),
                CountyColumn("累计投入资金", ("boards", "pairings", "funds_total"), unit=" 万元"),
            ),
            chart=5,
            note="结对共创（五联五创）的对数和投入资金；资金按各乡镇登记的数字相加，单位万元",
            order=90,
            printed_note="结对共创（五联五创）的对数",
        ),
    )
    objection: ClassVar[str] = "对结对共创情况或投入资金有异议的"
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "pairings": ("pairings.yml", "branches.yml"),
        "branch": ("pairings.yml",),
        "stats": ("pairings.yml",),
    }
    record_files: ClassVar[tuple[RecordFile, ...]] = (
        RecordFile(
            "pairings.yml",
            Pairing,
            "pairings.yml 里是结对共创（五联五创）的结对、共创协议和共创成果",
            check_pairings,
        ),
    )

    def build(self, given: YearInput) -> PairingsBoard | None:
        return pairings_board(given.registry, given.year, given.current)

    def pages(self, view: Any, board: PairingsBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("pairings", "结对共创公示栏"),) if board.current else ()
        return (
            BoardPage(
                "pairings",
                "pairings.md",
                "结对共创",
                board,
                partials=("partials/nb/pairings-board.html",),
                prints=prints,
                year_link="结对共创",
            ),
        )

    def branch_sections(self, view: Any, board: PairingsBoard, branch_id: str) -> Sequence[BranchSection]:
        rows = board.of(branch_id)
        if not rows:
            return ()
        return (BranchSection(70, "partials/nb/pairings-branch.html", BranchPairings(branch_id, rows)),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, PairingsBoard)
        return ShareText(
            f"结对共创（{board.year} 年度）",
            (f"共 {len(board.rows)} 对：{board.kinds_text}", _year_funds(board)),
        )

    def home_card(self, boards: Any, board: PairingsBoard) -> HomeCard:
        return HomeCard(
            "结对共创",
            f"结对 {len(board.rows)} 对 · {_year_funds(board)}",
            "pairings",
        )

    def print_pages(self, boards: Any, board: PairingsBoard, printing: PrintContext) -> Sequence[PrintPage]:
        poster = _poster(board, printing.organisation, printing.live("pairings", ""), printing)
        return (PrintPage("pairings", "打印：结对共创公示栏", "结对共创公示栏", ("pairings", ""), (poster,)),)

    def rollup(self, board: PairingsBoard) -> Mapping[str, object]:
        """Pairs per kind, and the funds of the year and in all (万元), for a county to add up."""
        return {
            "pairs": len(board.rows),
            "kinds": {key: sum(row.kind == key for row in board.rows) for key, _ in PAIR_KINDS},
            "funds_year": json_values.number(board.funds_year),
            "funds_total": json_values.number(board.funds_total),
        }

    def open_data(self, board: PairingsBoard) -> Mapping[str, object]:
        """``pairings.json``: every pair on the year's board, its agreement's status and its results."""
        return {"pairings.json": [_json(row) for row in board.rows]}

    def open_data_without_board(self, year: int) -> Mapping[str, object]:
        return {"pairings.json": []}

    def snapshot(self, boards: Any, board: PairingsBoard) -> Mapping[str, Entry]:
        return {
            row.id: Entry(
                row.title,
                {
                    "结对类型": row.kind_label,
                    "共创协议": row.agreement,
                    "协议状态": row.status_text,
                    "本年度共创成果": "；".join(result.text for result in row.results_year) or "—",
                    "本年度投入资金": wan(row.funds_year),
                    "累计投入资金": wan(row.funds_total),
                },
            )
            for row in board.rows
        }

    def sheets(self, boards: Any, board: PairingsBoard) -> Sequence[Sheet]:
        pairs = Sheet(
            f"{board.year}结对共创",
            (
                Column("编号", 16),
                Column("结对类型", 12),
                Column("结对单位", 20),
                Column("结对党组织", 22),
                Column("共创协议", 40),
                Column("签订日期", 12),
                Column("续签日期", 24),
                Column("协议状态", 12),
                Column("本年度投入（万元）", 12, True),
                Column("累计投入（万元）", 12, True),
            ),
            [
                (
                    row.id,
                    row.kind_label,
                    row.partner.name,
                    row.org.name,
                    row.agreement,
                    row.signed,
                    "、".join(day.isoformat() for day in row.renewed) or None,
                    row.status_label,
                    row.funds_year,
                    row.funds_total,
                )
                for row in board.rows
            ],
            position=90,
        )
        results = Sheet(
            f"{board.year}共创成果",
            (
                Column("编号", 16),
                Column("结对单位", 20),
                Column("结对党组织", 22),
                Column("日期", 12),
                Column("共创成果", 50),
                Column("投入资金（万元）", 12, True),
            ),
            [
                (row.id, row.partner.name, row.org.name, result.date, result.item, result.funds)
                for row in board.rows
                for result in row.results
            ],
            position=91,
        )
        return (pairs, results)

    def organisation_columns(self, boards: Any, board: PairingsBoard) -> ExtraColumns:
        counts: dict[str, int] = {}
        for row in board.rows:
            for side in (row.org, row.partner):
                if side.org is not None:
                    counts[side.org.id] = counts.get(side.org.id, 0) + 1
        cells: dict[str, tuple[Cell, ...]] = {key: (count,) for key, count in counts.items()}
        return ExtraColumns(90, (Column("结对共创（对）", 10, True),), cells)

    def figures(self, boards: Any, board: PairingsBoard) -> Sequence[Figure]:
        counts = [(group.title, len(group.rows)) for group in board.groups]
        return (make_figure("pairings", "结对共创（按结对类型）", "对", counts),)

    def stat_tables(self, boards: Any, board: PairingsBoard) -> Sequence[StatTable]:
        table = board.by_kind
        return (
            StatTable(
                "pairings_funds",
                "partials/nb/pairings-stat-funds.html",
                table,
                [row.as_dict() for row in (*table.rows, table.total)],
            ),
        )

    def counts(self, boards: Any, board: PairingsBoard) -> str:
        return f"结对共创 {len(board.rows)} 对（{board.kinds_text}），{_year_funds(board)}"


def _year_funds(board: PairingsBoard) -> str:
    """``本年度投入资金 8.0 万元``, or ``本年度未登记投入资金`` (not 0.0 万元: nothing was recorded)."""
    return "本年度未登记投入资金" if board.funds_year is None else f"本年度投入资金 {wan(board.funds_year)}"


def _json(row: PairRow) -> dict[str, object]:
    def side(value: Side) -> dict[str, object]:
        return {"id": value.org.id if value.org else None, "name": value.name, "side": value.side}

    return {
        "id": row.id,
        "year": row.year,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "with": side(row.org),
        "partner": side(row.partner),
        "agreement": row.agreement,
        "signed": json_values.date(row.signed),
        "renewed": [json_values.date(day) for day in row.renewed],
        "status": row.status,
        "results": [
            {"date": json_values.date(r.date), "item": r.item, "funds": json_values.number(r.funds)}
            for r in row.results
        ],
        "funds_year": json_values.number(row.funds_year),
        "funds_total": json_values.number(row.funds_total),
    }


def _poster(board: PairingsBoard, organisation: str, url: str, printing: PrintContext) -> Poster:
    """结对共创公示栏: each kind of pairing under its heading, a line per pair with this year's results."""

    def rows(orientation: str) -> list[PrintRow]:
        out: list[PrintRow] = []
        for group in board.shown_groups:
            out.append(PrintRow((group.heading,), heading=True))
            out.extend(_print_row(row, PAIRING_CHARS[orientation]) for row in group.rows)
        return out

    portrait, landscape = both_orientations(rows)
    return make_poster(
        "pairings",
        "结对共创公示栏",
        organisation,
        board.year,
        ("结对双方", "协议", "本年度共创成果", "本年度资金"),
        f"{board.count_line}{board.status_line}{board.funds_line}",
        "协议：“新签”为本年度签订，“续签”为本年度续签，“未续签”为以前签订、本年度没有续签。"
        + FUNDS_RULE.format(year=board.year),
        url,
        portrait,
        landscape,
        layout="pairings",
        rated=False,
    )


def _print_row(row: PairRow, widths: tuple[int | None, ...]) -> PrintRow:
    results = "；".join(result.item for result in row.results_year) or "—"
    return wrapped_row((row.title, POSTER_STATUS[row.status], results, wan(row.funds_year)), widths)


KIND = PairingsKind()
