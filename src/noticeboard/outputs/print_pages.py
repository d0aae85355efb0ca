"""The printable pages of the current year: which boards exist on paper and what each page holds.

Each board can be printed alone (from its web page) and every board of a kind
as one set (one board per organisation, each on new sheets), so the office
prints a whole township's boards with one click. Web addresses are the
caller's business: ``live`` gives the address a QR code leads to, and each
page names the web page it belongs to as a (kind, key) pair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from noticeboard.boards.township import Boards
from noticeboard.outputs import posters
from noticeboard.outputs.posters import QR, Poster

Live = Callable[[str, str], str]
"""(page kind, key) → the absolute URL of a live page, e.g. ("branch", "qingshan-1")."""
PhotoUrl = Callable[[str | None], str]
"""A photo's file name (None: no photo) → the site-relative URL of its web version or the placeholder."""


@dataclass(frozen=True)
class PrintPage:
    """A printable page under ``print/<key>/``."""

    key: str
    title: str
    label: str
    """What the print button prints, e.g. 星级党员公示栏."""
    back: tuple[str, str]
    """The web page it is printed from, as (kind, key)."""
    posters: tuple[Poster, ...]


def catalogue(boards: Boards, live: Live, qr: QR, photo: PhotoUrl) -> list[PrintPage]:
    """Every printable page of the current year."""
    view = boards.current
    year = view.year
    organisation = boards.registry.site.organisation
    pages = [
        PrintPage(
            "boards/branches",
            "打印：星级党支部公示栏",
            "星级党支部公示栏",
            ("board-branches", ""),
            (posters.branch_board_poster(view.branches, organisation, live("board-branches", ""), qr),),
        )
    ]
    members: list[Poster] = []
    commitments: list[Poster] = []
    for branch_id, page in view.pages.items():
        url = live("branch", branch_id)
        name = page.branch.name
        members.append(posters.member_board_poster(page.members, page.branch, url, qr))
        commitments.append(posters.commitments_poster(page.branch, page.commitments, year, url, qr))
        back = ("branch", branch_id)
        pages.append(
            PrintPage(
                f"members/{branch_id}", f"打印：{name}星级党员公示栏", "星级党员公示栏", back, (members[-1],)
            )
        )
        pages.append(
            PrintPage(
                f"commitments/{branch_id}",
                f"打印：{name}公开承诺",
                "公开承诺公示栏",
                back,
                (commitments[-1],),
            )
        )
    pages.append(
        PrintPage(
            "members",
            "打印：全部星级党员公示栏",
            "全部星级党员公示栏",
            ("board-branches", ""),
            tuple(members),
        )
    )
    pages.append(
        PrintPage(
            "commitments",
            "打印：全部公开承诺公示栏",
            "全部公开承诺公示栏",
            ("commitments", ""),
            tuple(commitments),
        )
    )
    pages += _per_organisation(boards, live, qr, photo)
    pages += [
        PrintPage(
            "venues",
            "打印：活动场所星级公示栏",
            "活动场所星级公示栏",
            ("venues", ""),
            (posters.venue_poster(view.venues, organisation, live("venues", ""), qr),),
        ),
        PrintPage(
            "classification",
            "打印：分类定级公示栏",
            "分类定级公示栏",
            ("classification", ""),
            (
                posters.classification_poster(
                    view.classification, organisation, live("classification", ""), qr
                ),
            ),
        ),
        PrintPage(
            "duty-reports",
            "打印：述职评议公示栏",
            "述职评议公示栏",
            ("duty-reports", ""),
            (posters.duty_report_poster(view.duty_reports, organisation, live("duty-reports", ""), qr),),
        ),
    ]
    return pages


def _per_organisation(boards: Boards, live: Live, qr: QR, photo: PhotoUrl) -> list[PrintPage]:
    """Reviews and pioneer posts: a board per organisation, and all of them as one set each."""
    view = boards.current
    pages: list[PrintPage] = []
    reviews: list[Poster] = []
    for org_id, board in view.reviews.items():
        # A branch's reviews are on its page; a 党总支 has none, so its code leads to the reviews page.
        url = live("branch", org_id) if board.org.has_page else live("reviews", "") + f"#{org_id}"
        reviews.append(posters.review_poster(board, url, qr))
        back = ("branch", org_id) if board.org.has_page else ("reviews", "")
        pages.append(
            PrintPage(
                f"reviews/{org_id}", f"打印：{board.org.name}领导点评", "领导点评公示栏", back, (reviews[-1],)
            )
        )
    pioneers: list[Poster] = []
    for branch_id, pioneer_board in boards.pioneers.items():
        url = live("branch", branch_id) if pioneer_board.org.has_page else live("pioneers", "")
        pioneers.append(posters.pioneer_poster(pioneer_board, view.year, url, qr, photo))
        back = ("branch", branch_id) if pioneer_board.org.has_page else ("pioneers", "")
        pages.append(
            PrintPage(
                f"pioneers/{branch_id}",
                f"打印：{pioneer_board.org.name}党员先锋岗",
                "党员先锋岗公示栏",
                back,
                (pioneers[-1],),
            )
        )
    pages.append(
        PrintPage(
            "reviews", "打印：全部领导点评公示栏", "全部领导点评公示栏", ("reviews", ""), tuple(reviews)
        )
    )
    pages.append(
        PrintPage(
            "pioneers",
            "打印：全部党员先锋岗公示栏",
            "全部党员先锋岗公示栏",
            ("pioneers", ""),
            tuple(pioneers),
        )
    )
    return pages
