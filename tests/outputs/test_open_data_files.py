"""Every open-data file the 开放数据 page lists is published by every township, every year.

A township that has no pairing, honour or lecture yet still publishes ``pairings.json``,
``honours.json`` and ``lectures.json``, empty: the page's links work (a strict build stopped on them
before), and a program that reads a township's files finds the same files in every township.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import build_boards
from noticeboard.outputs import open_data
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
