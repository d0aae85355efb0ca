"""The pack of a build's many outputs: what a build reads or writes is kept, what two builds left unused
is forgotten, and a damaged value is never given back."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from noticeboard.registries import disk_cache
from noticeboard.registries.disk_cache import PackCache


def _build(
    path: Path, reads: tuple[bytes, ...] = (), writes: tuple[bytes, ...] = (), series: str = ""
) -> dict[bytes, bytes | None]:
    """One build of ``series``: opens the pack, reads and writes what it is given, closes it; what each read
    found."""
    pack = PackCache(path, b"salt", series)
    found = {key: pack.get(key) for key in reads}
    for key in writes:
        pack.put(key, b"value of " + key)
    pack.close()
    return found


def test_a_value_read_by_each_build_is_kept_one_left_unused_by_two_builds_is_forgotten(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"page", b"poster"))
    for _ in range(4):  # builds that only read the page: it stays
        assert _build(pack, reads=(b"page",)) == {b"page": b"value of page"}
    assert _build(pack, reads=(b"poster",)) == {b"poster": None}  # unused by the builds since: forgotten
    with sqlite3.connect(pack) as db:
        assert db.execute("SELECT count(*) FROM value").fetchone() == (1,)


def test_a_value_unused_by_one_build_is_still_there_for_the_next(tmp_path: Path) -> None:
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"poster",))
    _build(pack, reads=(b"page",))  # an edit undone: the next build wants the poster again
    assert _build(pack, reads=(b"poster",)) == {b"poster": b"value of poster"}


@pytest.mark.parametrize("damage", ["substr(data, 1, 3)", "'a text where the bytes were'"])
def test_a_damaged_value_is_not_given_back(tmp_path: Path, damage: str) -> None:
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"page",))
    with sqlite3.connect(pack) as db:
        db.execute(f"UPDATE value SET data = {damage}")
    assert _build(pack, reads=(b"page",)) == {b"page": None}


def test_a_pack_from_before_the_marks_table_starts_empty(tmp_path: Path) -> None:
    pack = tmp_path / "pack.sqlite"
    with sqlite3.connect(pack) as db:  # the layout of earlier versions: marks in the values' rows
        db.execute("CREATE TABLE value (key BLOB PRIMARY KEY, digest BLOB, data BLOB, build INTEGER)")
        db.execute("INSERT INTO value VALUES (x'00', x'00', x'00', 1)")
    assert _build(pack, reads=(b"page",)) == {b"page": None}
    with sqlite3.connect(pack) as db:
        assert db.execute("SELECT count(*) FROM value").fetchone() == (0,)


def test_a_preview_session_leaves_what_the_last_builds_used_for_the_next_build(tmp_path: Path) -> None:
    """``mkdocs build``, then a preview server rebuilding after each of several edits (its pages print its own
    address: other keys), then ``mkdocs build`` again: that build finds every page the edits left alone, and
    the next preview server finds its own."""
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"built page", b"built edited page", b"poster"), series="build")
    _build(pack, writes=(b"preview page",), reads=(b"poster",), series="serve")
    for _ in range(5):
        _build(pack, reads=(b"preview page", b"poster"), series="serve")
    found = _build(
        pack, reads=(b"built page", b"poster"), writes=(b"built page after the edit",), series="build"
    )
    assert found == {b"built page": b"value of built page", b"poster": b"value of poster"}
    _build(pack, reads=(b"built page", b"built page after the edit", b"poster"), series="build")
    assert _build(pack, reads=(b"preview page",), series="serve") == {
        b"preview page": b"value of preview page"
    }
    # what no build of either series has used since two of its own: forgotten
    assert _build(pack, reads=(b"built edited page",), series="build") == {b"built edited page": None}


def test_a_build_that_failed_is_not_one_of_the_two_whose_values_are_kept(tmp_path: Path) -> None:
    """A preview server's rebuild that fails (a typo in a template) uses nothing: the rebuild after it still
    finds what the last good one before it used (an edit undone)."""
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"page before the edit",), series="serve")
    failed = PackCache(pack, b"salt", "serve")
    failed.put(b"half a page", b"value")
    failed.discard()
    _build(pack, writes=(b"page after the edit",), series="serve")
    found = _build(pack, reads=(b"page before the edit", b"half a page"), series="serve")
    assert found == {b"page before the edit": b"value of page before the edit", b"half a page": None}


def test_only_the_last_few_series_keep_their_values(tmp_path: Path) -> None:
    """Each preview server on another address is a series of its own: the values of series no build has
    followed lately are forgotten, or they would pile up in the pack."""
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"first",), series="first")
    for number in range(disk_cache.SERIES_KEPT - 1):
        _build(pack, reads=(b"first",) if number == 0 else (), series=f"other {number}")
    assert _build(pack, reads=(b"first",), series="first") == {b"first": b"value of first"}
    for number in range(disk_cache.SERIES_KEPT):
        _build(pack, series=f"newer {number}")
    assert _build(pack, reads=(b"first",), series="first") == {b"first": None}
    with sqlite3.connect(pack) as db:
        assert db.execute("SELECT count(DISTINCT series) FROM builds").fetchone() == (disk_cache.SERIES_KEPT,)


def test_a_pack_whose_marks_have_no_series_starts_empty(tmp_path: Path) -> None:
    """The layout before series: a value's mark named only the last build that used it, which a build of
    another series replaced."""
    pack = tmp_path / "pack.sqlite"
    with sqlite3.connect(pack) as db:
        db.execute("CREATE TABLE value (key BLOB PRIMARY KEY, digest BLOB, data BLOB, build INTEGER)")
        db.execute("CREATE TABLE used (key BLOB PRIMARY KEY, build INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE builds (number INTEGER)")
        key, value = hashlib.sha256(b"salt" + b"page").digest(), b"value of page"
        db.execute("INSERT INTO value VALUES (?, ?, ?, 1)", (key, hashlib.sha256(value).digest(), value))
        db.execute("INSERT INTO used VALUES (?, 1)", (key,))
        db.execute("INSERT INTO builds VALUES (1)")
    assert _build(pack, reads=(b"page",)) == {b"page": None}
    _build(pack, writes=(b"page",))
    assert _build(pack, reads=(b"page",)) == {b"page": b"value of page"}


def test_what_a_site_folder_holds_is_forgotten_once_the_folder_is_gone(tmp_path: Path) -> None:
    """Each ``mkdocs serve`` builds into a temporary folder of its own, removed when it stops: the records of
    those folders would otherwise pile up in the pack, one per preview ever run."""
    site, preview = tmp_path / "site", tmp_path / "mkdocs_preview"
    site.mkdir()
    preview.mkdir()
    pack = PackCache(tmp_path / "pack.sqlite", b"salt")
    pack.publish(site.as_posix(), {"index.html": (b"key", 10, 1)})
    pack.publish(preview.as_posix(), {"index.html": (b"key", 12, 2)})
    preview.rmdir()  # the preview server stopped
    pack.publish(site.as_posix(), {"index.html": (b"new", 11, 3)})
    assert pack.published(site.as_posix()) == {"index.html": (b"new", 11, 3)}
    assert pack.published(preview.as_posix()) == {}
    pack.close()


def test_a_rebuild_records_what_it_wrote_whatever_changed_since_the_record_it_read(tmp_path: Path) -> None:
    """A rebuild writes only the rows of its record that changed; the record is then exactly what it wrote:
    a file left out is no longer in it, a new one is, a changed one has its new key, size and time."""
    site = tmp_path / "site"
    site.mkdir()
    first = {"index.html": (b"a", 10, 1), "old/index.html": (b"b", 20, 2), "same.html": (b"c", 30, 3)}
    pack = PackCache(tmp_path / "pack.sqlite", b"salt")
    pack.publish(site.as_posix(), first)
    pack.close()
    second = {"index.html": (b"a2", 11, 4), "new/index.html": (b"d", 40, 5), "same.html": (b"c", 30, 3)}
    pack = PackCache(tmp_path / "pack.sqlite", b"salt")
    assert pack.published(site.as_posix()) == first
    pack.publish(site.as_posix(), second)
    pack.close()
    pack = PackCache(tmp_path / "pack.sqlite", b"salt")
    assert pack.published(site.as_posix()) == second
    pack.close()


def test_a_pack_whose_folder_cannot_be_made_is_no_pack_and_the_build_goes_on(tmp_path: Path) -> None:
    """A read-only checkout, or a file where the cache's folder would be: nothing is kept, nothing fails."""
    (tmp_path / "rendered").write_text("not a folder", encoding="utf-8")
    found = _build(tmp_path / "rendered" / "pack.sqlite", reads=(b"page",), writes=(b"page",))
    assert found == {b"page": None}


