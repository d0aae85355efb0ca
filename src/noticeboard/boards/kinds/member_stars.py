"""星级党员公示栏: each branch's members by stars from their yearly points (≥90 三星 … below 60 无星).

Reads ``members/<branch>.yml`` (``points`` or ``exempt`` by year), ``points/<year>/``
(ledgers) and ``schemes.yml`` (``member``). Who may be named is decided once, by
``is_listed`` (privacy settings in ``site.yml``): members not named are only counted.
One board per branch, on its branch page; printed per branch and as a set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, compared_figure
from noticeboard.boards.kind import (
    STAR_COUNTS,
    BoardKind,
    BranchSection,
    CountyBoard,
    CountyColumn,
    PrintLink,
    YearInput,
    level_columns,
)
from noticeboard.boards.paper import (
    PrintContext,
    PrintPage,
    PrintRow,
    grouped,
    make_poster,
    with_set,
)
from noticeboard.boards.parts import BranchRow, Group, Stars, by_score, shown_stars
from noticeboard.boards.sheets import Cell, Column, ExtraColumns, Sheet, star_cells
from noticeboard.boards.slides import Slide, name_slides
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.frozen import frozen
from noticeboard.registries.reading import Registry
from noticeboard.rules.provenance import UNQUALIFIED, member_choices, township_note
from noticeboard.rules.ratings import STAR_WORDS, describe_tiers
from noticeboard.rules.results import STAR_KEYS, MemberResult, Summary, is_listed, joined_after

STAR_LEVELS = (3, 2, 1, 0)


@frozen
class MemberRow:
    """One member on a star board: only what a paper board shows."""

    id: str
    name: str
    gender: str
    branch: str
    points: Decimal | None
    """The year's published score (None: not rated)."""
    rating: Stars | None
    """The stars it gives, as the board shows them (None: not rated)."""
    from_ledger: bool = False

    @property
    def stars(self) -> int | None:
        return None if self.rating is None else self.rating.stars


