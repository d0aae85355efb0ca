"""公开承诺: what the township committee, its leaders, organisations and members promised for the year,
who approved it, and whether it was kept.

Reads ``commitments/<year>.yml`` and ``site.yml``'s ``leaders``. The source documents have the
committee and its leaders lead ("镇党委和党政领导率先垂范，带头提出承诺事项"), so their
commitments come first; then every organisation (党总支 included) in the order of
``branches.yml``, each with its members' commitments, labelled by category (机关/农村党员 …).
A commitment has fallen due (已到期) when its deadline is before ``as_of``; it is overdue (逾期)
when it has fallen due and is still planned or in progress. The fulfilment rate (兑现率) is over
the commitments that have fallen due — fulfilled ÷ fallen due — with those not yet due beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.figures import share
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    CountyBoard,
    CountyColumn,
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
    line_count,
    make_poster,
    row_height,
    with_set,
)
from noticeboard.boards.parts import BranchRow, OrgRef, chinese_date, org_ref
from noticeboard.boards.sheets import Column, Sheet
from noticeboard.boards.slides import Slide, row_slides
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import CATEGORY_LABELS, STATUS_LABELS, Update
from noticeboard.registries.models.site import COMMITTEE
from noticeboard.registries.reading import Registry
from noticeboard.rules.results import CommitmentResult, count_commitments

COMMITMENT_CHARS = {
    "portrait": {"maker": 6, "text": 19},
    "landscape": {"maker": 9, "text": 30},
}
"""Characters per line in the printed table's maker and text columns (widths fixed in print.css; 30 fit on a
landscape line, not 31). The maker's name and the words under it are lines of their own (``pre-line``)."""

SLIDE_ROWS = 4
"""Commitments on one slide of a hall's screen: a commitment's words take two lines of a TV's table."""
RATE_RULE = (
    "兑现率 = 已到期承诺中已兑现的项数 ÷ 已到期的项数（完成时限在统计日之前的为已到期），"
    "四舍五入保留一位小数；未到期的承诺不计入，另行列出。"
)
"""How the rate is computed, printed under every table of rates."""
NO_CATEGORY = "未填写类别"
JSON_MAKER_KINDS = {"organisation": "branch"}
"""``maker_kind`` in the open data where it is not the board's own word."""


@frozen
class CommitmentRow:
    """One public commitment with its derived state."""

    id: str
    year: int
    by: str
    maker: str
    maker_note: str | None
    """The maker's post (a township leader) or category (机关党员, 农村党员 …), shown under the name."""
    maker_kind: str
    """``committee``, ``leader``, ``organisation`` or ``member``."""
    branch: str
    """The maker's organisation ("" for the township committee and its leaders)."""
    text: str
    category: str | None
    status: str
    status_label: str
    overdue: bool
    fallen_due: bool
    made: dt.date | None
    due: dt.date | None
    approved_by: str | None
    approved_on: dt.date | None
    fulfilled_on: dt.date | None
    updates: tuple[Update, ...]

    @property
    def by_member(self) -> bool:
        return self.maker_kind == "member"

    @property
    def due_text(self) -> str:
        """The deadline as the board prints it (``2026年6月30日``), — without one."""
        return chinese_date(self.due) if self.due else "—"

    @property
    def approved_on_text(self) -> str:
        return chinese_date(self.approved_on)

    @property
    def fulfilled_on_text(self) -> str:
        return chinese_date(self.fulfilled_on)

    @property
    def progress(self) -> tuple[tuple[str, str], ...]:
        """Its progress notes as the board prints them: (date in words, note)."""
        return tuple((chinese_date(update.date), update.note) for update in self.updates)


