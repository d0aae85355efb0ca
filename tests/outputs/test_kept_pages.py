"""Which pages a rebuild takes from the store (issue 16), and when they are put in the site: as soon as
each is found, so that no kept page's text is held for the rest of the build (in CI, where there is no
last build to link from, a county's kept pages are 150 MB)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from noticeboard.outputs.rendered import Rendered, Reuse

PAGES = [("index.md", "index.html", None), *((f"b{n}.md", f"b{n}/index.html", {"n": n}) for n in range(4))]
"""The engine's pages in its order: one not in the catalogue (never kept), four that may be kept."""


def _store(folder: Path, kept: range) -> Rendered:
    """A store holding the pages ``kept`` (by number) as an earlier build rendered them."""
    rendered = Rendered(folder, b"context")
    for n in kept:
        rendered.put(rendered.key(f"b{n}.md", {"n": n}), f"<p>{n}</p>", [{"location": f"b{n}/"}], f"B{n}")
    return rendered


def test_each_kept_page_is_placed_with_its_stored_text_as_it_is_found(tmp_path: Path) -> None:
    placed: list[tuple[str, bytes | None]] = []
    rendered = _store(tmp_path, range(3))  # b3 was never rendered: the engine renders it
    reuse = Reuse.plan(
        rendered,
        PAGES,
        lambda path, key: path == "b1/index.html",
        lambda path, key, text: placed.append((path, text)),
    )
    assert sorted(reuse.kept) == ["b0.md", "b1.md", "b2.md"]
    assert placed == [("b0/index.html", b"<p>0</p>"), ("b1/index.html", None), ("b2/index.html", b"<p>2</p>")]
    assert [kept.title for kept in reuse.kept.values()] == ["B0", "B1", "B2"]


def test_when_every_page_could_be_kept_the_last_is_left_to_the_engine_and_not_placed(tmp_path: Path) -> None:
    placed: list[str] = []
    pages = PAGES[1:]  # every page in the catalogue, every one in the store
    reuse = Reuse.plan(
        _store(tmp_path, range(4)),
        pages,
        lambda path, key: False,
        lambda path, key, text: placed.append(path),
    )
    assert sorted(reuse.kept) == ["b0.md", "b1.md", "b2.md"]  # the engine renders b3 (its entries lead)
    assert placed == ["b0/index.html", "b1/index.html", "b2/index.html"]


def test_a_damaged_stored_page_is_neither_kept_nor_placed(tmp_path: Path) -> None:
    rendered = _store(tmp_path, range(2))
    rendered.close()  # (written to the file)
    with sqlite3.connect(tmp_path / "rendered.sqlite") as db:
        db.execute(
            "UPDATE value SET data = CAST('<p>broken</p>' AS BLOB) WHERE data = CAST('<p>1</p>' AS BLOB)"
        )
    placed: list[str] = []
    reuse = Reuse.plan(
        Rendered(tmp_path, b"context"),
        PAGES,
        lambda path, key: False,
        lambda path, key, text: placed.append(path),
    )
    assert sorted(reuse.kept) == ["b0.md"]
    assert placed == ["b0/index.html"]