@frozen
class MemberBoard:
    """星级党员公示栏 of one branch: named starred members; the others only counted."""

    branch: BranchRow
    year: int
    current: bool
    groups: tuple[Group[MemberRow], ...]
    counts: Mapping[str, int]
    """``"3"`` … ``"0"``, ``"exempt"``, ``"unrated"``, ``"total"``: everyone, named or not."""
    rule: str
    """The member rule in words (tiers and rounding of ``schemes.yml: member``)."""

    @property
    def rows(self) -> tuple[MemberRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def summary(self) -> str:
        """``共有党员 21 名：三星 5 名，…`` as the board and its poster say it."""
        c = self.counts
        text = f"共有党员 {c['total']} 名：三星 {c['3']} 名，二星 {c['2']} 名，一星 {c['1']} 名，无星 {c['0']} 名"
        if c["exempt"]:
            text += f"，经申请不参与评星 {c['exempt']} 名"
        if c["unrated"]:
            text += f"，未评定 {c['unrated']} 名"
        return text

    @property
    def counted_only(self) -> str:
        """Who the board counts but does not name (``site.yml``'s ``privacy``), in a sentence, or "".

        Why: a reader who counts the names under 共有党员 27 名 finds 26 and asks who is missing."""
        named = {group.key for group in self.groups}
        c = self.counts
        unnamed = [
            f"{label} {c[key]} 名"
            for key, label in (("0", "无星"), ("exempt", "经申请不参与评星"), ("unrated", "未评定"))
            if c[key] and key not in named
        ]
        return f"其中{'、'.join(unnamed)}只计人数，不公示姓名。" if unnamed else ""


@frozen
class MemberBoards:
    """Every branch's member board of one year."""

    year: int
    by_branch: Mapping[str, MemberBoard]


class MemberStarsKind(BoardKind):
    key: ClassVar[str] = "members"
    title: ClassVar[str] = "星级党员公示栏"
    order: ClassVar[int] = 20
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "members",
            "星级党员",
            "boards/branches/",
            (
                *level_columns(("members",), "stars", STAR_COUNTS, {"3": "三星党员"}),
                CountyColumn("不参与评星", ("members", "exempt")),
                CountyColumn("未评定", ("members", "unrated")),
                CountyColumn("党员", ("members", "total"), printed="党员"),
            ),
            chart=0,
            note="各乡镇公示的本年度党员星级；括号内为占本乡镇党员总数的百分比（四舍五入保留 1 位小数）",
            order=20,
            rule_of="members",
        ),
    )
    screen_title: ClassVar[str] = "星级党员"

    def rule(self, board: MemberBoards) -> str | None:
        """Every branch's board states the one member rule of ``schemes.yml``."""
        return next((members.rule for members in board.by_branch.values()), None)

    def build(self, given: YearInput) -> MemberBoards:
        registry = given.registry
        scheme = registry.schemes.member
        words = {**STAR_WORDS, 0: UNQUALIFIED}
        rule = describe_tiers(scheme.tiers, scheme.round, words) + township_note(member_choices(scheme))
        by_branch: dict[str, list[MemberResult]] = {branch_id: [] for branch_id in given.branches}
        for member in given.results.members:
            by_branch.setdefault(member.branch_id, []).append(member)
        return MemberBoards(
            given.year,
            {
                branch_id: _board(row, given, by_branch[branch_id], registry, rule)
                for branch_id, row in given.branches.items()
            },
        )

    def branch_sections(self, view: Any, board: MemberBoards, branch_id: str) -> Sequence[BranchSection]:
        members = board.by_branch[branch_id]
        prints = (PrintLink(f"members/{branch_id}", "本支部星级党员公示栏"),) if members.current else ()
        names = tuple(row.name for row in members.rows)
        return (BranchSection(20, "partials/nb/member-board.html", members, prints, names),)

    def branch_share_line(self, board: MemberBoards, branch_id: str) -> str:
        c = board.by_branch[branch_id].counts
        return f"星级党员：三星 {c['3']} 名，二星 {c['2']} 名，一星 {c['1']} 名"

    def branch_slide_line(self, board: MemberBoards, branch_id: str) -> str:
        c = board.by_branch[branch_id].counts
        return f"星级党员：三星 {c['3']} 名 · 二星 {c['2']} 名 · 一星 {c['1']} 名"

    def print_pages(self, boards: Any, board: MemberBoards, printing: PrintContext) -> Sequence[PrintPage]:
        pages = []
        for branch_id, members in board.by_branch.items():
            poster = _poster(members, printing.live("branch", branch_id), printing)
            pages.append(
                PrintPage(
                    f"members/{branch_id}",
                    f"打印：{members.branch.name}星级党员公示栏",
                    "星级党员公示栏",
                    ("branch", branch_id),
                    (poster,),
                )
            )
        return with_set(pages, "members", "全部星级党员公示栏", ("board-branches", ""))

    def township_slides(self, boards: Any, board: MemberBoards) -> Sequence[Slide]:
        return [slide for members in board.by_branch.values() for slide in _slides(members)]

    def branch_slides(self, boards: Any, board: MemberBoards, branch_id: str) -> Sequence[Slide]:
        return _slides(board.by_branch[branch_id])

    def open_data(self, board: MemberBoards) -> Mapping[str, object]:
        """``members.json``: the members named on the star boards, and nobody else."""
        return {
            "members.json": [
                _json(row, board.year) for members in board.by_branch.values() for row in members.rows
            ]
        }

    def snapshot(self, boards: Any, board: MemberBoards) -> Mapping[str, Entry]:
        return {
            row.id: Entry(
                f"{members.branch.name} {row.name}",
                {
                    "积分": str(row.points) if row.points is not None else "—",
                    "星级": row.rating.words if row.rating else "—",
                },
            )
            for members in board.by_branch.values()
            for row in members.rows
        }

    def member_columns(self, boards: Any, board: MemberBoards) -> ExtraColumns:
        year = boards.current.year
        cells: dict[str, tuple[Cell, ...]] = {  # (a member who joined after the year is in no result of it)
            member.id: (None, f"{member.joined.year} 年入党，不计入 {year} 年度")
            for member in boards.registry.members
            if member.joined is not None
            and joined_after(member, year)  # (the first test: for the type checker)
        }
        cells.update((result.member.id, _status_cells(result)) for result in boards.current.results.members)
        return ExtraColumns(10, (Column("年度积分", 10, True), Column("星级", 30)), cells)

    def sheets(self, boards: Any, board: MemberBoards) -> Sequence[Sheet]:
        registry: Registry = boards.registry
        ledger = Sheet(
            f"{board.year}积分台账",
            (
                Column("党员编号", 10),
                Column("姓名", 10),
                Column("日期", 12),
                Column("事项", 30),
                Column("分值", 8, True),
            ),
            [
                (member_id, registry.member_by_id[member_id].name, entry.date, entry.item, entry.points)
                for member_id, entries in registry.ledgers.get(board.year, {}).items()
                for entry in entries
            ],
            position=40,
        )
        return (ledger,)

    def figures(self, boards: Any, board: MemberBoards) -> Sequence[Figure]:
        before = boards.earlier[0] if boards.earlier else None
        previous = (before.year, before.summary) if before else None
        title = f"党员星级（{board.year} 年度）"
        return (compared_figure("members_stars", title, "名", star_counts, boards.current.summary, previous),)

    def counts(self, boards: Any, board: MemberBoards) -> str:
        total = {
            key: sum(m.counts[key] for m in board.by_branch.values())
            for key in ("3", "2", "1", "0", "exempt", "unrated", "total")
        }
        stars = "，".join(f"{STAR_WORDS[level]} {total[str(level)]} 名" for level in STAR_LEVELS)
        ledgers = boards.registry.ledgers.get(board.year, {})
        entries = sum(len(entries) for entries in ledgers.values())
        return (
            f"党员 {total['total']} 名（{stars}，不参与评星 {total['exempt']} 名，未评定 {total['unrated']} 名）；"
            f"积分台账 {len(ledgers)} 名 {entries} 条"
        )