def _in_a_process_that_ends_abruptly(work: Callable[[], object]) -> None:
    """Run ``work`` in a forked process that then ends as a killed build does: nothing closed, no commit."""
    pid = os.fork()
    if pid == 0:
        try:
            work()
        finally:
            os._exit(0)
    assert os.waitpid(pid, 0)[1] == 0


def test_a_build_stopped_midway_leaves_the_last_builds_values_and_none_of_its_own(tmp_path: Path) -> None:
    """Ctrl+C in ``make serve``, a CI job cancelled: the pack is as the last finished build left it, though the
    stopped build had changed more than SQLite holds in memory (those pages are then in the file, with the
    journal that undoes them)."""
    pack = tmp_path / "pack.sqlite"
    posters = [b"poster %d" % number for number in range(200)]
    last = PackCache(pack, b"salt")
    for key in posters:  # 10 MB: well past the 2 MB SQLite keeps in memory
        last.put(key, key * 5_000)
    last.close()

    def stopped_build() -> None:
        stopped = PackCache(pack, b"salt")
        for key in posters:
            stopped.put(key, b"changed " * 6_000)
            stopped.put(key + b" new", b"new " * 12_000)
        assert stopped.get(posters[0]) == b"changed " * 6_000

    _in_a_process_that_ends_abruptly(stopped_build)
    found = _build(pack, reads=(*posters, posters[0] + b" new"))
    assert found == {**{key: key * 5_000 for key in posters}, posters[0] + b" new": None}