@frozen
class Fulfilment:
    """公开承诺兑现率 of one group (or in total): fulfilled ÷ fallen due, and those not yet due beside it."""

    key: str
    """The organisation's id, ``committee`` for the township's group, a category, or "" for the total."""
    name: str
    linked: bool
    """Whether ``key`` has a branch page to link to."""
    total: int
    fulfilled: int
    """Fulfilled, whether due or early."""
    due: int
    due_fulfilled: int
    not_due: int
    rate: Decimal | None
    """Percent of the fallen-due fulfilled, half-up to one decimal; None when none has fallen due."""

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate}%"

    @property
    def meter(self) -> Decimal:
        """The bar's length in percent (0 without a rate)."""
        return self.rate if self.rate is not None else Decimal(0)

    @property
    def sentence(self) -> str:
        """``已到期 9 项，其中已兑现 7 项，兑现率 77.8%；未到期 4 项``, as boards say it."""
        if self.total == 0:
            return "本年度没有公开承诺"
        if self.due == 0:
            early = f"（其中已提前兑现 {self.fulfilled} 项）" if self.fulfilled else ""
            return f"{self.total} 项均未到完成时限{early}，尚不计算兑现率"
        text = f"已到期 {self.due} 项，其中已兑现 {self.due_fulfilled} 项，兑现率 {self.rate_text}"
        return text + (f"；未到期 {self.not_due} 项" if self.not_due else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key or None,
            "name": self.name,
            "total": self.total,
            "fulfilled": self.fulfilled,
            "due": self.due,
            "due_fulfilled": self.due_fulfilled,
            "not_due": self.not_due,
            "percent": float(self.rate) if self.rate is not None else None,
        }


@frozen
class CommitmentGroup:
    """The commitments of the township committee and its leaders, or of one organisation and its members."""

    key: str
    """Its anchor on the board and its print key: ``committee`` or the organisation's id."""
    name: str
    org: OrgRef | None
    """The organisation (None for the township committee and its leaders)."""
    rows: tuple[CommitmentRow, ...]
    counts: Mapping[str, int]

    @cached_property
    def fulfilment(self) -> Fulfilment:
        return _fulfilment(self.key, self.name, self.counts, bool(self.org and self.org.has_page))


@frozen
class FulfilmentTable:
    """公开承诺兑现率 per group and in total (statistics page, screen)."""

    year: int
    rows: tuple[Fulfilment, ...]
    total: Fulfilment
    rule: str = RATE_RULE


@frozen
class BranchCommitments:
    """A branch page's part: its own and its members' commitments, and their fulfilment."""

    rows: tuple[CommitmentRow, ...]
    fulfilment: Fulfilment


@frozen
class CommitmentsBoard:
    """公开承诺 of the year: the township committee and its leaders first, then each organisation."""

    year: int
    current: bool
    as_of: dt.date
    groups: tuple[CommitmentGroup, ...]
    """Groups with commitments: the township's, then organisations in registry order."""
    counts: Mapping[str, int]
    branches: Mapping[str, BranchRow]
    """Every rated branch, with commitments or not."""
    categories: tuple[Fulfilment, ...]
    """Members' commitments by the members' category (机关党员, 农村党员 …), keyed by the label."""

    @cached_property
    def by_branch(self) -> Mapping[str, tuple[CommitmentRow, ...]]:
        """Every rated branch → its own and its members' rows, for its page and its poster. Made from
        ``groups``, not a field: a field would carry every row twice into the hash of the page's inputs."""
        own = {group.key: group.rows for group in self.groups if group.org is not None}
        return {branch_id: own.get(branch_id, ()) for branch_id in self.branches}

    @cached_property
    def counts_by_branch(self) -> Mapping[str, Mapping[str, int]]:
        """Every rated branch → the counts of its rows (``by_branch``), counted once for its page and poster."""
        own = {group.key: group.counts for group in self.groups if group.org is not None}
        none = _counts(())
        return {branch_id: own.get(branch_id, none) for branch_id in self.branches}

    @cached_property
    def fulfilment(self) -> FulfilmentTable:
        rows = tuple(group.fulfilment for group in self.groups)
        return FulfilmentTable(self.year, rows, self.total)

    @cached_property
    def categories_table(self) -> FulfilmentTable:
        members = [row for group in self.groups for row in group.rows if row.by_member]
        total = _fulfilment("", "党员合计", _counts(members), False)
        return FulfilmentTable(self.year, self.categories, total)

    @cached_property
    def total(self) -> Fulfilment:
        return _fulfilment("", "合计", self.counts, False)

    @property
    def rate_rule(self) -> str:
        return RATE_RULE