def star_counts(summary: Summary) -> dict[str, int]:
    """Members by stars in words, 不参与评星 and 未评定."""
    counts = {STAR_WORDS[int(k)]: summary.member_stars[k] for k in STAR_KEYS}
    counts["不参与评星"] = summary.members_exempt
    counts["未评定"] = summary.members_unrated
    return counts


def _board(
    branch: BranchRow, given: YearInput, results: list[MemberResult], registry: Registry, rule: str
) -> MemberBoard:
    privacy = registry.site.privacy
    counts = dict.fromkeys((*map(str, STAR_LEVELS), "exempt", "unrated"), 0)
    rated: dict[int, list[MemberResult]] = {level: [] for level in STAR_LEVELS}
    exempt: list[MemberResult] = []
    for result in results:  # one pass: a county has 40,000 members in 2,000 boards
        if result.rating is not None:
            counts[str(result.rating.stars)] += 1
        if result.status in ("exempt", "unrated"):
            counts[result.status] += 1
        if not is_listed(result, privacy):
            continue
        if result.status == "rated" and result.rating is not None:
            rated[result.rating.stars].append(result)
        elif result.status == "exempt":
            exempt.append(result)
    counts["total"] = len(results)
    groups = [
        Group(str(level), f"{STAR_WORDS[level]}党员", level, tuple(map(_row, by_score(rated[level]))))
        for level in STAR_LEVELS
        if level > 0 or privacy.list_unstarred
    ]
    if privacy.list_exempt:
        groups.append(Group("exempt", "不参与评星", None, tuple(map(_row, exempt)), unrated="不参与评星"))
    return MemberBoard(branch, given.year, given.current, tuple(groups), counts, rule)


def _row(result: MemberResult) -> MemberRow:
    member = result.member
    return MemberRow(
        id=member.id,
        name=member.name,
        gender=member.gender,
        branch=result.branch_id,
        points=None if result.rating is None else result.rating.score,
        rating=shown_stars(result.rating),
        from_ledger=result.ledger is not None,
    )


def _status_cells(result: MemberResult) -> tuple[Cell, Cell]:
    if result.status == "exempt":
        return None, f"不参与评星（{result.exempt_reason}）"
    return star_cells(result.rating)


def _poster(board: MemberBoard, url: str, printing: PrintContext) -> Any:
    rows = grouped(board.groups, "名", _print_row)
    return make_poster(
        f"members-{board.branch.id}",
        "星级党员公示栏",
        board.branch.name,
        board.year,
        ("姓名", "性别", "年度积分", "星级"),
        board.summary + "。" + board.counted_only,
        f"党员评星规则：以党员个人年度总积分为依据，{board.rule}。",
        url,
        rows,
        layout="members",
    )


def _json(row: MemberRow, year: int) -> dict[str, object]:
    return {
        "id": row.id,
        "name": row.name,
        "branch": row.branch,
        "year": year,
        "points": json_values.number(row.points),
        "stars": row.stars,
    }


def _print_row(row: MemberRow) -> PrintRow:
    return PrintRow((row.name, row.gender, "—" if row.points is None else str(row.points)), rating=row.rating)


def _slides(board: MemberBoard) -> list[Slide]:
    slides = []
    for group in board.groups:
        if group.rows:
            slides += name_slides(
                "members",
                f"{board.branch.name} · {group.title}",
                f"{board.year} 年度星级党员公示 · 共 {len(group.rows)} 名",
                [row.name for row in group.rows],
                board.branch.id,
            )
    return slides


KIND = MemberStarsKind()
