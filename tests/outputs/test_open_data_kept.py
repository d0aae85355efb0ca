"""A rebuild reuses a kind's open-data text while its board is unchanged, and never publishes a stale one.

A county's open data is 25 MB of JSON, made on the critical path of every rebuild (issue 16). Its texts are
kept between builds by the hash of the board each is made from (``open_data.KeptTexts``): what a rebuild
publishes must be what a build without the store publishes, after any edit, with a damaged store too.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import Boards, build_boards
from noticeboard.outputs import open_data
from support.township import Township

AS_OF = dt.date(2026, 1, 5)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[tuple[str, int]]]:
    """Which kinds' documents were made, and of which year: each kind's ``open_data`` counted."""
    calls: Counter[tuple[str, int]] = Counter()
    for kind in KINDS:
        make = type(kind).open_data

        def counted(self: Any, board: Any, make: Any = make) -> Any:
            calls[(self.key, board.year)] += 1
            return make(self, board)

        monkeypatch.setattr(type(kind), "open_data", counted)
    yield calls


def _boards(town: Township) -> Boards:
    return build_boards(town.load(), AS_OF)


def _published(boards: Boards, kept: open_data.KeptTexts | None) -> dict[str, bytes]:
    """Every open-data file by its path, as a build writes it (``kept`` closed after, as a build does)."""
    try:
        return {
            path: text for paths, text in open_data.texts(boards, build_stats(boards), kept) for path in paths
        }
    finally:
        if kept is not None:
            kept.close()


def test_a_rebuild_makes_again_only_the_documents_of_the_boards_an_edit_changed(
    town: Township, tmp_path: Path, made: Counter[tuple[str, int]]
) -> None:
    store = tmp_path / "cache"
    first = _published(_boards(town), open_data.KeptTexts(store))
    assert first == _published(_boards(town), None)
    made.clear()
    assert _published(_boards(town), open_data.KeptTexts(store)) == first
    assert made == Counter(), "nothing changed: every text reused"
    town.replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92")
    boards = _boards(town)
    made.clear()
    again = _published(boards, open_data.KeptTexts(store))
    assert ("members", 2025) in made
    assert ("members", 2024) not in made and ("commitments", 2025) not in made
    assert again == _published(boards, None)
    assert again["data/members.json"] != first["data/members.json"]
    assert again["data/2024/members.json"] == first["data/2024/members.json"]


def test_a_renamed_organisation_is_published_under_its_new_name_in_every_file(
    town: Township, tmp_path: Path
) -> None:
    """The organisation is in every file's envelope but not on every board: it is part of the key."""
    store = tmp_path / "cache"
    _published(_boards(town), open_data.KeptTexts(store))
    town.replace("data/site.yml", "organisation: 青山镇党委", "organisation: 青山镇委员会")
    boards = _boards(town)
    again = _published(boards, open_data.KeptTexts(store))
    assert again == _published(boards, None)
    assert all("青山镇委员会".encode() in text for text in again.values())


def test_a_damaged_text_in_the_store_is_made_again_never_published(
    town: Township, tmp_path: Path, made: Counter[tuple[str, int]]
) -> None:
    store = tmp_path / "cache"
    first = _published(_boards(town), open_data.KeptTexts(store))
    with sqlite3.connect(store / "open-data.sqlite") as db:
        damaged = db.execute("UPDATE value SET data = substr(data, 1, length(data) - 9)").rowcount
    assert damaged > 10
    made.clear()
    assert _published(_boards(town), open_data.KeptTexts(store)) == first
    assert len(made) == damaged
