"""The standalone pages (posters, screens, redirects) and images are rendered in parts, each by the
process that claims it: every one is in exactly one part, so none is left out of the site or written
twice, and each part is a run of the catalogue's list (what one process renders lies together in memory)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from noticeboard.outputs.catalogue import Standalone
from noticeboard.outputs.rendered import Rendered, Reuse, StoredTexts
from noticeboard.registries import disk_cache
from noticeboard.registries.aside import Claims
from support.hooks import hooks_module

HOOKS = hooks_module()


@pytest.mark.parametrize("count", [0, 1, 7, 8, 9, 100, 6016])
def test_every_standalone_page_is_in_exactly_one_part_and_each_part_is_a_run(count: int) -> None:
    pages = [f"print/{number}/" for number in range(count)]
    parts = [list(HOOKS._part_of(pages, part)) for part in HOOKS.PARTS]
    assert [page for part in parts for page in part] == pages, "each once, in the catalogue's order"
    sizes = [len(part) for part in parts]
    assert max(sizes) - min(sizes) <= 1, sizes  # a process that takes a part takes as much work as another


@pytest.mark.parametrize("store", ["standalone-3", "standalone-sets"])
def test_a_failed_step_lets_its_store_go_at_once_and_keeps_nothing_it_made(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part of the standalone pages or the print-all step that fails (a poster template's error) lets its
    store go: held, its lock kept a preview server's next rebuild waiting up to a minute, which then built
    without the cache. A step that finishes keeps what it made."""
    monkeypatch.setattr(HOOKS.state, "cache_dir", tmp_path)
    rendered = Rendered(tmp_path / "rendered", b"build key", series="build")
    monkeypatch.setattr(HOOKS.state, "reuse", Reuse(rendered, {}, {}, {}, {}))
    with HOOKS._step_store(store) as done:
        done.put(b"made", "the sheets of a poster")
    with pytest.raises(RuntimeError), HOOKS._step_store(store) as failing:
        failing.put(b"made by the failed step", "half a poster")
        raise RuntimeError("a template's error")
    monkeypatch.setattr(disk_cache, "BUSY_SECONDS", 0.5)
    started = time.monotonic()
    after = Rendered(tmp_path / "rendered", b"build key", store, series="build")
    after.put(b"made by the next build", "a poster")
    assert after.store is not None and after.store.db is not None, "the next build has the store"
    assert time.monotonic() - started < 0.5, "and does not wait for it"
    assert after.text(b"made") == "the sheets of a poster"
    assert after.text(b"made by the failed step") is None
    after.close()


class _LastPartsInASecondProcess:
    """A second process rendering the last part of the standalone pages until it is waited for."""

    def __init__(self, claims: Claims, stores: Path, events: list[str]) -> None:
        self.claims, self.stores, self.events = claims, stores, events
        self.running = True

    def wait(self) -> None:
        self.events.append("waited for the second process")
        _part_done(self.claims, self.stores, HOOKS.PARTS[-1])  # (a cold cache: its store made only now)
        self.running = False


def _sheets_key(number: int) -> bytes:
    return Rendered(None, b"build key").key("sheets", number)


def _part_done(claims: Claims, stores: Path, part: int) -> None:
    """A part of the standalone pages done: the sheets of its poster (one a part) stored, then finished."""
    store = Rendered(stores, b"build key", f"standalone-{part}")
    store.put(_sheets_key(part), f"sheets of poster {part}")
    store.close()
    claims.finish(str(part))


