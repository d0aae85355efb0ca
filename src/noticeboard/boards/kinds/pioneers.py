"""党员先锋岗: the members holding a pioneer post, as the wall board shows them.

Source: 将先锋岗党员的姓名、性别、民族、学历、岗位、职责、照片上墙公布，接受党员和群众监督.
This board is the only place where ethnicity and education are published, and
only for post holders. Posts are current (not per year), so there is one board
per branch, on the current year's pages.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, make_figure
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
)
from noticeboard.boards.parts import OrgRef, org_ref
from noticeboard.boards.sheets import Cell, Column, ExtraColumns
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.frozen import frozen
from noticeboard.registries.reading import Registry


@frozen
class PioneerRow:
    """One pioneer post and its holder."""

    name: str
    gender: str
    ethnicity: str | None
    education: str | None
    title: str
    duties: str | None
    since: dt.date | None
    photo: str | None
    """The photo's file name under ``data/photos/``; None shows a placeholder."""
    without_office: bool = False
    """Held by a 无职党员 (a member with no post in the village committees), as the documents' 无职党员设岗."""
    assessment: str | None = None
    """The year-end assessment of the board's year: 合格, 不合格, or None when not yet assessed."""
    allowance: Decimal | None = None
    """The allowance paid for the board's year (元), for a post that passed."""
    year: int = 0
    """The board's year (the site's), which ``assessment`` and ``allowance`` are of."""

    @property
    def standing(self) -> str:
        """``2025 年度考核合格，补助 600 元`` (empty before the assessment), on the card and the poster."""
        if self.assessment is None:
            return ""
        text = f"{self.year} 年度考核{self.assessment}"
        return text + (f"，补助 {self.allowance.normalize():f} 元" if self.allowance is not None else "")


@frozen
class PioneerBoard:
    """A branch's pioneer posts, in the order of its member file."""

    org: OrgRef
    rows: tuple[PioneerRow, ...]


def pioneer_boards(registry: Registry) -> dict[str, PioneerBoard]:
    """Branch id → its board, for branches with at least one post holder."""
    year = registry.site.year
    boards = {}
    for branch in registry.branches:
        rows = tuple(
            PioneerRow(
                name=member.name,
                gender=member.gender,
                ethnicity=member.ethnicity,
                education=member.education,
                title=member.post.title,
                duties=member.post.duties,
                since=member.post.since,
                photo=member.post.photo,
                without_office=member.post.without_office,
                assessment=member.post.assessment.get(year),
                allowance=member.post.allowance.get(year),
                year=year,
            )
            for member in registry.members_by_branch.get(branch.id, ())
            if member.post is not None
        )
        if rows:
            boards[branch.id] = PioneerBoard(org_ref(registry, branch), rows)
    return boards


@frozen
class PioneerBoards:
    """Every branch's pioneer posts (the current year only: posts are not kept per year)."""

    year: int
    by_branch: Mapping[str, PioneerBoard]

    @property
    def count(self) -> int:
        return sum(len(board.rows) for board in self.by_branch.values())


PIONEER_CHARS = {
    "portrait": (4, None, None, 4, 6, 13),
    "landscape": (6, None, None, 6, 9, 20),
}
PHOTO_MM = 24.0
"""Printed photo height (18 × 24 mm, 3:4), set in print.css."""