class CommitmentsKind(BoardKind):
    key: ClassVar[str] = "commitments"
    objection: ClassVar[str] = "对承诺事项及其兑现情况有异议的"
    title: ClassVar[str] = "公开承诺"
    order: ClassVar[int] = 30
    county: ClassVar[tuple[CountyBoard, ...]] = (
        CountyBoard(
            "commitments",
            "公开承诺兑现",
            "commitments/",
            (
                CountyColumn("公开承诺", ("commitments", "total")),
                CountyColumn("已到期", ("commitments", "due")),
                CountyColumn("其中已兑现", ("commitments", "due_fulfilled")),
                CountyColumn(
                    "兑现率",
                    ("commitments", "due_fulfilled"),
                    share_of=("commitments", "due"),
                    only_share=True,
                    printed="承诺兑现率",
                ),
                CountyColumn("逾期", ("commitments", "overdue"), printed="逾期承诺"),
            ),
            chart=3,
            note="兑现率 = 已到期承诺中已兑现的 ÷ 已到期承诺（四舍五入保留 1 位小数）；逾期为已过时限仍未兑现的",
            order=30,
            dated=True,
        ),
    )
    screen_title: ClassVar[str] = "公开承诺"
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "commitments": ("commitments/{year}.yml", "branches.yml", "members/", "site.yml")
    }

    def build(self, given: YearInput) -> CommitmentsBoard:
        registry = given.registry
        rows = [_row(registry, result) for result in given.results.commitments]
        township = tuple(row for row in rows if not row.branch)
        by_org: dict[str, list[CommitmentRow]] = {}
        for row in rows:
            if row.branch:
                by_org.setdefault(row.branch, []).append(row)
        groups = []
        if township:
            name = f"{registry.site.organisation}和党政领导班子成员"
            groups.append(CommitmentGroup(COMMITTEE, name, None, township, _counts(township)))
        for branch in registry.branches:
            own = tuple(by_org.get(branch.id, ()))
            if own:
                org = org_ref(registry, branch)
                groups.append(CommitmentGroup(branch.id, branch.name, org, own, _counts(own)))
        return CommitmentsBoard(
            year=given.year,
            current=given.current,
            as_of=given.as_of,
            groups=tuple(groups),
            counts=_counts(rows),
            branches=given.branches,
            categories=_categories(rows),
        )

    def pages(self, view: Any, board: CommitmentsBoard) -> Sequence[BoardPage]:
        prints = (PrintLink("commitments", "全部公开承诺公示栏（每个党组织一张）"),) if board.current else ()
        return (
            BoardPage(
                "commitments",
                "commitments.md",
                "公开承诺",
                board,
                partials=("partials/nb/commitments-board.html",),
                prints=prints,
                year_link="公开承诺",
            ),
        )

    def branch_sections(self, view: Any, board: CommitmentsBoard, branch_id: str) -> Sequence[BranchSection]:
        rows = board.by_branch.get(branch_id, ())
        prints = (
            (PrintLink(f"commitments/{branch_id}", "本支部公开承诺公示栏"),) if board.current and rows else ()
        )
        counts = board.counts_by_branch[branch_id]
        part = BranchCommitments(rows, _fulfilment(branch_id, board.branches[branch_id].name, counts, True))
        return (BranchSection(40, "partials/nb/branch-commitments.html", part, prints),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, CommitmentsBoard)
        c = board.counts
        line = f"共 {c['total']} 项：已兑现 {c['fulfilled']} 项，进行中 {c['in_progress']} 项" + (
            f"，逾期 {c['overdue']} 项" if c["overdue"] else ""
        )
        return ShareText(f"公开承诺（{board.year} 年度）", (line,))

    def print_pages(
        self, boards: Any, board: CommitmentsBoard, printing: PrintContext
    ) -> Sequence[PrintPage]:
        """A board per organisation (every branch, with commitments or not; a 党总支 and the township
        committee when they have commitments), and all of them as one set in the board's order."""
        year = board.year
        pages = []
        for group in board.groups:
            if group.org is None or not group.org.has_page:
                url = printing.live("commitments", "") + f"#{group.key}"
                # (the committee's group by its name, 党委和党政领导班子成员: a sheet headed by the township alone
                # read as all its commitments, 共 4 项 where the township has 444)
                poster = _poster(group.key, group.name, group.rows, group.counts, year, url, printing)
                title = f"打印：{group.name}公开承诺"
                back = ("commitments", "")
                pages.append(PrintPage(f"commitments/{group.key}", title, "公开承诺公示栏", back, (poster,)))
        for branch_id, branch in board.branches.items():
            url = printing.live("branch", branch_id)
            rows, counts = board.by_branch[branch_id], board.counts_by_branch[branch_id]
            poster = _poster(branch_id, branch.name, rows, counts, year, url, printing)
            title = f"打印：{branch.name}公开承诺"
            back = ("branch", branch_id)
            pages.append(PrintPage(f"commitments/{branch_id}", title, "公开承诺公示栏", back, (poster,)))
        # The set prints the board's order: the committee's, then organisations in registry order.
        order = {f"commitments/{group.key}": index for index, group in enumerate(board.groups)}
        pages.sort(key=lambda page: order.get(page.key, len(order)))
        return with_set(pages, "commitments", "全部公开承诺公示栏", ("commitments", ""))

    def township_slides(self, boards: Any, board: CommitmentsBoard) -> Sequence[Slide]:
        total = board.total
        subheading = f"合计：{total.sentence}"
        return row_slides(
            "fulfilment",
            f"{board.year} 年度公开承诺兑现率",
            subheading,
            [(row.name, f"{row.due_fulfilled}/{row.due}", row.rate_text) for row in board.fulfilment.rows],
            columns=("党组织", "已兑现/已到期", "兑现率"),
        )

    def branch_slide_line(self, board: CommitmentsBoard, branch_id: str) -> str:
        counts = board.counts_by_branch[branch_id]
        if not counts["total"]:
            return "本年度没有公开承诺"
        return "公开承诺：" + _fulfilment(branch_id, "", counts, False).sentence

    def branch_slides(self, boards: Any, board: CommitmentsBoard, branch_id: str) -> Sequence[Slide]:
        """The branch's own and its members' commitments, as on its page: who, what, where it stands.

        Who and where it stands are kept short, each on one line of a portrait screen (screen.css): the
        branch's own commitments are 本支部's in its own hall, and an overdue one reads 逾期 (it is still
        planned or in progress, past its deadline)."""
        rows = board.by_branch.get(branch_id, ())
        return row_slides(
            "commitments",
            f"{board.branches[branch_id].name} · 公开承诺",
            f"{board.year} 年度 · 共 {len(rows)} 项",
            [
                (
                    "本支部" if row.by == branch_id else row.maker,
                    row.text,
                    "逾期" if row.overdue else row.status_label,
                )
                for row in rows
            ],
            columns=("承诺人", "承诺内容", "状态"),
            per_slide=SLIDE_ROWS,
            branch=branch_id,
        )

    def open_data(self, board: CommitmentsBoard) -> Mapping[str, object]:
        """``commitments.json``: every commitment of the year with its status, whether it has fallen
        due and whether it is overdue."""
        return {"commitments.json": [_json(row) for group in board.groups for row in group.rows]}

    def snapshot(self, boards: Any, board: CommitmentsBoard) -> Mapping[str, Entry]:
        return {
            row.id: Entry(
                f"{row.maker}：{row.text}",
                {
                    "完成时限": chinese_date(row.due) if row.due else "—",
                    "状态": row.status_label,
                    "逾期": "是" if row.overdue else "否",
                },
            )
            for group in board.groups
            for row in group.rows
        }

    def sheets(self, boards: Any, board: CommitmentsBoard) -> Sequence[Sheet]:
        names = {b.id: b.name for b in boards.registry.branches}
        township = boards.registry.site.organisation
        sheet = Sheet(
            f"{board.year}公开承诺",
            (
                Column("编号", 14),
                Column("承诺人", 12),
                Column("承诺人编号", 12),
                Column("所在党组织", 26),
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
                    row.by,  # (a county has namesakes in one branch: the import reads the id)
                    names.get(row.branch, township),
                    row.text,
                    row.made,
                    row.due,
                    row.approved_by,
                    STATUS_LABELS[row.status],
                    row.fulfilled_on,
                    "逾期" if row.overdue else None,
                )
                for group in board.groups
                for row in group.rows
            ],
            position=30,
        )
        return (sheet,)

    def stat_tables(self, boards: Any, board: CommitmentsBoard) -> Sequence[StatTable]:
        table = board.fulfilment
        categories = board.categories_table
        return (
            StatTable(
                "commitments_fulfilment",
                "partials/nb/stat-fulfilment.html",
                table,
                [row.as_dict() for row in (*table.rows, table.total)],
            ),
            StatTable(
                "commitments_by_category",
                "partials/nb/stat-categories.html",
                categories,
                [row.as_dict() for row in (*categories.rows, categories.total)],
            ),
        )

    def counts(self, boards: Any, board: CommitmentsBoard) -> str:
        c = board.counts
        return f"公开承诺 {c['total']} 项（已到期 {c['due']} 项，逾期 {c['overdue']} 项）"


