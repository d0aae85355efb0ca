"""What a board kind declares, once: the base every module in ``boards/kinds/`` fills in.

Why one declaration per kind: the site, its year archives, the home page, posters and
print sets, screens, share cards, open data, ``diff``, the change log, the export
workbook, the statistics and ``validate``'s counts all loop over the declared kinds and
name none of them. A new board is its module here, its template(s), its demo data and
its tests. Every method has a default meaning "this kind has none", so a module says
only what its board has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from noticeboard.boards.figures import Figure
from noticeboard.boards.paper import PrintContext, PrintPage
from noticeboard.boards.parts import BranchRow
from noticeboard.boards.sheets import ExtraColumns, Sheet
from noticeboard.boards.slides import Slide
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.errors import Problem
from noticeboard.registries.frozen import frozen
from noticeboard.registries.reading import Registry
from noticeboard.registries.record_files import RecordFile
from noticeboard.rules.ratings import STAR_WORDS, Rating
from noticeboard.rules.results import YearResults

if TYPE_CHECKING:
    from noticeboard.boards.township import Boards, YearView


@frozen
class YearInput:
    """What a kind builds its board of one year from."""

    registry: Registry
    results: YearResults
    branches: Mapping[str, BranchRow]
    """Every rated branch of the year as boards name it, in registry order."""
    current: bool
    """Whether this is the year being published (``site.yml``'s ``year``)."""
    history: Mapping[str, Mapping[int, Rating | None]]
    """Branch id → its rating in every published year (for the branch's history)."""

    @property
    def year(self) -> int:
        return self.results.year

    @property
    def as_of(self) -> dt.date:
        return self.results.as_of


@frozen
class PrintLink:
    """A button to a printable page: its key (``members`` → ``print/members/``) and what it prints."""

    key: str
    label: str
    after: bool = False
    """Shown below the board rather than above it."""


@frozen
class BoardPage:
    """A page a kind publishes for one year: where, with which template, showing which view."""

    kind: str
    """The page kind, the first part of its URL key (``venues``, ``board-branches``)."""
    path: str
    """Its source path in the current year (``venues.md``); earlier years get ``<year>/`` before it."""
    title: str
    view: object
    template: str = "board.html"
    """The page template; ``board.html`` is the shared skeleton that shows ``partials``."""
    partials: tuple[str, ...] = ()
    """The board's partial templates, for ``board.html``."""
    prints: tuple[PrintLink, ...] = ()
    """Its print buttons (the current year only)."""
    year_link: str = ""
    """Its link's words on 往年公示 ("" for a page not listed there)."""


@frozen
class BranchSection:
    """A kind's part of a branch page: a partial template and what it shows."""

    order: int
    """Where it stands on the page (smaller first)."""
    template: str
    view: object
    prints: tuple[PrintLink, ...] = ()
    """Print buttons of the branch's printed boards of this kind (the current year only)."""
    names: tuple[str, ...] = ()
    """The people it names, whom search should find by their full names (only those shown)."""


@frozen
class BranchFact:
    """One line under a branch page's 分类定级 · 述职考核 · 活动场所: a label, a link and its words."""

    label: str
    page: str
    """The page kind the words link to (the kind's board of the year)."""
    template: str
    view: object


@frozen
class HomeCard:
    """A card on the home page's 更多公示: the board, a line of its counts, its page."""

    title: str
    line: str
    page: str


@frozen
class ShareText:
    """What a shared link to a kind's page says: title and summary lines (the card adds the notice)."""

    title: str
    lines: tuple[str, ...]


@frozen
class CountyColumn:
    """One column of a county's comparison table: a number from each township's ``summary.json``.

    ``path`` leads to it (``("branches", "stars", "3")``). With ``share_of`` the cell also gives
    its share of that number in the same township (``10（20.8%）``); with ``only_share`` it gives the
    share alone (a rate). ``unit`` follows an amount (``万元``).
    """

    label: str
    path: tuple[str, ...]
    share_of: tuple[str, ...] | None = None
    only_share: bool = False
    unit: str = ""
    printed: str = ""
    """Its heading on the county's printed summary (三星党支部); empty: not printed there."""


STAR_COUNTS = tuple((str(stars), words) for stars, words in STAR_WORDS.items())
"""Star levels as ``summary.json`` keys them, with their words: ("3", 三星) … ("0", 无星)."""


def level_columns(
    root: tuple[str, ...],
    group: str,
    levels: Sequence[tuple[str, str]],
    printed: Mapping[str, str] | None = None,
) -> tuple[CountyColumn, ...]:
    """A column per level (key, label) of ``root.group``, each with its share of ``root.total``:
    stars of ``branches``, grades of ``boards.classification`` …; ``printed`` heads those on paper."""
    return tuple(
        CountyColumn(
            label, (*root, group, key), share_of=(*root, "total"), printed=(printed or {}).get(key, "")
        )
        for key, label in levels
    )


@frozen
class CountyBoard:
    """How a county compares one board across its townships: a table and a chart of one column."""

    key: str
    """Its page (``county/<key>``) and its key in the county's open data."""
    title: str
    page: str
    """The board's page on a township's site (``boards/branches/``), where each township's row links."""
    columns: tuple[CountyColumn, ...]
    chart: int
    """The column drawn as bars, one per township (by its share when it has one, so townships
    of different sizes compare fairly)."""
    note: str
    """What the numbers mean, in a sentence (under the table on the county's page)."""
    order: int
    printed_note: str = ""
    """What the printed summary's columns of this board mean, where it prints fewer than the page shows;
    empty: :attr:`note`."""
    rule_of: str = ""
    """The kind whose rule (``summary.json``'s ``rules``) its figures are made by: townships of different
    rules are said to be so ("": a board of no rule of the township's)."""
    dated: bool = False
    """Whether its figures depend on the day a township judges them at (``as_of``: what has fallen due, what
    is overdue): townships of different days are said to be so."""


@frozen
class StatTable:
    """A table a kind adds to the statistics page and ``stats.json``."""

    key: str
    template: str
    view: object
    data: object
    """Its JSON form in ``stats.json`` under ``key``."""


class BoardKind:
    """One kind of notice board. Subclasses set the class attributes and override what they have."""

    key: ClassVar[str]
    """Stable name: the year board's key, the open-data and snapshot key (``venues``)."""
    title: ClassVar[str]
    """The board's name in reports (``diff``, the change log): 活动场所星级."""
    order: ClassVar[int]
    """Position among the kinds wherever they are listed (home cards, diff, export, validate)."""
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    """Page kind → the data files and folders (ending in ``/``) its pages are made from, for their dates.
    ``{year}`` and ``{key}`` are filled in (the page's year and key)."""
    yearly: ClassVar[bool] = True
    """Whether it has a board every year (False: only the current year, e.g. pioneer posts)."""
    screen_title: ClassVar[str] = ""
    """Its name on the screen's opening slide (星级支部), if it has slides."""
    fact_label: ClassVar[str] = ""
    """Its word in the branch page's heading of facts (分类定级 · 述职考核 · 活动场所), if it gives a fact."""
    fact_order: ClassVar[int] = 0
    """Where its fact and its word stand among the facts."""
    record_files: ClassVar[tuple[RecordFile, ...]] = ()
    """Data files it reads beyond the built-in registries (``pairings.yml``, ``honours/``), with
    their model and cross-check: ``load_township`` reads them, ``Registry.records`` holds them."""
    county: ClassVar[tuple[CountyBoard, ...]] = ()
    """Its comparisons on a county's site, from the townships' ``summary.json`` (their counts come from
    :meth:`rollup`, or from the summary's own ``branches``, ``members`` and ``commitments``)."""
    objection: ClassVar[str] = "对评定结果有异议的"
    """Who its page's notice asks to speak up: 公示期内{objection}，请向…反映 (what the board publishes)."""

    def build(self, given: YearInput) -> object | None:
        """The kind's board of one year (None: the kind has nothing that year)."""
        return None

    def pages(self, view: YearView, board: Any) -> Sequence[BoardPage]:
        """Its own pages of one year (its board page)."""
        return ()

    def branch_sections(self, view: YearView, board: Any, branch_id: str) -> Sequence[BranchSection]:
        """Its parts of one branch's page of the year."""
        return ()

    def branch_fact(self, board: Any, branch_id: str) -> BranchFact | None:
        """Its line among a branch page's facts (分类定级 · 述职考核 · 活动场所)."""
        return None

    def branch_share_line(self, board: Any, branch_id: str) -> str | None:
        """Its line on the share card of a branch page (``2025 年度三星（92.5 分）``)."""
        return None

    def branch_slide_line(self, board: Any, branch_id: str) -> str | None:
        """Its line on a branch's opening slide on the screen."""
        return None

    def share_text(self, page: BoardPage) -> ShareText | None:
        """What a link to one of its pages says when shared."""
        return None

    def home_card(self, boards: Boards, board: Any) -> HomeCard | None:
        """Its card on the home page, from the current year's board."""
        return None

    def print_pages(self, boards: Boards, board: Any, printing: PrintContext) -> Sequence[PrintPage]:
        """Its printable pages of the current year: one per board and, for per-organisation boards, a set."""
        return ()

    def township_slides(self, boards: Boards, board: Any) -> Sequence[Slide]:
        """Its slides on the township's screen."""
        return ()

    def branch_slides(self, boards: Boards, board: Any, branch_id: str) -> Sequence[Slide]:
        """Its slides on one branch's screen."""
        return ()

    def open_data(self, board: Any) -> Mapping[str, object]:
        """Its open-data files of one year, made from its board alone: file name → JSON document.

        Why the board alone: the open data is what the boards show, and a rebuild reuses a file's text
        while the hash of its board is unchanged (:class:`~noticeboard.outputs.open_data.KeptTexts`)."""
        return {}

    def open_data_without_board(self, year: int) -> Mapping[str, object]:
        """Its open-data files of a year it has no board (no pairing yet, no honour that year): the same
        files with nothing in them, so that the 开放数据 page's links and a program reading the files find
        them in every township and every year."""
        return {}

    def rule(self, board: Any) -> str | None:
        """The rule its board's figures are made by, in the words the board prints, with what is the
        township's own (本镇规定); None for a board of no rule of the township's. ``summary.json`` carries it, so
        that a county says where townships' stars or grades come from different rules."""
        return None

    def rollup(self, board: Any) -> Mapping[str, object] | None:
        """Its counts in ``summary.json`` under ``boards.<key>``, for a county to compare and add up:
        every number a count or an amount (never a share or a score), so townships' numbers add up."""
        return None

    def snapshot(self, boards: Boards, board: Any) -> Mapping[str, Entry]:
        """Its entries as the what-changed report compares them (current year)."""
        return {}

    def sheets(self, boards: Boards, board: Any) -> Sequence[Sheet]:
        """Its sheets of the export workbook (current year)."""
        return ()

    def organisation_columns(self, boards: Boards, board: Any) -> ExtraColumns | None:
        """Columns it adds to the export's organisations sheet."""
        return None

    def member_columns(self, boards: Boards, board: Any) -> ExtraColumns | None:
        """Columns it adds to the export's members sheet."""
        return None

    def figures(self, boards: Boards, board: Any) -> Sequence[Figure]:
        """Its figures on the statistics page."""
        return ()

    def stat_tables(self, boards: Boards, board: Any) -> Sequence[StatTable]:
        """Its tables on the statistics page."""
        return ()

    def reminders(self, boards: Boards, view: YearView, board: Any) -> Sequence[Problem]:
        """What its board of one year says that another board contradicts, as ``FILE:LINE: 提醒：…``
        (``validate`` shows them before publishing; they stop nothing unless ``--strict``)."""
        return ()

    def counts(self, boards: Boards, board: Any) -> str:
        """What ``validate`` reports of its current board, e.g. ``活动场所 6 个`` ("" for nothing to say)."""
        return ""
