"""A county's site as an engine-neutral catalogue: its pages, its printed summary and its open data.

The same :class:`~noticeboard.outputs.catalogue.Catalogue` as a township's, so the same
engine glue (``hooks/``) and theme publish it: a home page with every township's status,
a page per compared board (a table sortable on the page and a chart), the A4 summary
with a QR code to the county's site, ``data/townships.json`` and ``data/boards.json``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from noticeboard.boards import json_values
from noticeboard.boards.parts import chinese_date
from noticeboard.boards.slides import chunks
from noticeboard.county.comparison import Table, amount_paths, compare, county_boards, number_paths
from noticeboard.county.published import COUNTS, Published, read_published
from noticeboard.county.settings import County, open_data_folder
from noticeboard.outputs.catalogue import (
    Catalogue,
    Frame,
    Image,
    Page,
    Share,
    Standalone,
    files_written,
    output_file,
    to_root,
)
from noticeboard.outputs.open_data import envelope
from noticeboard.outputs.qr_codes import qr_svg
from noticeboard.outputs.share_cards import Card, card_digest, card_path, draw
from noticeboard.registries.frozen import frozen

STATUS_WORDS = {"ok": "已汇总", "stale": "往年数据", "missing": "数据未提供"}
PRINT_PATH = "print"
DATA_FILES = (
    (
        "data/townships.json",
        "各乡镇的状态（已汇总、往年数据、数据未提供及原因）和汇总的数量，以及全县合计",
    ),
    (
        "data/boards.json",
        "各分项比较表：每个乡镇的数字和占比，与网页上的表格一致；各乡镇评定规则不同时的说明",
    ),
)


@frozen
class TownshipLine:
    """A township on the county's home page: its site, whether its data is in, and why not."""

    name: str
    site: str
    status: str
    status_text: str
    note: str
    """Why its data is not in, or the date it was checked as of (``数据截至 2026年1月5日``)."""


@frozen
class BoardLink:
    """A card on the county's home page leading to one comparison, with the county's figure."""

    title: str
    line: str
    url: str


@frozen
class CountyHome:
    """The county's home page: what was rolled up, each township's status, the comparisons."""

    organisation: str
    year: int
    sentence: str
    townships: tuple[TownshipLine, ...]
    cards: tuple[BoardLink, ...]
    """A card per comparison, with the county's figure (``more-boards.html``)."""
    print_url: str
    data: tuple[tuple[str, str], ...]
    """(URL, what it holds) of each open-data file."""
    more: str = "分项比较"
    """The heading of the cards."""
    print_label: str = "汇总表（A4 横版）"
    data_note: str = (
        "本页的数字全部来自各乡镇公示栏网站发布的开放数据（summary.json），原样汇总，不含任何未公示的信息："
    )


@frozen
class PosterRow:
    """A township's line on the printed summary."""

    name: str
    note: str
    cells: tuple[str, ...]


@frozen
class CountySheet:
    """One A4 landscape sheet of the printed summary: its townships, and on the last the county's totals."""

    title: str
    """The summary's title, with （续） on a sheet after the first."""
    rows: tuple[PosterRow, ...]
    total: tuple[str, ...] | None
    """The 全县合计 row: on the last sheet only (on each, it read as a subtotal of the sheet's townships)."""
    notes: tuple[str, ...]
    """What the totals and each board's figures mean: on the last sheet, under the total."""
    page: str
    """``第 1 页，共 2 页`` (empty for a single sheet)."""


SHEET_LINES = 18
"""Lines of townships one sheet holds with its heads and footer (A4 landscape, 9.5 pt); the last sheet also
holds the 全县合计 row and the notes, a line each. Thirty townships printed as one table ran onto a second page
without its title, its total repeated on the first under 22 of them."""
NAME_CHARACTERS = 9
"""Characters of a township's name on one line of the printed table (its column is 9em wide, print.css)."""
REASON_CHARACTERS = 14
"""Characters of a missing township's reason on one line under its name (smaller type, 14em wide: print.css)."""
NOTE_CHARACTERS = 78
"""Characters of a note under the table on one line, a few fewer than fit (82 in Chromium): a note of the
townships' different rules takes three or four lines, which were counted as one."""