def _counts(rows: Sequence[CommitmentRow]) -> dict[str, int]:
    return count_commitments(map(_STATE, rows))


_STATE = attrgetter("status", "overdue", "fallen_due")
"""What :func:`count_commitments` counts of a row, read in C."""


def _fulfilment(key: str, name: str, counts: Mapping[str, int], linked: bool) -> Fulfilment:
    due, done = counts["due"], counts["due_fulfilled"]
    rate = share(done, due) if due else None
    return Fulfilment(
        key, name, linked, counts["total"], counts["fulfilled"], due, done, counts["not_due"], rate
    )


def _categories(rows: Sequence[CommitmentRow]) -> tuple[Fulfilment, ...]:
    """Members' commitments by the member's category, in the order of the categories' labels."""
    by_label: dict[str, list[CommitmentRow]] = {}
    for row in rows:
        if row.by_member:
            by_label.setdefault(row.maker_note or NO_CATEGORY, []).append(row)
    order = [*CATEGORY_LABELS.values(), NO_CATEGORY]
    return tuple(
        _fulfilment(label, label, _counts(by_label[label]), False) for label in order if label in by_label
    )


def _row(registry: Registry, result: CommitmentResult) -> CommitmentRow:
    commitment = result.commitment
    maker, note = _maker(registry, result)
    # (by position, each field named beside it: by keyword, a county's 42,590 rows took 0.12 s, not 0.09 s)
    return CommitmentRow(
        commitment.id,  # id
        result.year,  # year
        commitment.by,  # by
        maker,  # maker
        note,  # maker_note
        result.maker_kind,  # maker_kind
        result.branch_id,  # branch
        commitment.text,  # text
        commitment.category,  # category
        commitment.status,  # status
        STATUS_LABELS[commitment.status],  # status_label
        result.overdue,  # overdue
        result.fallen_due,  # fallen_due
        commitment.made,  # made
        commitment.due,  # due
        commitment.approved_by,  # approved_by
        commitment.approved_on,  # approved_on
        commitment.fulfilled_on,  # fulfilled_on
        commitment.updates,  # updates
    )


