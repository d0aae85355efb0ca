"""Print pages written in pieces: a print-all page is the page its template gives with every poster's
sheets in place, byte for byte, though it is never held whole; each poster's sheets are made once a build,
and a print-all page whose one poster changed makes that poster's sheets alone."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from noticeboard.outputs.catalogue import Standalone
from noticeboard.outputs.rendered import Rendered, StoredTexts, standalone_files
from noticeboard.website import SiteFolder


@dataclass(frozen=True)
class Poster:
    key: str
    text: str


@dataclass(frozen=True)
class Posters:
    posters: tuple[Poster, ...]
    label: str


def page_with(sheets: Mapping[str, str], view: Posters) -> str:
    """What a print page's template does: its frame, its texts escaped, each poster's sheets printed as
    they are."""
    body = "\n".join(f"<section>{sheets[poster.key]}</section>" for poster in view.posters)
    return f"<html><title>打印：{escape(view.label)}</title><main>\n{body}\n</main></html>\n"


made: Counter[str] = Counter()
"""Each poster's sheets made in the last :func:`build`."""


def render_sheets(poster: Poster) -> str:
    """Two sheets, each a table of 20 rows (a poster's sheets are kilobytes, its page's frame a few lines)."""
    made[poster.key] += 1
    rows = "".join(f"<tr><td>{n}</td><td>{poster.text}</td></tr>" for n in range(20))
    return f"<div class='nb-sheet'><table>{rows}</table>（第一张）</div><div class='nb-sheet'><table>{rows}</table>（第二张）</div>"


def build(
    site: Path,
    cache: Path,
    pages: list[Standalone],
    template: Callable[[Mapping[str, str], Any], str] = page_with,
) -> dict[str, bytes]:
    """Write ``pages`` as a build does (no last build to link from) with ``template``; each file's bytes."""
    made.clear()
    rendered = Rendered(cache, b"context")
    with SiteFolder(site, None, {}) as folder:
        for path, key, text in standalone_files(
            pages, rendered, lambda page, sheets: template(sheets, page.view), render_sheets
        ):
            folder.place(path, key, text)
    rendered.close()
    return {page.path: (site / page.path).read_bytes() for page in pages}


def build_in_two_steps(
    site: Path,
    cache: Path,
    pages: list[Standalone],
    between: Callable[[], object] = lambda: None,
    last: SiteFolder | None = None,
) -> dict[str, bytes]:
    """Write ``pages`` as a build does: each poster's own page first, into a store of its own, then (after
    ``between()``) the print-all page, reading their sheets from that store (``noticeboard_hooks._print_all``);
    each file's bytes. ``last``: the last build's folder, from which unchanged pages are linked."""
    made.clear()
    every, alone = pages[0], pages[1:]
    previous, published = (last.root, last.files) if last is not None else (None, {})
    with SiteFolder(site, previous, published) as folder:
        built.append(folder)
        first = Rendered(cache, b"context", "standalone-0")
        for path, key, text in standalone_files(
            alone, first, lambda page, sheets: page_with(sheets, page.view), render_sheets
        ):
            folder.place(path, key, text)
        first.close()
        between()
        stored = StoredTexts(cache, "standalone-0")
        sets = Rendered(cache, b"context", "standalone-sets")
        for path, key, text in standalone_files(
            [every],
            sets,
            lambda page, sheets: page_with(sheets, page.view),
            render_sheets,
            lambda poster: stored,
        ):
            folder.place(path, key, text)
        stored.close()
        sets.close()
    return {page.path: (site / page.path).read_bytes() for page in pages}


built: list[SiteFolder] = []
"""The folder of each build in two steps, the last one last (the next build links from it)."""


def print_pages(count: int, changed: int | None = None, label: str = "全部党支部") -> list[Standalone]:
    posters = [
        Poster(f"branch-{n}", f"第{n}党支部 {'82.5' if n == changed else '91.0'} 分 <b>不是标记</b>")
        for n in range(count)
    ]
    alone = [
        Standalone(f"print/{p.key}/index.html", "poster.html", p.text, Posters((p,), p.text), "../..")
        for p in posters
    ]
    every = Standalone("print/all/index.html", "poster.html", "全部", Posters(tuple(posters), label), "../..")
    return [every, *alone]


def whole(page: Standalone) -> bytes:
    assert isinstance(page.view, Posters)
    sheets = {poster.key: render_sheets(poster) for poster in page.view.posters}
    return page_with(sheets, page.view).encode("utf-8")


def test_a_print_all_page_is_written_as_its_template_gives_it_whole(tmp_path: Path) -> None:
    pages = print_pages(30)
    written = build(tmp_path / "site", tmp_path / "cache", pages)
    for page in pages:
        assert written[page.path] == whole(page)
    assert written["print/all/index.html"].count("（第二张）".encode()) == 30


def test_each_posters_sheets_are_made_once_a_build_and_only_a_changed_posters_again(tmp_path: Path) -> None:
    build(tmp_path / "site", tmp_path / "cache", print_pages(30))
    assert made == Counter(f"branch-{n}" for n in range(30)), "on its own page and in the set: made once"

    pages = print_pages(30, changed=7)
    written = build(tmp_path / "again", tmp_path / "cache", pages)
    assert made == Counter(["branch-7"])
    assert written["print/all/index.html"] == whole(pages[0])
    assert "第7党支部 82.5 分".encode() in written["print/all/index.html"]