def _sheet_lines(row: PosterRow) -> int:
    """Lines a township's row takes on the printed table: its name's, and its note's under it."""
    return -(-len(row.name) // NAME_CHARACTERS) + -(-len(row.note) // REASON_CHARACTERS)


@frozen
class CountyPoster:
    """The printed county summary (A4 landscape): the printed columns of every board, a QR code, on as many
    sheets as the townships need."""

    organisation: str
    title: str
    year: int
    headers: tuple[str, ...]
    sheets: tuple[CountySheet, ...]
    qr_svg: str | None
    url: str | None
    back: str
    date: str
    """The days its figures are of (:attr:`CountySite.as_of_words`), after the department that publishes it."""


@frozen
class CountySite:
    """What one county build publishes, before it has URLs."""

    county: County
    townships: tuple[Published, ...]
    tables: tuple[Table, ...]
    cache_dir: Path | None

    @property
    def as_of(self) -> dt.date:
        """The newest date any township's data was checked as of (the build's date: the same data, the same site)."""
        dates = [t.as_of for t in self.townships if t.as_of is not None]
        return max(dates) if dates else dt.date(self.county.year + 1, 1, 1)

    @property
    def build_date(self) -> dt.date:
        return self.as_of

    @property
    def as_of_words(self) -> str:
        """``数据截至 2026年1月5日``, or the first and last of the townships' days where they differ: the
        printed summary said 发布 … 2026年6月30日, the last township's day, as if every figure were of it."""
        days = sorted({t.as_of for t in self.townships if t.as_of is not None})
        if len(days) > 1:
            return f"各乡镇数据截至 {chinese_date(days[0])} 至 {chinese_date(days[-1])}"
        return f"数据截至 {chinese_date(days[0])}" if days else ""

    @property
    def story_paths(self) -> tuple[str, ...]:
        """A county has no case stories of its own."""
        return ()

    def frame(self) -> Frame:
        """What every page's frame prints: the department and the year; a roll-up has no notice period."""
        county = self.county
        return Frame(county.organisation, county.organisation, county.year, None, self.as_of, False)

    def catalogue(self, *, site_url: str, directory_urls: bool, site_dir: Path | None = None) -> Catalogue:
        return county_catalogue(self, site_url=site_url, directory_urls=directory_urls, site_dir=site_dir)


def read_county_site(county: County, county_file: Path, cache_dir: Path | None = None) -> CountySite:
    """Read every township's published data (never failing on one) and compare them board by board."""
    paths, amounts = number_paths(), amount_paths()
    townships = tuple(
        read_published(open_data_folder(county_file, entry), entry, county.year, paths, amounts)
        for entry in county.townships
    )
    tables = tuple(compare(board, townships, county.year) for board in county_boards())
    return CountySite(county, townships, tables, cache_dir)


def county_catalogue(
    site: CountySite, *, site_url: str, directory_urls: bool, site_dir: Path | None = None
) -> Catalogue:
    """Every page and file of the county's site, in a fixed order (``site_dir``: the folder the site is
    built into, where its data files are written at once; None: they are held)."""
    catalogue = Catalogue(directory_urls)
    county = site.county

    def share(title: str, lines: tuple[str, ...]) -> Share:
        card = Card(title, lines, county.organisation, county.year, "党务公开汇总")
        image = Image(card_digest(card), functools.partial(draw, card))
        catalogue.images[path := card_path(card)] = image
        return Share(title, card.description, path)

    home = _home(site, catalogue)
    pages: list[tuple[str, str, str, str, object, Share]] = [
        (
            "index.md",
            "county-home",
            "county-home.html",
            "各乡镇汇总",
            home,
            share(f"{county.organisation}党务公开汇总", (home.sentence,)),
        ),
    ]
    for table, link in zip(site.tables, home.cards, strict=True):
        pages.append(
            (
                f"{table.key}.md",
                "county-board",
                "county-board.html",
                table.title,
                table,
                share(f"各乡镇{table.title}（{county.year} 年度）", (link.line,)),
            )
        )
    for src_uri, kind, template, title, view, card in pages:
        key = src_uri.removesuffix(".md")
        url = "./" if key == "index" else catalogue.url(key)
        page = Page(src_uri, url, kind, county.year, key, template, title, view, True, card, None)
        catalogue.pages[src_uri] = page
        catalogue.urls[(kind, county.year, key)] = url
    catalogue.other_share = catalogue.pages["index.md"].share
    _add_poster(catalogue, site, site_url)
    catalogue.files.update(
        files_written((((name,), text) for name, text in county_data(site).items()), site_dir)
    )
    catalogue.search_words = tuple(sorted(t.entry.name for t in site.townships))  # (as a township's)
    return catalogue


def _home(site: CountySite, catalogue: Catalogue) -> CountyHome:
    county = site.county
    by_status = {status: sum(t.status == status for t in site.townships) for status in STATUS_WORDS}
    sentence = f"{county.year} 年度：{len(site.townships)} 个乡镇，已汇总 {by_status['ok']} 个"
    if by_status["stale"]:
        sentence += f"，{by_status['stale']} 个只有往年数据"
    if by_status["missing"]:
        sentence += f"，{by_status['missing']} 个数据未提供"
    lines = tuple(
        TownshipLine(
            t.entry.name,
            t.entry.site,
            t.status,
            STATUS_WORDS[t.status],
            t.reason or (f"数据截至 {chinese_date(t.as_of)}" if t.as_of else ""),
        )
        for t in site.townships
    )
    boards = tuple(
        BoardLink(table.title, _headline(table), catalogue.url(table.key)) for table in site.tables
    )
    data = tuple((path, text) for path, text in DATA_FILES)
    return CountyHome(
        county.organisation,
        county.year,
        sentence + "。",
        lines,
        boards,
        catalogue.url(PRINT_PATH),
        data,
    )


def _headline(table: Table) -> str:
    """The county's figure of a comparison's charted column: ``全县合计 三星 37（18.5%）``."""
    index = table.headers.index(table.chart.column)
    line = f"全县合计 {table.chart.column} {table.total[index].text}"
    counted = table.column_counts[index]
    line += "" if counted == len(table.rows) else f"（计入 {counted} 个乡镇）"
    return line + ("（各乡镇不能直接相比，见该页说明）" if table.rules_note else "")


def _printed(tables: Sequence[Table]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The headings and (table, column) places of the columns printed on paper and on the home page."""
    places = tuple(
        (index, column)
        for index, table in enumerate(tables)
        for column, printed in enumerate(table.printed)
        if printed
    )
    return tuple(tables[index].printed[column] for index, column in places), places


def _board_note(table: Table, counted: int) -> str:
    """A printed board's note, and how many townships its 全县合计 counts where that is not ``counted`` (the
    townships whose data is in)."""
    note = table.printed_note or table.note
    if table.counted == counted:
        said = f"{table.title}：{note}。"
    elif table.counted:
        said = f"{table.title}：{note}；全县合计计入 {table.counted} 个乡镇。"
    else:
        said = f"{table.title}：{note}；没有乡镇计入全县合计。"
    return said + (f"{table.rules_note}。" if table.rules_note else "")


def _add_poster(catalogue: Catalogue, site: CountySite, site_url: str) -> None:
    county = site.county
    url = catalogue.url(PRINT_PATH)
    catalogue.urls[("print", county.year, "")] = url
    target = output_file(url)
    base = county.site or (site_url.rstrip("/") + "/" if site_url else None)
    headers, places = _printed(site.tables)
    first = site.tables[0]  # every township has branches: its row says whether the township's data is in
    rows = tuple(
        PosterRow(
            township.entry.name,
            first.rows[index].note or "",
            tuple(site.tables[board].rows[index].cells[column].text for board, column in places),
        )
        for index, township in enumerate(site.townships)
    )
    total = tuple(site.tables[board].total[column].text for board, column in places)
    notes = (
        f"{first.totals_note}。",
        *(_board_note(table, first.counted) for table in site.tables if any(table.printed)),
    )
    # The rows shared out by the lines they take, the last counting the total and the notes it carries (so
    # never a sheet of the total alone).
    below = 1 + sum(-(-len(note) // NOTE_CHARACTERS) for note in notes)  # (the total and the notes' lines)
    parts = chunks(rows, SHEET_LINES, lambda row: _sheet_lines(row) + below * (row is rows[-1]))
    title = f"{county.year} 年度各乡镇党务公开汇总表"
    last = len(parts) - 1
    sheets = tuple(
        CountySheet(
            title + ("（续）" if index else ""),
            part,
            total if index == last else None,
            notes if index == last else (),
            f"第 {index + 1} 页，共 {len(parts)} 页" if len(parts) > 1 else "",
        )
        for index, part in enumerate(parts)
    )
    view = CountyPoster(
        county.organisation,
        title,
        county.year,
        headers,
        sheets,
        qr_svg(base) if base else None,
        base,
        to_root(target) or "./",
        site.as_of_words,
    )
    catalogue.standalone.append(
        Standalone(target, "county-poster.html", view.title, view, to_root(target).rstrip("/") or ".")
    )


def county_data(site: CountySite) -> dict[str, str]:
    """``data/townships.json`` (each township's status and its summary's counts, copied unchanged, and the
    county's totals) and ``data/boards.json`` (each comparison as the pages show it)."""
    county = site.county
    townships = [
        {
            "id": t.entry.id,
            "name": t.entry.name,
            "site": t.entry.site,
            "year": t.year,
            "as_of": t.as_of.isoformat() if t.as_of else None,  # (what fell due and is overdue is of it)
            "status": t.status,
            "reason": t.reason,
            **{key: t.counts[key] for key in COUNTS if key in t.counts},
        }
        for t in site.townships
    ]
    totals = _add_up([t.counts for t in site.townships if t.status == "ok"])
    documents = {
        "data/townships.json": {
            "townships": townships,
            "totals": totals,
            "counted": sum(t.status == "ok" for t in site.townships),
        },
        "data/boards.json": {"boards": {table.key: table.as_dict(site.townships) for table in site.tables}},
    }
    return {
        name: json.dumps(
            envelope(doc, organisation=county.organisation, year=county.year),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
            default=_number,
        )
        + "\n"
        for name, doc in documents.items()
    }


def _add_up(summaries: Sequence[object]) -> object:
    """Every count of the ``ok`` townships' summaries added up, key by key (each number a count or an amount)."""
    keys: dict[str, list[object]] = {}
    numbers: list[object] = []
    for summary in summaries:
        if isinstance(summary, dict):
            for key, value in summary.items():
                keys.setdefault(key, []).append(value)
        elif isinstance(summary, (int, Decimal)) and not isinstance(summary, bool):
            numbers.append(summary)
    if numbers:
        return sum(numbers, start=0)  # type: ignore[arg-type]
    return {key: _add_up(values) for key, values in sorted(keys.items()) if key not in ("as_of",)}


def _number(value: object) -> object:
    """Amounts read as exact decimals are written back as the numbers they were (``8.5``)."""
    if isinstance(value, Decimal):
        return json_values.number(value)
    raise TypeError(type(value).__name__)