def _maker(registry: Registry, result: CommitmentResult) -> tuple[str, str | None]:
    """Who made a commitment, as the board names them, and the words under the name."""
    by = result.commitment.by
    if result.maker_kind == "member":
        member = registry.member_by_id[by]
        return member.name, CATEGORY_LABELS[member.category] if member.category else None
    if result.maker_kind == "organisation":
        return registry.branch_by_id[by].name, None
    if result.maker_kind == "committee":
        return registry.site.organisation, None
    leader = next(leader for leader in registry.site.leaders if leader.id == by)
    return leader.name, leader.post


def _json(row: CommitmentRow) -> dict[str, object]:
    """A commitment names its maker but carries no member id: with ``members.json`` an id
    would tell whether the maker is on a star board, and the commitment must not tell that."""
    return {
        "id": row.id,
        "year": row.year,
        "maker": row.maker,
        "maker_kind": JSON_MAKER_KINDS.get(row.maker_kind, row.maker_kind),
        "maker_post": row.maker_note if row.maker_kind == "leader" else None,
        "branch": row.branch or None,
        "text": row.text,
        "category": row.category,
        "status": row.status,
        "fallen_due": row.fallen_due,
        "overdue": row.overdue,
        "made": json_values.date(row.made),
        "due": json_values.date(row.due),
        "approved_by": row.approved_by,
        "approved_on": json_values.date(row.approved_on),
        "fulfilled_on": json_values.date(row.fulfilled_on),
        "updates": [{"date": json_values.date(u.date), "note": u.note} for u in row.updates],
    }


