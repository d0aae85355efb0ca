"""领导点评公示栏: the public reviews of one year, gathered by the organisation they concern.

Reads ``reviews/<year>.yml``.

A review of a member belongs to the member's branch; a review of an
organisation (its secretary) to that organisation. Reviews without
``public: true`` are left out here, so no page, poster or open data sees them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from msgspec import field

from noticeboard.boards import json_values
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    HomeCard,
    PrintLink,
    ShareText,
    YearInput,
)
from noticeboard.boards.paper import (
    PrintContext,
    PrintPage,
    PrintRow,
    both_orientations,
    line_count,
    make_poster,
    row_height,
    with_set,
    wrapped_row,
)
from noticeboard.boards.parts import OrgRef, org_ref
from noticeboard.boards.sheets import Column, Sheet
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import LEVEL_LABELS, Review
from noticeboard.registries.models.review import MEMBER_CRITERIA, ORGANISATION_CRITERIA
from noticeboard.registries.reading import Registry


@frozen
class ReviewRow:
    """One published review."""

    subject: str
    """Who is reviewed: a member's name, or an organisation's secretary and name."""
    of_member: bool
    reviewer: str
    reviewer_post: str
    level: str
    level_label: str
    date: dt.date | None
    parts: tuple[tuple[str, str], ...]
    """The criteria it is written on and what it says on each, as (label, text), in order."""
    grade: str | None
    reviewer_contact: str | None = None
    """The reviewer's 联系村 (its name), for a township leader who reviews by the villages they keep contact with."""
    texts: Mapping[str, str | None] = field(default_factory=dict)
    """Each criterion's key (``overall``, ``work`` …) → its text (None when not written), for the open data."""

    @property
    def reviewer_words(self) -> str:
        """``赵光明（镇党委书记，联系青山村党总支）`` as the board names the reviewer."""
        contact = f"，联系{self.reviewer_contact}" if self.reviewer_contact else ""
        return f"{self.reviewer}（{self.reviewer_post}{contact}）"

    @property
    def overall(self) -> str:
        """What it says first (总体评价, or 立足本职岗位争创一流业绩 for a member)."""
        return self.parts[0][1]


@frozen
class ReviewBoard:
    """The public reviews concerning one organisation: of its secretary first, then of its members."""

    org: OrgRef
    year: int
    own: tuple[ReviewRow, ...]
    members: tuple[ReviewRow, ...]

    @property
    def rows(self) -> tuple[ReviewRow, ...]:
        return self.own + self.members

    @property
    def rule(self) -> str:
        return review_rule(self.rows)


def review_boards(registry: Registry, year: int) -> dict[str, ReviewBoard]:
    """Organisation id → its board, in the order of ``branches.yml``; organisations without public reviews have none."""
    own: dict[str, list[ReviewRow]] = {}
    members: dict[str, list[ReviewRow]] = {}
    for review in registry.reviews.get(year, ()):
        if not review.public:
            continue
        if review.subject in registry.branch_of:
            members.setdefault(registry.branch_of[review.subject], []).append(_row(registry, review))
        else:
            own.setdefault(review.subject, []).append(_row(registry, review))
    return {
        branch.id: ReviewBoard(
            org_ref(registry, branch), year, tuple(own.get(branch.id, ())), tuple(members.get(branch.id, ()))
        )
        for branch in registry.branches
        if branch.id in own or branch.id in members
    }


def _row(registry: Registry, review: Review) -> ReviewRow:
    member = registry.member_by_id.get(review.subject)
    if member is not None:
        subject = member.name
    else:
        branch = registry.branch_by_id[review.subject]
        subject = f"{branch.name}书记{branch.secretary}" if branch.secretary else branch.name
    return ReviewRow(
        subject=subject,
        of_member=member is not None,
        reviewer=review.reviewer.name,
        reviewer_post=review.reviewer.post,
        level=review.level,
        level_label=LEVEL_LABELS[review.level],
        date=review.date,
        parts=review.parts,
        grade=review.grade,
        reviewer_contact=registry.branch_by_id[contact].name
        if (contact := review.reviewer.contact)
        else None,
        texts={key: getattr(review, key) for key, _ in (*ORGANISATION_CRITERIA, *MEMBER_CRITERIA)},
    )


