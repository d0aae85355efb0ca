"""The county roll-up end to end, as a county supervisor checks it.

Three demo townships, each built as a township builds its own site (``python -m noticeboard build``),
rolled up with ``python -m noticeboard county``: every township's figures on the county's board
pages, printed summary and open data against the ``summary.json`` it published itself (shares
recomputed here, half-up); a township with a missing file and one with the old format reported and
the rest published; the same folders, the same bytes; no member's name anywhere on the county's site.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser

from noticeboard.boards.kind import CountyBoard, CountyColumn
from noticeboard.county.comparison import county_boards
from noticeboard.demo import Shape
from noticeboard.demo_county import generate_county
from support import ROOT

pytestmark = pytest.mark.slow  # three township builds, three county roll-ups, Chromium

SHAPE = Shape(branches=6, members=60)
"""Small townships: each builds in about three seconds."""
SITE_URL = "https://county.example.org/"
COUNTS = ("branches", "members", "commitments", "boards")
"""What a county copies from each township's ``summary.json``."""
A4_LANDSCAPE = (841.9, 595.3)


def noticeboard(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``python -m noticeboard ARGS`` as the county's CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "noticeboard", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=check,
    )


def roll_up(county_file: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return noticeboard("county", county_file, "--out", out, "--site-url", SITE_URL, check=False)


def read_json(path: Path) -> Any:
    """A JSON file with its amounts as exact decimals (``33.5``, ``28.0``)."""
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


@dataclass(frozen=True)
class Township:
    id: str
    name: str
    data: Path
    """Its published open data (a build's ``site/data``)."""

    def summary(self) -> dict[str, Any]:
        return dict(read_json(self.data / "summary.json"))


@dataclass(frozen=True)
class Rolled:
    """A county rolled up: its ``county.yml``, its townships, the site and what the command printed."""

    county_file: Path
    townships: tuple[Township, ...]
    site: Path
    returncode: int
    log: str


def county_townships(county_file: Path) -> tuple[Township, ...]:
    config = yaml.safe_load(county_file.read_text(encoding="utf-8"))
    return tuple(
        Township(t["id"], t["name"], county_file.parent / t["open_data"]) for t in config["townships"]
    )


def rolled(county_file: Path, out: Path) -> Rolled:
    result = roll_up(county_file, out)
    return Rolled(
        county_file, county_townships(county_file), out, result.returncode, result.stdout + result.stderr
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three demo townships, each site built on its own, and the county's ``county.yml``."""
    root = tmp_path_factory.mktemp("county")
    made = generate_county(root, 3, SHAPE)
    for township in made.townships:
        noticeboard("build", township.folder / "data", "--quiet")
    return made.config


@pytest.fixture(scope="module")
def county(demo: Path) -> Rolled:
    """The three townships rolled up as published."""
    return rolled(demo, demo.parent / "county-site")


GOOD = "longquan"
MISSING_FILE = "qingshan"
OLD_FORMAT = "baisha"


@pytest.fixture(scope="module")
def broken(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Rolled:
    """The same townships' published data copied elsewhere: one without summary.json, one with the summary
    of the old format (version 1: the bare counts, no schema_version, organisation or as_of), one as published."""
    root = tmp_path_factory.mktemp("broken")
    config = yaml.safe_load(demo.read_text(encoding="utf-8"))
    for entry in config["townships"]:
        shutil.copytree(demo.parent / entry["open_data"], root / entry["id"] / "data")
        entry["open_data"] = f"{entry['id']}/data"
    (root / MISSING_FILE / "data" / "summary.json").unlink()
    old = root / OLD_FORMAT / "data" / "summary.json"
    current = read_json(old)
    old.write_text(
        json.dumps({key: current[key] for key in ("year", "branches", "members", "commitments")}),
        encoding="utf-8",
    )
    county_file = root / "county.yml"
    county_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return rolled(county_file, root / "county-site")


# --- Reading the county's pages ---------------------------------------------------------------------


@dataclass
class Table:
    attrs: dict[str, str]
    rows: list[list[list[str]]]
    """Each row's cells, each cell's text pieces (an element's text, whitespace-only pieces left out)."""


class Tables(HTMLParser):
    """Every ``<table>`` of a page, and the texts of its bar charts (``svg.nb-chart``)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.chart_texts: list[list[str]] = []
        self._cell: list[str] | None = None
        self._inline = False
        """A number kept with its unit (``span.nb-nowrap``) began or ended just before: the text after it goes
        on the cell's last piece (第 1 版，, not 第 / 1 版 / ，)."""
        self._spans: list[bool] = []
        """Each open ``<span>``: whether it keeps a number with its unit."""
        self._in_chart = False
        self._in_text = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(Table({k: v or "" for k, v in attrs}, []))
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1].rows:
            self._cell = []
            self.tables[-1].rows[-1].append(self._cell)
        elif tag == "svg" and "nb-chart" in (dict(attrs).get("class") or "").split():
            self._in_chart = True
            self.chart_texts.append([])
        elif tag == "text" and self._in_chart:
            self._in_text = True
        elif tag == "span":
            kept = dict(attrs).get("class") == "nb-nowrap"
            self._spans.append(kept)
            self._inline = self._inline or kept

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self._cell[:] = [" ".join(piece.split()) for piece in self._cell if piece.strip()]
            self._cell = None
        elif tag == "span" and self._spans:
            self._inline = self._spans.pop()
        elif tag == "svg":
            self._in_chart = False
        elif tag == "text":
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self._inline and self._cell:
            self._cell[-1] += data
        elif self._cell is not None and data.strip():
            self._cell.append(data)
        self._inline = False
        if self._in_text and data.strip():
            self.chart_texts[-1].append(data.strip())


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def board_table(site: Path, board: CountyBoard) -> tuple[dict[str, list[list[str]]], list[str]]:
    """The sortable table of a board's page: each township's cells (by the name in its first cell) and the total."""
    (table,) = [
        t for t in Tables(page(site, f"{board.key}/index.html")).tables if "data-nb-sortable" in t.attrs
    ]
    header, *rows = table.rows
    assert [cell[0] for cell in header[1:]] == [column.label for column in board.columns]
    by_name = {row[0][0]: row for row in rows}
    total = by_name.pop("全县合计")
    return by_name, [" ".join(cell) for cell in total[1:]]


def texts(row: Sequence[list[str]]) -> list[str]:
    return [" ".join(cell) for cell in row[1:]]


# --- What the numbers must be, computed here ---------------------------------------------------------


def at(summary: Mapping[str, Any], path: Sequence[str]) -> Any:
    value: Any = summary
    for step in path:
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


def percent(count: Decimal | int, whole: Decimal | int) -> Decimal:
    """``count`` of ``whole`` in per cent, half-up to one decimal."""
    return (Decimal(count) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def add_up(documents: Sequence[Any]) -> Any:
    """Counts added key by key (the county's totals)."""
    if isinstance(documents[0], Mapping):
        keys = sorted({key for document in documents for key in document})
        return {key: add_up([d[key] for d in documents if key in d]) for key in keys}
    return sum(documents, start=Decimal(0))


def counts(summary: Mapping[str, Any]) -> dict[str, Any]:
    return {key: summary[key] for key in COUNTS if key in summary}


def check_cell(column: CountyColumn, text: str, summary: Mapping[str, Any], who: str) -> None:
    """A table cell says the number at the column's path in ``summary``, and its share (half-up) where it has one."""
    where = f"{who}, {column.label}: {text!r}"
    value = at(summary, column.path)
    assert value is not None, f"{where}: the summary has no {column.path}"
    whole = at(summary, column.share_of) if column.share_of else None
    if column.share_of and column.only_share:
        assert text == (f"{percent(value, whole)}%" if whole else "—"), where
        return
    number = re.match(r"\d+(\.\d+)?", text)
    assert number is not None, where
    assert Decimal(number.group()) == Decimal(value), where
    rest = text[number.end() :]
    assert rest == (f"（{percent(value, whole)}%）" if whole else column.unit), where


# --- 1–2. Every township's figures against its own summary.json ---------------------------------------


def test_the_roll_up_succeeds_and_its_log_names_every_township(county: Rolled) -> None:
    assert county.returncode == 0, county.log
    for township in county.townships:
        assert f"{township.name}（{township.id}）已汇总" in county.log
    assert "3 个乡镇，已汇总 3 个" in county.log


def test_townships_json_copies_each_summary_unchanged_and_adds_them_up(county: Rolled) -> None:
    data = read_json(county.site / "data" / "townships.json")
    assert [row["id"] for row in data["townships"]] == [t.id for t in county.townships]
    summaries = []
    for township, row in zip(county.townships, data["townships"], strict=True):
        summary = township.summary()
        summaries.append(summary)
        assert (row["status"], row["reason"], row["year"], row["name"]) == (
            "ok",
            None,
            summary["year"],
            township.name,
        )
        for key in COUNTS:
            assert row[key] == summary[key], (township.id, key)
    assert data["totals"] == add_up([counts(s) for s in summaries])
    assert data["counted"] == 3


def test_every_board_page_shows_each_townships_own_numbers_and_their_sum(county: Rolled) -> None:
    boards = read_json(county.site / "data" / "boards.json")["boards"]
    summaries = [t.summary() for t in county.townships]
    totals = add_up([counts(s) for s in summaries])
    checked = 0
    for board in county_boards():
        rows, total = board_table(county.site, board)
        assert list(rows) == [t.name for t in county.townships], board.key
        published = boards[board.key]
        for township, summary, row, data in zip(
            county.townships, summaries, rows.values(), published["townships"], strict=True
        ):
            cells = texts(row)
            assert len(cells) == len(board.columns)
            for column, text in zip(board.columns, cells, strict=True):
                check_cell(column, text, summary, f"{board.key} {township.name}")
                checked += 1
            assert (data["id"], data["status"], data["cells"]) == (township.id, "ok", cells)
        for column, text in zip(board.columns, total, strict=True):
            check_cell(column, text, totals, f"{board.key} 全县合计")
        assert published["total"] == total
    assert checked >= 3 * 30  # every column of every board, for every township


def test_each_chart_says_what_its_table_says(county: Rolled) -> None:
    for board in county_boards():
        rows, _ = board_table(county.site, board)
        (chart,) = Tables(page(county.site, f"{board.key}/index.html")).chart_texts
        expected = [text for name, row in rows.items() for text in (name, texts(row)[board.chart])]
        assert chart == expected, board.key


def test_the_home_page_lists_every_township_and_each_boards_county_figure(county: Rolled) -> None:
    html = page(county.site, "index.html")
    (townships,) = Tables(html).tables
    assert [row[0][0] for row in townships.rows[1:]] == [t.name for t in county.townships]
    assert all(texts(row)[0] == "已汇总" for row in townships.rows[1:])
    found = re.findall(
        r'<span class="nb-card__title">(.*?)</span>\s*<span class="nb-card__line">(.*?)</span>\s*</a>', html
    )
    # (a title's words marked where it may wrap, a line's 84.0 万元 kept on one line: read as text)
    cards = {re.sub("<[^>]+>", "", title): re.sub("<[^>]+>", "", line) for title, line in found}
    for board in county_boards():
        _, total = board_table(county.site, board)
        assert cards[board.title].endswith(" " + total[board.chart]), board.key


def test_the_printed_summary_lists_every_township_with_the_board_pages_numbers(county: Rolled) -> None:
    html = page(county.site, "print/index.html")
    (table,) = Tables(html).tables
    header, *rows = table.rows
    printed = [
        (board, index) for board in county_boards() for index, c in enumerate(board.columns) if c.printed
    ]
    assert printed, "the printed summary has columns"
    assert [cell[0] for cell in header[1:]] == [board.columns[index].printed for board, index in printed]
    assert [row[0][0] for row in rows] == [t.name for t in county.townships] + ["全县合计"]
    pages = {board.key: board_table(county.site, board) for board, _ in printed}
    for row in rows:
        name = row[0][0]
        expected = [
            (pages[board.key][1] if name == "全县合计" else texts(pages[board.key][0][name]))[index]
            for board, index in printed
        ]
        assert texts(row) == expected, name
    assert re.search(r'<figure class="nb-sheet__qr">\s*<svg[^>]*>.*?<path[^>]*d="M', html, re.S)


def test_the_printed_summarys_notes_explain_only_what_it_prints(county: Rolled) -> None:
    """The sheet prints the pairs but not the money, the honours given but not those proposed: a note
    explaining a column that is not on paper sends a reader looking for it."""
    text = re.sub(r"<[^>]+>", "", page(county.site, "print/index.html"))
    assert "结对共创：结对共创（五联五创）的对数。" in text and "表彰：本年度已表彰的党员和党组织。" in text
    assert "投入资金" not in text and "拟表彰" not in text


def ink_runs(png: bytes) -> int:
    """How many bands of dark pixel rows an image has, top to bottom, with blank rows between them."""
    image = Image.open(io.BytesIO(png)).convert("L")
    grey, width = image.tobytes(), image.width
    inked = [min(grey[y * width : (y + 1) * width]) < 128 for y in range(image.height)]
    return sum(1 for y, ink in enumerate(inked) if ink and (y == 0 or not inked[y - 1]))


def test_a_sortable_headings_dotted_line_sits_below_its_characters(county: Rolled, browser: Browser) -> None:
    """The dotted line that says a heading sorts must not touch the characters: on 二星 it read as 三星."""
    tab = browser.new_page(viewport={"width": 1366, "height": 900}, device_scale_factor=3)
    tab.goto((county.site / "branches" / "index.html").as_uri())
    for column in next(board for board in county_boards() if board.key == "branches").columns:
        heading = tab.get_by_role("button", name=column.label, exact=True)
        assert ink_runs(heading.screenshot()) == 2, column.label  # the characters, then the dotted line
    tab.close()


def test_the_printed_summary_is_one_a4_landscape_sheet_whose_qr_code_leads_to_the_county_site(
    county: Rolled, browser: Browser
) -> None:
    tab = browser.new_page()
    tab.goto((county.site / "print" / "index.html").as_uri())
    tab.emulate_media(media="print")
    data = tab.pdf(prefer_css_page_size=True, print_background=True)
    tab.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert all(
        abs(a - b) <= 1 for a, b in zip((float(box.width), float(box.height)), A4_LANDSCAPE, strict=True)
    )
    image = pypdfium2.PdfDocument(data)[0].render(scale=3).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [SITE_URL]


@pytest.mark.parametrize("width", [360, 412])
def test_the_printed_summary_is_shown_whole_on_a_phone(county: Rolled, browser: Browser, width: int) -> None:
    # It was 1123 px wide at 360: it scrolled sideways, its toolbar over a third of it; a township's fit.
    tab = browser.new_page(viewport={"width": width, "height": 800})
    tab.goto((county.site / "print" / "index.html").as_uri())
    wide = tab.evaluate("document.documentElement.scrollWidth")
    sheet = tab.evaluate("document.querySelector('.nb-sheet').getBoundingClientRect().right")
    tab.emulate_media(media="print")
    printed = tab.pdf(prefer_css_page_size=True, print_background=True)
    tab.close()
    assert wide <= width and sheet <= width
    assert len(pypdf.PdfReader(io.BytesIO(printed)).pages) == 1  # printed at its size all the same


# --- 3. A missing file and an old format: reported, the rest published ------------------------------------


def test_problem_townships_are_reported_with_their_reason_and_the_others_published(broken: Rolled) -> None:
    assert broken.returncode == 0, broken.log
    data = read_json(broken.site / "data" / "townships.json")
    rows = {row["id"]: row for row in data["townships"]}
    assert {key: row["status"] for key, row in rows.items()} == {
        MISSING_FILE: "missing",
        GOOD: "ok",
        OLD_FORMAT: "missing",
    }
    assert rows[GOOD]["reason"] is None
    assert "summary.json" in rows[MISSING_FILE]["reason"]
    assert "旧格式" in rows[OLD_FORMAT]["reason"]
    by_id = {t.id: t for t in broken.townships}
    for key in (MISSING_FILE, OLD_FORMAT):
        reason = rows[key]["reason"]
        assert str(broken.site.parent) not in reason  # the folder as county.yml names it, not the machine's
        assert not set(COUNTS) & set(rows[key]), "no counts of a township whose data is not used"
        line = next(line for line in broken.log.splitlines() if f"（{key}）" in line)
        assert by_id[key].name in line and "数据未提供" in line and reason in line, broken.log
    good = by_id[GOOD].summary()
    for key in COUNTS:
        assert rows[GOOD][key] == good[key]
    assert data["totals"] == add_up([counts(good)])
    assert data["counted"] == 1
    assert "3 个乡镇，已汇总 1 个" in broken.log


def test_the_home_page_says_data_not_provided_and_why(broken: Rolled) -> None:
    reasons = {
        row["id"]: row["reason"] for row in read_json(broken.site / "data" / "townships.json")["townships"]
    }
    (townships,) = Tables(page(broken.site, "index.html")).tables
    lines = {row[0][0]: texts(row) for row in townships.rows[1:]}
    for township in broken.townships:
        if township.id == GOOD:
            assert lines[township.name][0] == "已汇总"
        else:
            assert lines[township.name] == ["数据未提供", reasons[township.id]]


def test_every_board_page_keeps_the_good_townships_numbers_and_adds_up_only_those(broken: Rolled) -> None:
    reasons = {
        row["id"]: row["reason"] for row in read_json(broken.site / "data" / "townships.json")["townships"]
    }
    good = next(t for t in broken.townships if t.id == GOOD)
    summary = good.summary()
    for board in county_boards():
        rows, total = board_table(broken.site, board)
        for column, text in zip(board.columns, texts(rows[good.name]), strict=True):
            check_cell(column, text, summary, f"{board.key} {good.name}")
        for column, text in zip(board.columns, total, strict=True):
            check_cell(column, text, summary, f"{board.key} 全县合计")
        for township in broken.townships:
            if township.id != GOOD:
                row = rows[township.name]
                assert reasons[township.id] in row[0][1], (board.key, row[0])
                assert texts(row) == ["数据未提供"] * len(board.columns), board.key
    printed = page(broken.site, "print/index.html")
    for township in broken.townships:
        assert township.name in printed
        if township.id != GOOD:
            assert reasons[township.id] in printed


@pytest.mark.parametrize("which", ["county", "broken"])
def test_the_printed_table_stays_within_the_sheet(
    which: str, browser: Browser, request: pytest.FixtureRequest
) -> None:
    """Eleven columns of 数据未提供 in a missing township's row once pushed the last column off the paper; a
    sheet whose reasons took more lines than counted ran onto a second page, its footer alone there."""
    site = request.getfixturevalue(which).site
    tab = browser.new_page()
    tab.goto((site / "print" / "index.html").as_uri())
    tab.emulate_media(media="print")
    sheets = tab.evaluate(
        "[...document.querySelectorAll('.nb-sheet')].map(sheet => ['.nb-sheet__head', '.nb-sheet__table']"
        ".map(part => sheet.querySelector(part).getBoundingClientRect().right))"
    )
    printed = tab.pdf(prefer_css_page_size=True, print_background=True)
    tab.close()
    for head, table in sheets:
        assert table <= head + 0.5, f"the table ends at {table} px, the sheet's text at {head} px"
    assert len(pypdf.PdfReader(io.BytesIO(printed)).pages) == len(sheets), "a sheet ran onto another page"


# --- 4. The same folders, the same bytes --------------------------------------------------------------------


def files(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path.read_bytes()


def test_rolling_up_the_same_folders_again_gives_the_same_bytes(county: Rolled, tmp_path: Path) -> None:
    again = rolled(county.county_file, tmp_path / "again")
    assert again.returncode == 0, again.log
    first, second = dict(files(county.site)), dict(files(again.site))
    assert sorted(first) == sorted(second)
    assert "sitemap.xml" in first and "data/townships.json" in first
    different = [name for name in first if first[name] != second[name]]
    assert different == []


# --- 5. No member's name on the county's site ----------------------------------------------------------------


def member_names(townships: Sequence[Township]) -> set[str]:
    return {
        record["name"]
        for township in townships
        for record in read_json(township.data / "members.json")["records"]
    }


def naming(folder: Path, names: set[str]) -> dict[str, list[str]]:
    """The HTML, JSON and XML files under ``folder`` with the names found in each."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".html", ".json", ".xml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            hits = sorted(name for name in names if name in text)
            if hits:
                found[path.relative_to(folder).as_posix()] = hits
    return found


def test_the_county_site_names_no_member(county: Rolled, broken: Rolled) -> None:
    names = member_names(county.townships)
    assert len(names) > 100
    first = county.townships[0]
    assert naming(first.data.parent / "branches", names), "the township's own boards name its members"
    assert naming(county.site, names) == {}
    assert naming(broken.site, names) == {}