def test_a_damaged_stored_sheet_is_made_again_never_published(tmp_path: Path) -> None:
    build(tmp_path / "site", tmp_path / "cache", print_pages(3))
    stores = list((tmp_path / "cache").glob("*.sqlite"))
    with sqlite3.connect(stores[0]) as db:
        db.execute("UPDATE value SET data = CAST(replace(CAST(data AS TEXT), '91.0', '19.0') AS BLOB)")
    pages = print_pages(3)
    written = build(tmp_path / "again", tmp_path / "cache", pages)
    assert b"19.0" not in written["print/all/index.html"]
    assert written["print/all/index.html"] == whole(pages[0])


def test_the_cache_holds_each_posters_sheets_once_not_again_in_every_page_that_prints_it(
    tmp_path: Path,
) -> None:
    pages = print_pages(30)
    build(tmp_path / "site", tmp_path / "cache", pages)
    every = pages[0].view
    assert isinstance(every, Posters)
    sheets = sum(len(render_sheets(poster).encode()) for poster in every.posters)
    with sqlite3.connect(next((tmp_path / "cache").glob("*.sqlite"))) as db:
        (stored,) = db.execute("SELECT sum(length(data)) FROM value").fetchone()
    assert sheets < stored < sheets * 1.5, "the 31 pages are stored as their frames"


def test_a_text_of_the_data_that_looks_like_where_sheets_go_is_printed_as_written(tmp_path: Path) -> None:
    pages = print_pages(3, label="第一党支部<nb-sheets 0><nb-sheets 2>")
    written = build(tmp_path / "site", tmp_path / "cache", pages)
    assert written["print/all/index.html"] == whole(pages[0])
    assert "第一党支部&lt;nb-sheets 0&gt;&lt;nb-sheets 2&gt;".encode() in written["print/all/index.html"]


def test_a_template_that_prints_a_poster_twice_or_leaves_one_out_fails_the_build(tmp_path: Path) -> None:
    def twice(sheets: Mapping[str, str], view: Posters) -> str:
        return page_with(sheets, view) + sheets[view.posters[0].key]

    def without_the_last(sheets: Mapping[str, str], view: Posters) -> str:
        return page_with(sheets, Posters(view.posters[:-1], view.label))

    for template in (twice, without_the_last):
        with pytest.raises(ValueError, match="没有把每块公示栏按顺序各印一次"):
            build(
                tmp_path / template.__name__,
                tmp_path / f"{template.__name__}-cache",
                print_pages(3)[:1],
                template,
            )


def test_a_print_all_page_made_after_its_posters_pages_takes_their_sheets_from_their_store(
    tmp_path: Path,
) -> None:
    pages = print_pages(30)
    written = build_in_two_steps(tmp_path / "site", tmp_path / "cache", pages)
    assert made == Counter(f"branch-{n}" for n in range(30)), "each poster's sheets made once, not again"
    assert written == {page.path: whole(page) for page in pages}
    with sqlite3.connect(tmp_path / "cache" / "standalone-sets.sqlite") as db:
        (count,) = db.execute("SELECT count(*) FROM value").fetchone()
    assert count == 1, "the print-all page's store holds its frame alone"

    pages = print_pages(30, changed=7)
    written = build_in_two_steps(tmp_path / "again", tmp_path / "cache", pages)
    assert made == Counter(["branch-7"])
    assert written["print/all/index.html"] == whole(pages[0])


@pytest.mark.parametrize("store", ["damaged", "gone"])
def test_sheets_the_other_store_has_not_got_intact_are_made_again_never_published(
    tmp_path: Path, store: str
) -> None:
    alone = tmp_path / "cache" / "standalone-0.sqlite"

    def spoil() -> None:
        if store == "gone":
            alone.unlink()
            return
        with sqlite3.connect(alone) as db:
            db.execute("UPDATE value SET data = CAST(replace(CAST(data AS TEXT), '91.0', '19.0') AS BLOB)")

    pages = print_pages(3)
    written = build_in_two_steps(tmp_path / "site", tmp_path / "cache", pages, spoil)
    assert made == Counter({f"branch-{n}": 2 for n in range(3)}), "made for its own page, and again"
    assert written["print/all/index.html"] == whole(pages[0])
    assert b"19.0" not in written["print/all/index.html"]


def test_sheets_the_print_all_step_made_are_kept_while_its_page_is_linked(tmp_path: Path) -> None:
    """A poster whose own page is linked from the last build while its part's store has not got its sheets (the
    page moved to another part): the print-all step made them, and keeps them for the next build that
    changes the print-all page, however many builds link it meanwhile."""
    cache = tmp_path / "cache"
    build_in_two_steps(tmp_path / "site-1", cache, print_pages(3), (cache / "standalone-0.sqlite").unlink)
    for number in (2, 3, 4):  # each page linked from the build before
        build_in_two_steps(tmp_path / f"site-{number}", cache, print_pages(3), last=built[-1])
        assert made == Counter()
    with sqlite3.connect(cache / "standalone-0.sqlite") as db:
        assert db.execute("SELECT count(*) FROM value").fetchone() == (0,), (
            "the part's store has not got them"
        )
    pages = print_pages(3, label="全部党支部（第二版）")  # the print-all page alone changes
    written = build_in_two_steps(tmp_path / "site-5", cache, pages, last=built[-1])
    assert made == Counter(), "its posters' sheets were kept"
    assert written["print/all/index.html"] == whole(pages[0])