@frozen
class ReviewBoards:
    """Every organisation's public reviews of one year, in the order of ``branches.yml``."""

    year: int
    current: bool
    by_org: Mapping[str, ReviewBoard]

    @property
    def count(self) -> int:
        return sum(len(board.rows) for board in self.by_org.values())

    @property
    def rule(self) -> str:
        return review_rule(tuple(row for board in self.by_org.values() for row in board.rows))


REVIEW_RULE = (
    "镇党政领导按联系村点评党总支书记，党总支点评党支部书记，党支部书记点评本支部党员；"
    "对党组织从总体评价、取得成绩、存在问题和努力方向四个方面点评，对党员从立足本职岗位争创一流业绩、"
    "履行公开承诺事项、联系和服务群众、发挥先锋模范作用四个方面点评"
)
"""Who reviews whom and on what, in the seed's words (领导点评)."""


def review_rule(rows: Sequence[ReviewRow]) -> str:
    """The rule, and when a review is graded, that the grade is the township's own: the seed names the four
    parts of a review and no grade (好, 较好 … are the township's words)."""
    graded = any(row.grade for row in rows)
    return REVIEW_RULE + ("；评定等次为本镇规定" if graded else "") + "。"


REVIEW_CHARS = {"portrait": (8, 36), "landscape": (13, 55)}
"""Characters per line of the printed table's two columns (widths fixed in print.css), one fewer than fit
in Chromium with the Noto CJK font: the item (a criterion such as 履行公开承诺事项 on one line,
立足本职岗位争创一流业绩 on two) and the review's words."""
REVIEW_HEADING_CHARS = {"portrait": 44, "landscape": 66}


