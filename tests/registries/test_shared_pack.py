"""The pack that several processes of a build write at once (a cold county's validated records): every value
each wrote is kept, a damaged value or a file that is no database is never given back, and a process forked
while the pack is open neither uses nor spoils its parent's connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from noticeboard.registries.aside import Aside
from noticeboard.registries.disk_cache import SharedPack


def _values(name: str, count: int = 200) -> list[tuple[bytes, bytes]]:
    return [(f"{name} {number}".encode(), f"{name} value {number}".encode() * 50) for number in range(count)]


def _in_a_child(work: object) -> int:
    """Runs ``work()`` in a forked process; its exit status (0: it did not raise)."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            work()  # type: ignore[operator]
            status = 0
        finally:
            os._exit(status)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_values_written_by_processes_at_once_are_all_kept(tmp_path: Path) -> None:
    pack = SharedPack(tmp_path / "records", b"salt")
    pids = []
    for name in ("first", "second", "third"):
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                for start in range(0, 200, 50):  # several transactions each, interleaved with the others'
                    pack.put_all(_values(name)[start : start + 50])
                status = 0
            finally:
                os._exit(status)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids] == [0, 0, 0]
    again = SharedPack(tmp_path / "records", b"salt")
    assert again.count() == 600
    for name in ("first", "second", "third"):
        assert all(again.get(key) == value for key, value in _values(name))
    assert again.get(b"first 200") is None and not again.has(b"first 200") and again.has(b"first 199")


def test_a_damaged_value_is_not_given_back_and_is_removed(tmp_path: Path) -> None:
    pack = SharedPack(tmp_path, b"salt")
    pack.put_all(_values("member", 3))
    pack.disconnect()
    with sqlite3.connect(pack.path) as db:
        db.execute("UPDATE value SET data = substr(data, 1, 10) || 'xyz'")
    assert SharedPack(tmp_path, b"salt").get(b"member 0") is None
    assert SharedPack(tmp_path, b"salt").count() == 2, "the damaged value is removed, to be made again"


def test_a_file_that_is_no_database_is_made_anew(tmp_path: Path) -> None:
    SharedPack(tmp_path, b"salt").path.write_bytes(b"half a copy of something else" * 100)
    pack = SharedPack(tmp_path, b"salt")
    assert pack.get(b"key") is None
    pack.put(b"key", b"value")
    assert SharedPack(tmp_path, b"salt").get(b"key") == b"value"


def test_a_pack_that_cannot_be_written_keeps_nothing_and_the_build_goes_on(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder would be")
    pack = SharedPack(tmp_path / "cache", b"salt")
    pack.put(b"key", b"value")
    assert pack.get(b"key") is None and not pack.has(b"key") and pack.count() == 0


def test_a_forked_process_opens_its_own_connection_and_leaves_its_parents_alone(tmp_path: Path) -> None:
    pack = SharedPack(tmp_path, b"salt")
    pack.put(b"parent", b"before the fork")
    assert pack.opened is not None, "the parent's connection is open when it forks"

    def child() -> None:
        assert pack.get(b"parent") == b"before the fork"
        pack.put(b"child", b"written by the child")
        assert pack.opened is not None and pack.opened[0] == os.getpid()

    assert _in_a_child(child) == 0
    assert pack.get(b"child") == b"written by the child", "the parent's connection still reads"
    pack.put(b"parent", b"after the fork")
    assert SharedPack(tmp_path, b"salt").get(b"parent") == b"after the fork"


def test_a_pack_first_written_removes_what_else_its_folder_holds(tmp_path: Path) -> None:
    older = SharedPack(tmp_path, b"older code")
    older.put(b"key", b"value")
    (tmp_path / "ab").mkdir()  # the layout before packs: a file each, in folders by hash
    (tmp_path / "ab" / "cdef.jpg").write_bytes(b"an image")
    pack = SharedPack(tmp_path, b"this code")
    assert pack.get(b"key") is None and (tmp_path / "ab").is_dir(), "reading removes nothing"
    pack.put(b"key", b"new value")
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".sqlite") == [pack.path.name]
    assert not (tmp_path / "ab").exists()
    assert SharedPack(tmp_path, b"this code").get(b"key") == b"new value"


def test_a_fork_made_by_aside_closes_the_connections_first_and_the_child_its_own(tmp_path: Path) -> None:
    pack = SharedPack(tmp_path, b"salt")
    pack.put(b"parent", b"value")
    assert pack.opened is not None
    assert Aside(lambda: pack.get(b"parent"), fork=True).result() == b"value"
    assert pack.opened is None, "closed before the fork, opened again when next used"
    assert Aside(lambda: pack.put(b"child", b"value 2"), fork=True).result() is None
    assert not any(path.exists() for path in pack.files()[1:]), (
        "the child closed it: SQLite's journal folded in"
    )
    assert pack.get(b"parent") == b"value" and pack.get(b"child") == b"value 2"


def test_a_pack_that_cannot_be_opened_for_another_reason_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SharedPack(tmp_path, b"salt").put(b"key", b"value")

    def locked(self: SharedPack) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(SharedPack, "_connect", locked)
    assert SharedPack(tmp_path, b"salt").get(b"key") is None
    monkeypatch.undo()
    assert SharedPack(tmp_path, b"salt").get(b"key") == b"value", (
        "not removed: another process may be using it"
    )
