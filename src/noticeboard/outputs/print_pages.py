"""The printable pages of the current year: every declared kind's boards on paper, alone and as sets.

Each board can be printed alone (from its web page) and every board of a kind
as one set (one board per organisation, each on new sheets), so the office
prints a whole township's boards with one click. Web addresses are the
caller's business: ``live`` gives the address a QR code leads to, and each
page names the web page it belongs to as a (kind, key) pair.
"""

from __future__ import annotations

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.paper import Poster, PrintContext, PrintPage
from noticeboard.boards.township import Boards
from noticeboard.registries.frozen import frozen


@frozen
class PosterSet:
    """What one print page shows: one board, or every branch's board of a kind, each on new sheets."""

    posters: tuple[Poster, ...]
    label: str
    """What the print button prints, e.g. 星级党员公示栏."""
    back: str
    """The web page to go back to (site-relative URL)."""

    @property
    def sheets(self) -> int:
        """Its sheets in portrait (A4 or A3: the same sheets, larger)."""
        return sum(len(poster.portrait) for poster in self.posters)

    @property
    def landscape_sheets(self) -> int:
        """Its sheets in landscape: wider rows, shorter sheets, so more of them."""
        return sum(len(poster.landscape) for poster in self.posters)


def catalogue(boards: Boards, printing: PrintContext) -> list[PrintPage]:
    """Every printable page of the current year, kind by kind."""
    view = boards.current
    return [
        page
        for kind in KINDS
        if (board := view.board(kind)) is not None
        for page in kind.print_pages(boards, board, printing)
    ]