class ReviewsKind(BoardKind):
    key: ClassVar[str] = "reviews"
    objection: ClassVar[str] = "对点评内容有异议的"
    title: ClassVar[str] = "领导点评"
    order: ClassVar[int] = 50
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "reviews": ("reviews/{year}.yml", "branches.yml", "members/"),
        "branch": ("reviews/{year}.yml",),
    }

    def build(self, given: YearInput) -> ReviewBoards:
        return ReviewBoards(given.year, given.current, review_boards(given.registry, given.year))

    def pages(self, view: Any, board: ReviewBoards) -> Sequence[BoardPage]:
        prints = (
            (PrintLink("reviews", "全部领导点评公示栏（每个党组织一张）"),)
            if board.current and board.by_org
            else ()
        )
        return (
            BoardPage(
                "reviews",
                "reviews.md",
                "领导点评",
                board,
                "reviews.html",
                prints=prints,
                year_link="领导点评",
            ),
        )

    def branch_sections(self, view: Any, board: ReviewBoards, branch_id: str) -> Sequence[BranchSection]:
        reviews = board.by_org.get(branch_id)
        if reviews is None:
            return ()
        prints = (PrintLink(f"reviews/{branch_id}", "本支部领导点评公示栏"),) if board.current else ()
        return (BranchSection(50, "partials/nb/branch-reviews.html", reviews, prints),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, ReviewBoards)
        return ShareText(f"领导点评（{board.year} 年度）", (f"公开点评 {board.count} 条",))

    def home_card(self, boards: Any, board: ReviewBoards) -> HomeCard:
        return HomeCard("领导点评", f"公开点评 {board.count} 条", "reviews")

    def print_pages(self, boards: Any, board: ReviewBoards, printing: PrintContext) -> Sequence[PrintPage]:
        pages = []
        for org_id, reviews in board.by_org.items():
            # A branch's reviews are on its page; a 党总支 has none, so its code leads to the reviews page.
            has_page = reviews.org.has_page
            url = printing.live("branch", org_id) if has_page else printing.live("reviews", "") + f"#{org_id}"
            back = ("branch", org_id) if has_page else ("reviews", "")
            pages.append(
                PrintPage(
                    f"reviews/{org_id}",
                    f"打印：{reviews.org.name}领导点评",
                    "领导点评公示栏",
                    back,
                    (_poster(reviews, url, printing),),
                )
            )
        return with_set(pages, "reviews", "全部领导点评公示栏", ("reviews", ""))

    def open_data(self, board: ReviewBoards) -> Mapping[str, object]:
        """``reviews.json``: the public reviews of the year (``public: true`` only), by organisation."""
        return {
            "reviews.json": [
                {
                    "organisation": org_id,
                    "organisation_name": reviews.org.name,
                    "subject": row.subject,
                    "subject_kind": "member" if row.of_member else "organisation",
                    "reviewer": row.reviewer,
                    "reviewer_post": row.reviewer_post,
                    "reviewer_contact": row.reviewer_contact,
                    "level": row.level,
                    "date": json_values.date(row.date),
                    **row.texts,
                    "grade": row.grade,
                }
                for org_id, reviews in board.by_org.items()
                for row in reviews.rows
            ]
        }

    def snapshot(self, boards: Any, board: ReviewBoards) -> Mapping[str, Entry]:
        return {
            f"{org_id}/{row.subject}/{row.reviewer}/{row.date}": Entry(
                f"{row.reviewer}对{row.subject}的点评",
                {"总体评价": row.overall, "评定等次": row.grade or "—"},
            )
            for org_id, reviews in board.by_org.items()
            for row in reviews.rows
        }

    def sheets(self, boards: Any, board: ReviewBoards) -> Sequence[Sheet]:
        """Every review of the year, public or not, marked (the office decides what is published)."""
        registry: Registry = boards.registry
        names = {b.id: b.name for b in registry.branches}
        sheet = Sheet(
            f"{board.year}领导点评",
            (
                Column("党组织", 26),
                Column("被点评对象", 24),
                Column("点评人", 10),
                Column("职务", 20),
                Column("日期", 12),
                *(Column(label, 30) for _, label in (*ORGANISATION_CRITERIA, *MEMBER_CRITERIA)),
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
                    *(getattr(review, key) for key, _ in (*ORGANISATION_CRITERIA, *MEMBER_CRITERIA)),
                    review.grade,
                    "是" if review.public else "否",
                )
                for review in registry.reviews.get(board.year, ())
            ],
            position=50,
        )
        return (sheet,)

    def counts(self, boards: Any, board: ReviewBoards) -> str:
        reviews = boards.registry.reviews.get(board.year, ())
        return f"领导点评 {len(reviews)} 条（公开 {sum(r.public for r in reviews)} 条）"


def _poster(board: ReviewBoard, url: str, printing: PrintContext) -> Any:
    """领导点评公示栏 of one organisation: each review under a heading naming who reviewed whom."""

    def rows(orientation: str) -> list[PrintRow]:
        out: list[PrintRow] = []
        for review in board.rows:
            heading = f"对{review.subject}的点评　点评人：{review.reviewer_words}"
            if review.date:
                heading += f"　{review.date.year}年{review.date.month}月{review.date.day}日"
            out.append(
                PrintRow(
                    (heading,),
                    heading=True,
                    lines=row_height(line_count(heading, REVIEW_HEADING_CHARS[orientation])),
                )
            )
            for label, text in review.parts:
                out.append(wrapped_row((label, text), REVIEW_CHARS[orientation]))
            if review.grade:
                out.append(PrintRow(("评定等次", review.grade)))
        return out

    portrait, landscape = both_orientations(rows)
    return make_poster(
        f"reviews-{board.org.id}",
        "领导点评公示栏",
        board.org.name,
        board.year,
        ("项目", "点评内容"),
        f"共 {len(board.rows)} 条点评：对党组织书记 {len(board.own)} 条，对党员 {len(board.members)} 条。",
        board.rule,
        url,
        portrait,
        landscape,
        layout="reviews",
        rated=False,
    )


KIND = ReviewsKind()
