"""Which pages a rebuild keeps (issue 16), and when they are put in the site: as soon as each is found, so
that no kept page's text is held for the rest of the build. A build keeps a page the last build left in its
folder; only the preview server, whose folder is temporary, also keeps pages' texts in the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from noticeboard.outputs.rendered import Rendered, Reuse

PAGES = [("index.md", "index.html", None), *((f"b{n}.md", f"b{n}/index.html", {"n": n}) for n in range(4))]
"""The engine's pages in its order: one not in the catalogue (never kept), four that may be kept."""


def _store(folder: Path, rendered_before: range, *, page_texts: bool) -> Rendered:
    """A store holding what an earlier build kept of the pages ``rendered_before`` (by number)."""
    rendered = Rendered(folder, b"context", page_texts=page_texts)
    for n in rendered_before:
        key = rendered.key(f"b{n}.md", {"n": n})
        rendered.put_page(key, f"<p>{n}</p>", [{"location": f"b{n}/"}], f"B{n}")
    return rendered


def test_a_build_keeps_a_page_only_where_the_last_build_left_it(tmp_path: Path) -> None:
    placed: list[tuple[str, bytes | None]] = []
    rendered = _store(tmp_path, range(3), page_texts=False)  # b3 was never rendered: the engine renders it
    reuse = Reuse.plan(
        rendered,
        PAGES,
        lambda path, key: path != "b2/index.html",  # b2's file is gone from the last build's folder
        lambda path, key, text: placed.append((path, text)),
    )
    assert sorted(reuse.kept) == ["b0.md", "b1.md"]
    assert placed == [("b0/index.html", None), ("b1/index.html", None)]
    assert [kept.title for kept in reuse.kept.values()] == ["B0", "B1"]
    assert [kept.search for kept in reuse.kept.values()] == [[{"location": "b0/"}], [{"location": "b1/"}]]


def test_the_preview_server_also_keeps_a_page_from_its_stored_text(tmp_path: Path) -> None:
    placed: list[tuple[str, bytes | None]] = []
    rendered = _store(tmp_path, range(3), page_texts=True)
    reuse = Reuse.plan(
        rendered,
        PAGES,
        lambda path, key: path == "b1/index.html",  # a new preview folder: the others are not there
        lambda path, key, text: placed.append((path, text)),
    )
    assert sorted(reuse.kept) == ["b0.md", "b1.md", "b2.md"]
    assert placed == [("b0/index.html", b"<p>0</p>"), ("b1/index.html", None), ("b2/index.html", b"<p>2</p>")]


@pytest.mark.parametrize("page_texts", [False, True])
def test_when_every_page_could_be_kept_the_last_is_left_to_the_engine_and_not_placed(
    tmp_path: Path, page_texts: bool
) -> None:
    placed: list[str] = []
    pages = PAGES[1:]  # every page in the catalogue, every one kept by the last build
    reuse = Reuse.plan(
        _store(tmp_path, range(4), page_texts=page_texts),
        pages,
        lambda path, key: not page_texts,
        lambda path, key, text: placed.append(path),
    )
    assert sorted(reuse.kept) == ["b0.md", "b1.md", "b2.md"]  # the engine renders b3 (its entries lead)
    assert placed == ["b0/index.html", "b1/index.html", "b2/index.html"]


@pytest.mark.parametrize("damaged", ["<p>1</p>", "B1"])
def test_a_page_whose_stored_text_or_title_is_damaged_is_neither_kept_nor_placed(
    tmp_path: Path, damaged: str
) -> None:
    rendered = _store(tmp_path, range(2), page_texts=True)
    rendered.close()  # (written to the file)
    with sqlite3.connect(tmp_path / "pages.sqlite") as db:
        db.execute("UPDATE value SET data = CAST('broken' AS BLOB) WHERE data = CAST(? AS BLOB)", (damaged,))
    placed: list[str] = []
    reuse = Reuse.plan(
        Rendered(tmp_path, b"context", page_texts=True),
        PAGES,
        lambda path, key: False,
        lambda path, key, text: placed.append(path),
    )
    assert sorted(reuse.kept) == ["b0.md"]
    assert placed == ["b0/index.html"]


def test_a_build_stores_no_page_text(tmp_path: Path) -> None:
    """A county's pages are 200 MB: every cold build wrote them twice, into the site and into the store."""
    _store(tmp_path, range(4), page_texts=False).close()
    with sqlite3.connect(tmp_path / "pages.sqlite") as db:
        stored = {bytes(row[0]).decode() for row in db.execute("SELECT data FROM value")}
    assert not any(text.startswith("<p>") for text in stored)
    assert {f"B{n}" for n in range(4)} <= stored


def test_a_site_folder_in_the_project_is_known_wherever_the_project_is(tmp_path: Path) -> None:
    """CI gives ``site/`` back with ``.cache/`` in a checkout whose path may change from run to run (a runner
    that runs several jobs at once): what the last build wrote there is still known."""
    first, second = tmp_path / "builds" / "0" / "project", tmp_path / "builds" / "1" / "project"
    (first / "site").mkdir(parents=True)
    rendered = Rendered(first / "cache", b"context", project=first)
    rendered.published(first / "site")
    rendered.publish(first / "site", {"index.html": (b"key", 10, 1)})
    rendered.close()
    first.parent.rename(second.parent)  # the next run's checkout, with its cache and site
    rendered = Rendered(second / "cache", b"context", project=second)
    assert rendered.published(second / "site") == {"index.html": (b"key", 10, 1)}
    rendered.close()
