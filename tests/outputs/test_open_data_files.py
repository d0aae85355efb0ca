"""Every open-data file the 开放数据 page lists is published by every township, every year.

A township that has no pairing, honour or lecture yet still publishes ``pairings.json``,
``honours.json`` and ``lectures.json``, empty: the page's links work (a strict build stopped on them
before), and a program that reads a township's files finds the same files in every township.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import build_boards
from noticeboard.outputs import catalogue, open_data
from noticeboard.website import build_website
from support import ROOT
from support.open_data import document, published
from support.township import Township


def test_a_board_without_records_still_publishes_its_files_empty(tmp_path: Path) -> None:
    town = Township(tmp_path)
    registry = town.load()
    assert not {"pairings", "honours", "lectures"} & set(registry.records) | set(registry.yearly_records)
    files = open_data.files(build_boards(registry, dt.date(2026, 1, 5)))
    for year in ("", "2025/"):
        assert published(files[f"data/{year}pairings.json"]) == []
        assert published(files[f"data/{year}honours.json"]) == []
        lectures = published(files[f"data/{year}lectures.json"])
        assert (lectures["year"], lectures["schools"], lectures["lectures"]) == (2025, [], [])
        assert document(files[f"data/{year}pairings.json"])["organisation"] == registry.site.organisation


def test_every_file_the_open_data_page_links_is_published(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((data/[^)]+\.json)\)", page))
    assert len(linked) >= 12
    boards = build_boards(Township(tmp_path).load(), dt.date(2026, 1, 5))
    files = open_data.files(boards, build_stats(boards))
    assert linked - files.keys() == set()


def test_open_data_is_written_into_the_site_folder_when_first_asked_for_and_is_not_held(
    town: Township, tmp_path: Path
) -> None:
    """Given the folder the site is built into, the open data is written there when the catalogue's files
    are first asked for (a large site's pages are hashed by a second process meanwhile), once: a county's
    30 MB of JSON were held to the end of the build by every process. The catalogue holds where each file
    is, and each holds what the catalogue would hold without a folder."""
    website = build_website(town.root, stories_dir=town.stories, cache_dir=tmp_path / "cache")
    held = website.catalogue(site_url="https://example.org/", directory_urls=True).files
    site = tmp_path / "site"
    made = website.catalogue(site_url="https://example.org/", directory_urls=True, site_dir=site)
    assert not (site / "data").exists(), "not written before it is asked for"
    files = made.files
    assert list(files) == list(held)
    assert files == {name: site / name for name in held}
    assert {name: (site / name).read_bytes() for name in held} == held
    (site / "data" / "summary.json").unlink()
    assert made.files == files and not (site / "data" / "summary.json").exists(), "written once"


def test_open_data_is_written_as_each_kind_makes_it_at_every_path_in_order(
    town: Township, tmp_path: Path
) -> None:
    """The process that writes the open data writes each file as its kind makes it (a county's documents,
    all made before any was written, were 86 MB more in that process): every file at each of its paths,
    in the order and with the text they had when all were made together, as here."""
    registry = town.load()
    boards = build_boards(registry, dt.date(2026, 1, 5))
    stats = build_stats(boards)
    together: dict[str, str] = {}
    for year, view in sorted(boards.years.items()):
        documents = {"summary.json": open_data.summary(boards, view)}
        for kind in KINDS:
            board = view.board(kind)
            made = kind.open_data(board) if board is not None else kind.open_data_without_board(year)
            documents.update(made)
        if year == registry.site.year:
            documents["stats.json"] = stats.as_dict()
        for name, content in documents.items():
            text = open_data.json_bytes(
                open_data.envelope(content, organisation=registry.site.organisation, year=year)
            ).decode("utf-8")
            for prefix in [f"data/{year}/"] + (["data/"] if year == registry.site.year else []):
                together[prefix + name] = text
    assert len(together) > 20 and "data/summary.json" in together
    written = catalogue.files_written(open_data.texts(boards, stats), tmp_path)
    assert list(written) == list(together)
    assert {name: path.read_text(encoding="utf-8") for name, path in written.items()} == together
    held = catalogue.files_written(open_data.texts(boards, stats), None)
    assert {name: text.decode("utf-8") for name, text in held.items() if isinstance(text, bytes)} == together
    assert list(open_data.files(boards, stats).items()) == list(together.items())