class PioneersKind(BoardKind):
    key: ClassVar[str] = "pioneers"
    objection: ClassVar[str] = "对先锋岗党员有异议的"
    title: ClassVar[str] = "党员先锋岗"
    order: ClassVar[int] = 40
    yearly: ClassVar[bool] = False
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "pioneers": ("members/", "photos/"),
        "branch": ("photos/",),
    }

    def build(self, given: YearInput) -> PioneerBoards | None:
        return PioneerBoards(given.year, pioneer_boards(given.registry)) if given.current else None

    def pages(self, view: Any, board: PioneerBoards) -> Sequence[BoardPage]:
        prints = (PrintLink("pioneers", "全部党员先锋岗公示栏（每个党支部一张）"),) if board.by_branch else ()
        return (BoardPage("pioneers", "pioneers.md", "党员先锋岗", board, "pioneers.html", prints=prints),)

    def branch_sections(self, view: Any, board: PioneerBoards, branch_id: str) -> Sequence[BranchSection]:
        posts = board.by_branch.get(branch_id)
        if posts is None:
            return ()
        prints = (PrintLink(f"pioneers/{branch_id}", "本支部党员先锋岗公示栏"),)
        return (BranchSection(30, "partials/nb/branch-pioneers.html", posts, prints),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, PioneerBoards)
        return ShareText("党员先锋岗", (f"{len(board.by_branch)} 个党支部设党员先锋岗 {board.count} 个",))

    def home_card(self, boards: Any, board: PioneerBoards) -> HomeCard:
        return HomeCard("党员先锋岗", f"{len(board.by_branch)} 个党支部设岗 {board.count} 个", "pioneers")

    def print_pages(self, boards: Any, board: PioneerBoards, printing: PrintContext) -> Sequence[PrintPage]:
        pages = []
        for branch_id, posts in board.by_branch.items():
            has_page = posts.org.has_page
            url = printing.live("branch", branch_id) if has_page else printing.live("pioneers", "")
            back = ("branch", branch_id) if has_page else ("pioneers", "")
            pages.append(
                PrintPage(
                    f"pioneers/{branch_id}",
                    f"打印：{posts.org.name}党员先锋岗",
                    "党员先锋岗公示栏",
                    back,
                    (_poster(posts, board.year, url, printing),),
                )
            )
        return with_set(pages, "pioneers", "全部党员先锋岗公示栏", ("pioneers", ""))

    def open_data(self, board: PioneerBoards) -> Mapping[str, object]:
        """``pioneers.json``: the pioneer posts as the wall board lists them (no photos, no member ids)."""
        return {
            "pioneers.json": [
                {
                    "branch": branch_id,
                    "name": row.name,
                    "gender": row.gender,
                    "ethnicity": row.ethnicity,
                    "education": row.education,
                    "post": row.title,
                    "duties": row.duties,
                    "since": json_values.date(row.since),
                    "without_office": row.without_office,
                    "assessment": row.assessment,
                    "allowance": json_values.number(row.allowance),
                }
                for branch_id, posts in board.by_branch.items()
                for row in posts.rows
            ]
        }

    def snapshot(self, boards: Any, board: PioneerBoards) -> Mapping[str, Entry]:
        return {
            f"{branch_id}/{post.name}/{post.title}": Entry(
                f"{posts.org.name} {post.name}（{post.title}）",
                {"职责": post.duties or "—", "年度考核": post.standing or "—"},
            )
            for branch_id, posts in board.by_branch.items()
            for post in posts.rows
        }

    def member_columns(self, boards: Any, board: PioneerBoards) -> ExtraColumns:
        cells: dict[str, tuple[Cell, ...]] = {
            member.id: (member.post.title if member.post else None,) for member in boards.registry.members
        }
        return ExtraColumns(40, (Column("党员先锋岗", 16),), cells)

    def figures(self, boards: Any, board: PioneerBoards) -> Sequence[Figure]:
        """Posts by kind of post (政策宣传岗 …), as township reports count them (“9种岗位，有279名…上岗”)."""
        titles = Counter(row.title for posts in board.by_branch.values() for row in posts.rows)
        counts = sorted(titles.items(), key=lambda item: (-item[1], item[0]))
        title = f"党员先锋岗：{len(titles)} 种岗位，{board.count} 名党员上岗"
        return (make_figure("pioneer_posts", title, "名", counts),) if counts else ()

    def counts(self, boards: Any, board: PioneerBoards) -> str:
        return f"党员先锋岗 {board.count} 个"


def _poster(board: PioneerBoard, year: int, url: str, printing: PrintContext) -> Any:
    """党员先锋岗公示栏 of one branch: photo, name, gender, ethnicity, education, post and duties."""

    def rows(orientation: str) -> list[PrintRow]:
        out = []
        for row in board.rows:
            cells = (
                row.name,
                row.gender,
                row.ethnicity or "—",
                row.education or "—",
                row.title + ("（无职党员）" if row.without_office else ""),
                "；".join(part for part in (row.duties, row.standing) if part) or "—",
            )
            widths = PIONEER_CHARS[orientation]
            wrapped = max(line_count(cell, width) for cell, width in zip(cells, widths, strict=True) if width)
            out.append(PrintRow(cells, lines=row_height(wrapped, PHOTO_MM), photo=printing.photo(row.photo)))
        return out

    portrait, landscape = both_orientations(rows)
    return make_poster(
        f"pioneers-{board.org.id}",
        "党员先锋岗公示栏",
        board.org.name,
        year,
        ("照片", "姓名", "性别", "民族", "学历", "岗位", "岗位职责"),
        f"本支部设党员先锋岗 {len(board.rows)} 个。",
        "先锋岗党员的姓名、性别、民族、学历、岗位、职责和照片上墙公布，接受党员和群众监督。",
        url,
        portrait,
        landscape,
        layout="pioneers",
        rated=False,
    )


KIND = PioneersKind()