def test_values_an_earlier_version_left_in_the_write_ahead_log_are_read(tmp_path: Path) -> None:
    """Earlier versions kept the pack in write-ahead-log mode: a build stopped after its commit left its
    values in the log (``pack.sqlite-wal``), not yet in the pack. The first build of this version finds them."""
    pack = tmp_path / "pack.sqlite"
    _build(pack, writes=(b"page",))

    def earlier_version() -> None:
        db = sqlite3.connect(pack, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        key, value = hashlib.sha256(b"salt" + b"poster").digest(), b"value of poster"
        db.execute("INSERT INTO value VALUES (?, ?, ?, 1)", (key, hashlib.sha256(value).digest(), value))

    _in_a_process_that_ends_abruptly(earlier_version)
    assert pack.with_name("pack.sqlite-wal").stat().st_size > 0
    assert _build(pack, reads=(b"page", b"poster")) == {
        b"page": b"value of page",
        b"poster": b"value of poster",
    }
    assert not pack.with_name("pack.sqlite-wal").exists()


def test_two_builds_at_once_on_one_cache_both_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``make serve`` rebuilding while ``mkdocs build`` runs on the same cache: SQLite lets one of them write.
    The other goes on without the pack (its outputs made, not kept) instead of failing with a traceback,
    and lets go of the pack, so the first keeps what it made."""
    monkeypatch.setattr(disk_cache, "BUSY_SECONDS", 0.2)
    pack = tmp_path / "pack.sqlite"
    serving, building = PackCache(pack, b"salt"), PackCache(pack, b"salt")
    assert building.get(b"page") is None  # it reads: the pack cannot change under it until it is done
    serving.put(b"page", b"made by the preview")  # this one has begun to write
    building.put(b"page", b"made by the build")  # it cannot write too: it gives the pack up
    assert building.get(b"page") is None
    building.close()
    serving.close()
    assert _build(pack, reads=(b"page",)) == {b"page": b"made by the preview"}


def test_a_failed_build_lets_the_pack_go_at_once_and_keeps_nothing_it_put(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview server's rebuild that fails holds the pack's lock until it is let go: the next rebuild
    waited for it, then built without the pack."""
    monkeypatch.setattr(disk_cache, "BUSY_SECONDS", 2)
    _build(tmp_path / "pack.sqlite", writes=(b"kept",))
    failed = PackCache(tmp_path / "pack.sqlite", b"salt")
    failed.put(b"made by the failed build", b"value")
    failed.discard()
    after = PackCache(tmp_path / "pack.sqlite", b"salt")
    assert after.db is not None, "the next build has the pack"
    assert after.get(b"kept") == b"value of kept"
    assert after.get(b"made by the failed build") is None
    after.close()