def _poster(
    key: str,
    subject: str,
    rows: Sequence[CommitmentRow],
    counts: Mapping[str, int],
    year: int,
    url: str,
    printing: PrintContext,
) -> Poster:
    """One organisation's (or the township's) 公开承诺 on paper: who promised what, the deadline, who
    approved it, the status, and the fulfilment rate over what has fallen due (``counts``: of ``rows``)."""
    summary = f"共 {len(rows)} 项，已兑现 {counts['fulfilled']} 项"
    summary += f"，逾期 {counts['overdue']} 项" if counts["overdue"] else ""
    if counts["due"]:
        summary += f"；{_fulfilment(key, subject, counts, False).sentence}"
    # The seed's 逐级经党组织书记审核: "逐级" alone, for the 审核人 column shows the level above too (the
    # township committee's own are approved by the 县委组织部, not by a secretary).
    rule = "承诺事项逐级审核后公示，接受党员和群众监督。" + (RATE_RULE if counts["due"] else "")
    portrait, landscape = _print_rows(rows)
    return make_poster(
        f"commitments-{key}",
        "公开承诺公示栏",
        subject,
        year,
        ("承诺人", "承诺内容", "完成时限", "审核人", "状态"),
        summary + "。",
        rule,
        url,
        portrait,
        landscape,
        layout="commitments",
        rated=False,
    )


def _print_rows(rows: Sequence[CommitmentRow]) -> tuple[list[PrintRow], list[PrintRow]]:
    """The rows as printed on portrait and on landscape sheets, each wrapped at that sheet's widths."""
    out: tuple[list[PrintRow], list[PrintRow]] = ([], [])
    for row in rows:
        status = row.status_label + ("\n逾期" if row.overdue else "")
        due = f"{row.due.year}.{row.due.month}.{row.due.day}" if row.due else "—"
        least = 2 if row.overdue else 1
        for printed, orientation in zip(out, ("portrait", "landscape"), strict=True):
            chars = COMMITMENT_CHARS[orientation]
            maker_lines = [row.maker, *_packed(row.maker_note, chars["maker"])]
            cells = ("\n".join(maker_lines), row.text, due, row.approved_by or "—", status)
            wrapped = max(
                line_count(row.text, chars["text"]),
                sum(line_count(line, chars["maker"]) for line in maker_lines),
                least,
            )
            printed.append(PrintRow(cells, lines=row_height(wrapped), overdue=row.overdue))
    return out


def _packed(note: str | None, chars: int) -> list[str]:
    """The words under a maker's name as printed lines: a leader's posts (``镇党委副书记、镇长``) as many to a
    line as fit in ``chars``, joined by 、; a post that does not fit begins the next line, without the 、.

    Why: a 、 may not begin a line, so a browser that wraps ``镇党委副书记、镇长`` at six characters carries
    the post's last character down with it (``镇党委副书`` / ``记、镇长``). A single post longer than the
    column still wraps where the browser wraps it, as any text does."""
    if not note:
        return []
    lines: list[str] = []
    for post in note.split("、"):
        if lines and len(lines[-1]) + 1 + len(post) <= chars:
            lines[-1] += "、" + post
        else:
            lines.append(post)
    return lines


KIND = CommitmentsKind()
