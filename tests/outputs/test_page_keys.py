"""A page's key (the hash of everything it is made from) is the same in every process, and changes with
what the page shows.

Rebuilds keep a page when its key is the one it was rendered from (issue 16). A key that changed from
process to process (Python orders sets and hashes strings differently in each) would render every page
again on every build; a key that did not follow the data would publish a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import importlib
import json
import os
import pkgutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest
from pydantic import BaseModel

import noticeboard
from noticeboard.boards.kinds import load_township
from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import Boards, build_boards
from noticeboard.outputs import rendered
from noticeboard.outputs.catalogue import Catalogue, build_catalogue
from noticeboard.outputs.fingerprints import fingerprint
from noticeboard.outputs.rendered import page_digests
from support.township import Township, with_extras

KEYS = """
import json, sys
from pathlib import Path
from noticeboard.boards.kinds import load_township
from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import build_boards
from noticeboard.outputs.catalogue import build_catalogue
from noticeboard.outputs.rendered import page_digests
root = Path(sys.argv[1])
registry = load_township(root / "data", stories_dir=root / "docs" / "stories" / "posts", root=root)
boards = build_boards(registry, registry.site.as_of)
catalogue = build_catalogue(boards, build_stats(boards), changes=(), updated={},
                            site_url="https://example.org/", directory_urls=True, cache_dir=None)
print(json.dumps({src: digest.hex() for src, digest in page_digests(catalogue.pages).items()}))
"""


def _keys(root: Path, seed: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", KEYS, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    keys: dict[str, str] = json.loads(result.stdout)
    return keys


def test_every_pages_key_is_the_same_in_another_process(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path))
    first, second = _keys(town.root, "1"), _keys(town.root, "2")
    assert len(first) > 20
    assert first == second


def _boards(folder: Path) -> Boards:
    """The boards of the demo township with its extras, made in ``folder``."""
    root = with_extras(Township(folder)).root
    registry = load_township(root / "data", stories_dir=root / "docs" / "stories" / "posts", root=root)
    return build_boards(registry, registry.site.as_of or dt.date.today())


def _catalogue(folder: Path) -> Catalogue:
    """The catalogue of the demo township with its extras, made in ``folder``."""
    boards = _boards(folder)
    return build_catalogue(
        boards,
        build_stats(boards),
        changes=(),
        updated={},
        site_url="https://example.org/",
        directory_urls=True,
        cache_dir=None,
    )


def test_a_second_process_hashing_the_pages_while_this_one_writes_the_open_data_gives_the_keys_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's pages are hashed by a second process (here, from 10 pages on) while this one does the
    other work (writes the open data): every page keeps the key one process gives it, none is left out or
    hashed twice, and the other work is done once, here."""
    pages = _catalogue(tmp_path).pages
    alone = page_digests(pages)
    monkeypatch.setattr(rendered, "DIGESTS_FORK_FROM", 10)
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        forked.append(1)
        return fork()

    monkeypatch.setattr(os, "fork", counted)
    done_by: list[int] = []
    shared = page_digests(pages, fork=True, meanwhile=lambda: done_by.append(os.getpid()))
    assert forked == [1]
    assert done_by == [os.getpid()]
    assert list(shared) == list(pages)
    assert shared == alone


def test_when_the_work_done_meanwhile_fails_the_second_process_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open data failing while the pages are hashed: the error reaches the build, and no second process
    is left hashing (or waiting to be reaped) after it."""
    pages = _catalogue(tmp_path).pages
    monkeypatch.setattr(rendered, "DIGESTS_FORK_FROM", 10)
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)

    def fails() -> None:
        raise OSError("磁盘已满")

    with pytest.raises(OSError, match="磁盘已满"):
        page_digests(pages, fork=True, meanwhile=fails)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # stopped and reaped: not running, not waiting to be reaped


def test_when_the_second_process_fails_the_pages_are_hashed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second process hashing the pages failing (it prints why): the build goes on with every page's key
    hashed here, the keys one process gives."""
    pages = _catalogue(tmp_path).pages
    alone = page_digests(pages)
    monkeypatch.setattr(rendered, "DIGESTS_FORK_FROM", 10)
    first, digests = os.getpid(), rendered._digests

    def failing(entries: list[tuple[str, object]]) -> dict[str, bytes]:
        if os.getpid() != first:
            raise RuntimeError("the second process failed")
        return digests(entries)

    monkeypatch.setattr(rendered, "_digests", failing)
    assert page_digests(pages, fork=True) == alone