class _Folder:
    """Where a step's files go: only what was placed."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, int, int]] = {}

    def __enter__(self) -> _Folder:
        return self

    def __exit__(self, *exception: object) -> None:
        pass

    def place(self, path: str, key: bytes, text: object) -> None:
        self.files[path] = (key, 0, 0)


def test_a_print_all_page_is_made_while_the_second_process_renders_parts_its_posters_are_not_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once this process has rendered its parts, a print-all page whose posters' parts are all done is made
    at once, while the second process renders its last part (a county's cold build waited 1.5 s with a core
    free, then made the print-all pages alone); a page printing a poster of that part waits for it, and
    then reads its sheets from that part's store, as every page reads them from its posters' parts."""
    posters = [SimpleNamespace(number=number) for number in HOOKS.PARTS]  # one poster a part
    own_pages = [
        Standalone(f"print/{number}/index.html", "t.html", "", SimpleNamespace(posters=(poster,)), "..")
        for number, poster in enumerate(posters)
    ]
    early = Standalone(
        "print/all-a/index.html", "t.html", "", SimpleNamespace(posters=tuple(posters[:3])), "."
    )
    late = Standalone(
        "print/all-b/index.html", "t.html", "", SimpleNamespace(posters=tuple(posters[-2:])), "."
    )
    claims, events = Claims(), []
    for part in HOOKS.PARTS:  # this process's parts, done; the last one, the second process's
        claims.take(str(part))
        if part != HOOKS.PARTS[-1]:
            _part_done(claims, tmp_path / "rendered", part)

    def made(
        pages: list[Standalone],
        rendered: Rendered,
        render: object,
        render_sheets: object,
        elsewhere: Callable[[object], StoredTexts | None],
    ) -> Iterator[tuple[str, bytes, Callable[[], str]]]:
        for page in pages:
            for poster in page.view.posters:  # type: ignore[attr-defined]
                store = elsewhere(poster)
                assert store is not None, "each poster's sheets read from its part's store"
                assert store.utf8(_sheets_key(poster.number)) == f"sheets of poster {poster.number}".encode()
            events.append(f"made {page.path}")
            yield page.path, b"key", lambda: "text"

    monkeypatch.setattr(HOOKS, "standalone_files", made)
    monkeypatch.setattr(HOOKS, "_standalone_templates", lambda config: (None, None))
    monkeypatch.setattr(HOOKS, "_folder_alike", _Folder)
    for name, value in {
        "cache_dir": tmp_path,
        "reuse": Reuse(Rendered(tmp_path / "rendered", b"build key"), {}, {}, {}, {}),
        "in_parts": own_pages,
        "print_all": [late, early],
        "claims": claims,
        "relay": _LastPartsInASecondProcess(claims, tmp_path / "rendered", events),
    }.items():
        monkeypatch.setattr(HOOKS.state, name, value)
    files = HOOKS._print_all(None)
    claims.close()
    assert events == [f"made {early.path}", "waited for the second process", f"made {late.path}"]
    assert set(files) == {early.path, late.path}


def test_a_part_is_marked_done_once_its_store_holds_what_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The print-all step reads a done part's store at once: marked done before the store kept what the part
    made, its posters' sheets would not be found there, and would be made again."""
    stores = tmp_path / "rendered"
    page = Standalone("print/0/index.html", "t.html", "", SimpleNamespace(posters=()), "..")

    class Checked(Claims):
        def finish(self, name: str) -> None:
            found = StoredTexts(stores, f"standalone-{name}")
            assert found.utf8(_sheets_key(0)) == b"sheets of poster 0", "done, and its sheets not kept yet"
            found.close()
            super().finish(name)

    def made(
        pages: list[Standalone], rendered: Rendered, render: object, render_sheets: object
    ) -> Iterator[tuple[str, bytes, Callable[[], str]]]:
        for page in pages:
            rendered.put(_sheets_key(0), "sheets of poster 0")
            yield page.path, b"key", lambda: "text"

    claims = Checked()
    monkeypatch.setattr(HOOKS, "standalone_files", made)
    monkeypatch.setattr(HOOKS, "_standalone_templates", lambda config: (None, None))
    monkeypatch.setattr(HOOKS, "_folder_alike", _Folder)
    for name, value in {
        "cache_dir": tmp_path,
        "reuse": Reuse(Rendered(stores, b"build key"), {}, {}, {}, {}),
        "in_parts": [page],
        "pages": SimpleNamespace(images={}),
        "drawn": {},
        "relay": None,
        "claims": claims,
    }.items():
        monkeypatch.setattr(HOOKS.state, name, value, raising=False)  # (pages: set by a build's on_files)
    part = HOOKS.PARTS[-1]  # (the one page is in the last part)
    assert HOOKS._standalone_part(None, part) == {page.path: (b"key", 0, 0)}
    assert claims.finished(str(part))
    claims.close()


def _settings(
    site_url: str = "https://example.org/", directory_urls: bool = True, offline: bool = False
) -> object:
    plugin = SimpleNamespace(config=SimpleNamespace(enabled=offline))
    return SimpleNamespace(
        site_url=site_url, use_directory_urls=directory_urls, plugins={"material/offline": plugin}
    )


def test_builds_whose_pages_differ_are_series_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """What tells apart the builds whose outputs the cache keeps apart (:class:`PackCache`'s series): the
    command, the site's address (a preview server's is its own), the URL style and the offline copy."""
    monkeypatch.setattr(HOOKS, "_serving", lambda: False)  # (``mkdocs build``; its own test: test_serve)
    series = {
        "build": HOOKS._series(_settings()),
        "build again": HOOKS._series(_settings()),
        "another address": HOOKS._series(_settings(site_url="http://127.0.0.1:8000/")),
        "file URLs": HOOKS._series(_settings(directory_urls=False)),
        "offline": HOOKS._series(_settings(offline=True)),
    }
    monkeypatch.setattr(HOOKS, "_serving", lambda: True)
    series["serve"] = HOOKS._series(_settings())
    assert series["build"] == series.pop("build again")
    assert len(set(series.values())) == len(series), series