def test_an_edit_changes_the_key_of_the_pages_that_show_it_and_not_of_the_others(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path))
    before = _keys(town.root, "1")
    town.replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92")  # still three stars
    after = _keys(town.root, "2")
    changed = {src for src in before if before[src] != after[src]}
    assert "branches/qingshan-1.md" in changed  # the member's points are on the branch page
    assert "branches/zhen-jiguan.md" not in changed
    assert "commitments.md" not in changed


def _written_as(cls: type) -> object:
    """What :func:`fingerprint` writes a value of ``cls`` as, when not by its class's name: a dataclass as
    its fields by name, a date, ``Decimal`` or ``str`` as text, a tuple or list as a list, an enum as its
    value."""
    if issubclass(cls, msgspec.Struct):
        return cls.__struct_fields__
    if dataclasses.is_dataclass(cls):
        return tuple(field.name for field in dataclasses.fields(cls))
    if issubclass(cls, enum.Enum):
        return "enum"  # (as its value: an enum and its value in one place are told apart here)
    if cls in (str, dt.date, dt.datetime, Decimal):
        return "text"
    if cls in (tuple, list):
        return "list"
    return cls


def test_no_place_in_a_view_or_a_board_holds_two_types_written_alike(tmp_path: Path) -> None:
    """Two values :func:`fingerprint` writes alike give one key: a view where a field may hold either of two
    such types (two classes with the same fields, a date or its text) could have a page kept that should
    have been rendered again, and a board so an open-data file (``open_data.KeptTexts``). Every field of
    every view and every board of the demo and its extras is looked at, with what its lists, tuples and
    dicts hold."""
    catalogue = _catalogue(tmp_path / "pages")
    held: dict[str, set[type]] = defaultdict(set)
    seen: set[int] = set()
    pending: list[tuple[str, object]] = [("Page", page) for page in catalogue.pages.values()]
    pending += [("Standalone", page) for page in catalogue.standalone]
    for view in _boards(tmp_path / "boards").years.values():
        pending += [(f"Board {key}", board) for key, board in view.boards.items()]  # (keyed by its kind)
    while pending:
        place, value = pending.pop()
        if isinstance(value, tuple | list):
            pending += [(place, item) for item in value]
            continue
        if isinstance(value, dict):
            pending += [(place, item) for item in value.values()]
            continue
        if value is not None:
            held[place].add(type(value))
        names = _written_as(type(value)) if value is not None else ()
        if isinstance(names, tuple) and id(value) not in seen:  # (a value written as its fields)
            seen.add(id(value))
            owner = type(value).__qualname__
            pending += [(f"{owner}.{name}", getattr(value, name)) for name in names]
    assert len(held) > 100
    alike = {
        place: sorted(cls.__qualname__ for cls in types)
        for place, types in held.items()
        if len({_written_as(cls) for cls in types}) < len(types)
    }
    assert alike == {}
    sets = {place for place, types in held.items() if any(issubclass(cls, set | frozenset) for cls in types)}
    assert sets == set()  # written in their order, which changes from process to process


def test_a_number_too_large_for_msgpack_is_hashed_all_the_same() -> None:
    """msgpack holds integers of 64 bits; a larger one (a typo in the data that the rules let through) must
    not stop the build."""
    assert fingerprint({"points": 2**70}) != fingerprint({"points": 2**70 + 1})
    assert fingerprint({"points": 2**70}) == fingerprint({"points": 2**70})


def test_no_model_keeps_a_cached_property() -> None:
    """A pydantic model is hashed by its ``__dict__``, its fields: a cached property would be kept there once
    computed, and a page's key would then depend on whether something had asked for it. Every model of
    the package is looked at (the registries', the board kinds' own, the county's)."""
    found = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for module in pkgutil.walk_packages(noticeboard.__path__, "noticeboard.")
        if module.name != "noticeboard.__main__"
        for cls in vars(importlib.import_module(module.name)).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel)
        for name, value in vars(cls).items()
        if isinstance(value, functools.cached_property)
    ]
    assert found == []
