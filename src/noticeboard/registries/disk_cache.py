"""A folder of values kept by a hash of what they were made from, shared between builds.

Why: parsing a registry file and drawing a QR code are the slow steps of a
rebuild, and both give the same result for the same input. A value is stored
under the hash of its input (and of a salt naming the code that made it), so a
change to either simply misses. Writes are atomic, so two builds at once never
read half a file, and a read-only checkout still builds, only slower. Every value is stored
after the hash of its bytes and checked when read: a damaged entry (a full disk, a copy cut
short, a hand edit) is removed and made again, never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import weakref
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from noticeboard.registries.whole_files import whole_file

DIGEST = 32
"""Bytes of the SHA-256 of a value, stored before it."""
BUSY_SECONDS = 60.0
"""How long SQLite waits for a pack another process holds before it refuses (then built without it)."""

T = TypeVar("T")


def in_its_folder(target: Path, write: Callable[[], T]) -> T:
    """``write()`` of the file ``target``, after making its folder only when the folder is not there yet.

    Why not make the folder first: asked for each of a county's files, that was 2 s of its cold build; the
    folder is made by whichever of its files comes first."""
    try:
        return write()
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        return write()


class DiskCache:
    """Bytes by key, under ``folder/ab/cdef….suffix``."""

    def __init__(self, folder: Path, salt: bytes, suffix: str) -> None:
        self.folder = folder
        self.salt = salt
        self.suffix = suffix

    def path(self, key: bytes) -> Path:
        """Where the value of ``key`` is kept."""
        digest = hashlib.sha256(self.salt + key).hexdigest()
        return self.folder / digest[:2] / f"{digest[2:]}{self.suffix}"

    def has(self, key: bytes) -> bool:
        """Whether a value is stored under ``key`` (not read, not checked: :meth:`get` checks it)."""
        return self.path(key).is_file()

    def get(self, key: bytes) -> bytes | None:
        path = self.path(key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        value = stored[DIGEST:]
        if len(stored) < DIGEST or hashlib.sha256(value).digest() != stored[:DIGEST]:
            path.unlink(missing_ok=True)  # damaged: made again by the caller
            return None
        return value

    def put(self, key: bytes, value: bytes) -> None:
        path = self.path(key)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        stored = hashlib.sha256(value).digest() + value
        try:
            in_its_folder(partial, lambda: partial.write_bytes(stored))
            partial.replace(path)
        except OSError:
            pass


def parts_digest(*parts: bytes) -> bytes:
    """The hash of several byte strings, each hashed on its own first (so that no two lists of parts give
    the same bytes to hash): what a made file depends on beyond its input, e.g. the code that makes it."""
    return hashlib.sha256(b"".join(hashlib.sha256(part).digest() for part in parts)).digest()


SKIPPED = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})
"""Folders that are never a build's input (Python's and tools' caches)."""


def tree_fingerprint(paths: Iterable[Path]) -> bytes:
    """The hash of every file under ``paths`` (a file itself, or a folder's files at any depth): for each
    path given, in order, each file's name below it and its bytes (a path that does not exist counts as
    empty). Where the paths are is not in it: a project moved elsewhere keeps its hashes."""
    digest = hashlib.sha256()
    for index, top in enumerate(paths):
        digest.update(f"{index}\0".encode())
        if top.is_file():
            digest.update(b"file\0" + top.read_bytes() + b"\0")
            continue
        for folder, folders, names in os.walk(top):  # top down, each folder's subfolders in sorted order
            folders[:] = sorted(name for name in folders if name not in SKIPPED)
            below = Path(folder).relative_to(top).as_posix()  # (per folder: a county's data is 2,300 files)
            for name in sorted(names):
                digest.update(os.fsencode(name if below == "." else f"{below}/{name}") + b"\0")
                digest.update(whole_file(os.path.join(folder, name)))  # noqa: PTH118
                digest.update(b"\0")
    return digest.digest()


@cache
def source_fingerprint(folder: Path) -> bytes:
    """A hash of every Python file under ``folder`` (names and contents), for a salt.

    Why: a value made by code spread over many modules (the change log's reports are made by every
    board kind's snapshot) cannot be named by a hand-kept version: one forgotten bump and an old
    report is served. With this in the salt, any change to the code simply misses.
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest().encode()


class SharedPack:
    """Bytes by key in one SQLite file, ``folder/<salt's hash>.sqlite``, that several processes of a build
    write at once: a county's validated records (2,260 files' worth, stored by two processes while the first
    goes on) and its web photos (made by three).

    Why not a file each (:class:`DiskCache`): while both cores were busy, creating a small file took 0.5 to
    1.5 ms (each waits on the file system's journal): 1.0–1.6 s of a cold county's data layer for the records,
    and about 6 s of its build for the images. A transaction of SQLite's writes many values at once.

    Values carry their hash as in :class:`DiskCache`: a damaged one is removed and made again, and a file
    that is no database at all is made anew. The pack owns its folder: a process's first write removes
    whatever else is there (the packs of older code, the files of an earlier layout), which no build reads
    again. A connection is opened by the process that uses it, when it first does: SQLite's connections
    must not cross a fork, so every fork closes them first, and a forked process closes its own when its
    work is done (:func:`disconnect_all`, called by :class:`~noticeboard.registries.aside.Aside`)."""

    def __init__(self, folder: Path, salt: bytes) -> None:
        self.folder = folder
        self.path = folder / f"{hashlib.sha256(salt).hexdigest()[:16]}.sqlite"
        self.salt = salt
        self.opened: tuple[int, sqlite3.Connection] | None = None
        self.pruned = 0
        """The process that removed what else the folder held (the first to write, in each process)."""
        self.broken = False
        """The file could not be opened or written (a read-only checkout): build without it, only slower."""

    def _key(self, key: bytes) -> bytes:
        digest = hashlib.sha256(self.salt)
        digest.update(key)  # (not ``salt + key``: a key may be a whole data file, copied again for nothing)
        return digest.digest()

    def _db(self) -> sqlite3.Connection | None:
        if self.opened is not None:
            if self.opened[0] == os.getpid():
                return self.opened[1]
            # A fork not made by Aside: the parent's connection, never used nor closed here.
            _INHERITED.append(self.opened[1])
            self.opened = None
        if self.broken:
            return None
        try:
            self.opened = (os.getpid(), self._connect())
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorcode", None) not in _NOT_A_DATABASE:
                self.broken = True  # (locked, say: another process's pack is not removed for that)
                return None
            for path in self.files():  # not a database (a copy cut short, a hand edit): made anew
                path.unlink(missing_ok=True)
            try:
                self.opened = (os.getpid(), self._connect())
            except (sqlite3.Error, OSError):
                self.broken = True
        except (sqlite3.Error, OSError):
            self.broken = True
        if self.opened is None:
            return None
        _OPEN.add(self)
        return self.opened[1]

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # (a power cut may lose the last values, never spoil one)
            db.execute("CREATE TABLE IF NOT EXISTS value (key BLOB PRIMARY KEY, digest BLOB, data BLOB)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _rows(self, sql: str, *args: bytes) -> list[Any]:
        """The rows ``sql`` gives (every statement run to its end: none left open across a fork), or none
        where the pack cannot be read."""
        db = self._db()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []

    def get(self, key: bytes) -> bytes | None:
        hashed = self._key(key)
        rows = self._rows("SELECT digest, data FROM value WHERE key = ?", hashed)
        if not rows:
            return None
        digest, data = rows[0]
        if _intact(data, digest):
            return data
        self._rows("DELETE FROM value WHERE key = ?", hashed)
        return None  # damaged: made again by the caller

    def has(self, key: bytes) -> bool:
        """Whether a value is stored under ``key`` (not read, not checked: :meth:`get` checks it)."""
        return bool(self._rows("SELECT 1 FROM value WHERE key = ?", self._key(key)))

    def put(self, key: bytes, value: bytes) -> None:
        self.put_all([(key, value)])

    def put_all(self, values: Iterable[tuple[bytes, bytes]]) -> None:
        """Store ``values`` (key, value) in one transaction: all of them, or none if it fails."""
        rows = [(self._key(key), hashlib.sha256(value).digest(), value) for key, value in values]
        if not rows:
            return
        if self.pruned != os.getpid():
            self.pruned = os.getpid()
            self._prune()
        db = self._db()
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")  # (a deferred one could not wait for another process's to end)
            try:
                db.executemany("INSERT OR REPLACE INTO value VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass

    def _prune(self) -> None:
        ours = self.files()
        try:
            others = [path for path in self.folder.iterdir() if path not in ours]
        except OSError:
            return
        for other in others:
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)

    def count(self) -> int:
        """How many values are stored."""
        rows = self._rows("SELECT count(*) FROM value")
        return int(rows[0][0]) if rows else 0

    def disconnect(self) -> None:
        """Close this process's connection (opened again when next used). The last one closed folds SQLite's
        journal into the pack and removes it."""
        if self.opened is not None and self.opened[0] == os.getpid():
            self.opened[1].close()
        self.opened = None
        _OPEN.discard(self)

    def files(self) -> tuple[Path, ...]:
        """The pack and SQLite's own two files beside it."""
        return (self.path, *(self.path.with_name(self.path.name + end) for end in ("-wal", "-shm")))


def _intact(data: object, digest: bytes) -> TypeGuard[bytes]:
    """Whether a value read from SQLite is the bytes stored with ``digest`` (a hand edit may leave text)."""
    return isinstance(data, bytes) and hashlib.sha256(data).digest() == digest


_NOT_A_DATABASE = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
"""SQLite's errors for a file that is no database, or a damaged one."""

_INHERITED: list[sqlite3.Connection] = []
"""Connections a process forked by other means found open by its parent: closing one here could end what
the parent does with the file."""

_OPEN: weakref.WeakSet[SharedPack] = weakref.WeakSet()
"""The packs this process has a connection to."""


def disconnect_all() -> None:
    """Close this process's connections to packs, before a fork (see :class:`SharedPack`)."""
    for pack in list(_OPEN):
        pack.disconnect()


SERIES_KEPT = 3
"""How many series of builds a :class:`PackCache` keeps values for: ``mkdocs build``, a preview server,
and one more (``make build-offline``, or another preview server's address)."""

READER_WAITS = 1.0
"""How long a :class:`PackReader` waits for a pack another build holds before it gives nothing."""


def _pack_key(salt: bytes, key: bytes) -> bytes:
    """A value's key in a pack's table: the hash of the pack's salt and the caller's key."""
    return hashlib.sha256(salt + key).digest()


class PackReader:
    """The values of a pack another build step has closed, read only: a poster's sheets, which the part of
    the standalone pages that printed it alone stored, read by the step that prints it in a set
    (``noticeboard_hooks``). It marks nothing and removes nothing (a damaged value is only not given);
    a pack that is not there, or that another build holds for more than :data:`READER_WAITS` seconds,
    gives nothing: the caller makes the value itself."""

    def __init__(self, path: Path, salt: bytes) -> None:
        self.salt = salt
        self.db: sqlite3.Connection | None = None
        with contextlib.suppress(sqlite3.Error, OSError, RuntimeError):  # (not there: SQLite refuses it read
            address = f"{path.resolve().as_uri()}?mode=ro"  # only; a link to itself: resolve() refuses it)
            self.db = sqlite3.connect(address, uri=True, timeout=READER_WAITS)

    def get(self, key: bytes) -> bytes | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute(
                "SELECT digest, data FROM value WHERE key = ?", (_pack_key(self.salt, key),)
            ).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        return bytes(row[1]) if row is not None and _intact(row[1], row[0]) else None

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None


class PackCache:
    """Bytes by key in one SQLite file: for the many values of one build (a county's 14,000 pages), where
    a file each costs more to open than to read. Values carry their hash as in :class:`DiskCache`; each
    build marks the values it used and, when closed, forgets those two builds of its series have not used
    (:meth:`close`). The marks
    are a table of their own: marking in the values' rows rewrote a page of each (a county's rebuild
    wrote 44 MB to the journal to mark 11,000 values it only read), and they are written together when
    the pack is closed, in key order (one statement each took 45 µs: 0.6 s for a county's rebuild).

    One process writes a pack, in one transaction from open to close, so it keeps SQLite's rollback journal
    (``DELETE``) and not the write-ahead log that :class:`SharedPack`'s several writers need: the log holds
    every value of a transaction and copies each into the pack again when it commits, and the new pages of a
    cold build need no rollback journal at all. A county's cold build writes 470 MB into its packs; 480 MB
    written in one transaction took 2.8–3.3 s through the log, 1.0–1.1 s without it (most of it the system's
    time: both cores are busy then)."""

    def __init__(self, path: Path, salt: bytes, series: str = "") -> None:
        """``series``: the builds this one follows (:meth:`close`); one for every build (``""``) where what a
        value is made from does not tell builds apart."""
        self.salt = salt
        self.series = series
        self.db: sqlite3.Connection | None = None
        self.marks: set[bytes] = set()
        self.read: dict[str, dict[str, tuple[bytes, int, int]]] = {}
        """What :meth:`published` found of each site folder, which :meth:`publish` changes."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=DELETE")  # (a pack of an earlier version in WAL is turned)
            self.db.execute(  # (``build``: which build wrote a value, as earlier versions noted; read by none)
                "CREATE TABLE IF NOT EXISTS value (key BLOB PRIMARY KEY, digest BLOB, data BLOB, build INTEGER)"
            )
            columns = [row[1] for row in self.db.execute("PRAGMA table_info(used)")]
            if "series" not in columns:  # a pack from before the marks had a table (its values would never
                self.db.execute("BEGIN IMMEDIATE")  # be forgotten) or a series (each value was marked by one
                self.db.execute("DELETE FROM value")  # build only): emptied, all of it or none (a value
                self.db.execute("DROP TABLE IF EXISTS used")  # left without a mark would never be forgotten)
                self.db.execute("DROP TABLE IF EXISTS builds")
                self.db.execute(
                    "CREATE TABLE used (key BLOB, series TEXT, build INTEGER, PRIMARY KEY (key, series)) "
                    "WITHOUT ROWID"
                )
                self.db.execute("COMMIT")
            self.db.execute("CREATE TABLE IF NOT EXISTS builds (number INTEGER, series TEXT)")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS published "
                "(site TEXT, path TEXT, key BLOB, size INTEGER, mtime INTEGER, PRIMARY KEY (site, path))"
            )
            self.db.execute("BEGIN")
        except (sqlite3.Error, OSError):  # a read-only checkout, a locked file, a file where its folder goes:
            self.discard()  # build without it, only slower

    def discard(self) -> None:
        """Go on without the pack, forgetting what this build put in it: the build's outputs are the same,
        only made again next time; the next build finds the pack as the last good one left it.

        Why: another build may hold the pack (``make serve`` and ``mkdocs build`` at once, on one cache).
        SQLite then makes one of them wait, up to :data:`BUSY_SECONDS`, or refuses it at once where each
        waits for the other; a full disk or a damaged file refuses it too. Left to rise, that error failed
        a build with a traceback; given up, the pack's lock is let go and the other build finishes. A build
        that fails lets it go too (a preview server's next rebuild waited 60 s for the lock a failed one
        still held, then built without the pack)."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()  # (an open transaction is rolled back)
        self.db = None

    def _key(self, key: bytes) -> bytes:
        return _pack_key(self.salt, key)

    def get(self, key: bytes) -> bytes | None:
        if self.db is None:
            return None
        hashed = self._key(key)
        try:
            row = self.db.execute("SELECT digest, data FROM value WHERE key = ?", (hashed,)).fetchone()
            if row is None:
                return None
            digest, data = row
            if not _intact(data, digest):
                self.db.execute("DELETE FROM value WHERE key = ?", (hashed,))
                return None  # damaged: made again by the caller
        except sqlite3.Error:
            self.discard()
            return None
        self.marks.add(hashed)
        return bytes(data)

    def keep(self, key: bytes) -> None:
        """Mark the value of ``key`` used by this build without reading it (an output linked from the last
        build's folder): kept for a build that will not find that folder (a new preview server's)."""
        if self.db is not None:
            self.marks.add(self._key(key))

    def published(self, site: str) -> dict[str, tuple[bytes, int, int]]:
        """What the last build of the site folder ``site`` wrote: path → (key, size, modification time)."""
        if self.db is None:
            return {}
        try:
            rows = self.db.execute("SELECT path, key, size, mtime FROM published WHERE site = ?", (site,))
            found = {path: (bytes(key), size, mtime) for path, key, size, mtime in rows}
        except sqlite3.Error:
            self.discard()
            return {}
        self.read[site] = dict(found)
        return found

    def publish(
        self,
        site: str,
        files: dict[str, tuple[bytes, int, int]],
        exists: Callable[[str], bool] = lambda name: Path(name).is_dir(),
    ) -> None:
        """Record what this build wrote into ``site`` (replacing the last build's record), and forget the
        records of site folders that are gone (each preview server builds into a temporary folder of its own);
        ``exists(name)``: whether the site folder of that name is there.

        When this pack read the last record (:meth:`published`), only its rows that differ are written: a
        rebuild after one edit changes a few of a county's 14,000 (all written again took 0.2 s)."""
        if self.db is None:
            return
        last = self.read.pop(site, None) if exists(site) else None
        try:
            sites = [row[0] for row in self.db.execute("SELECT DISTINCT site FROM published")]
            for gone in [name for name in sites if (name == site and last is None) or not exists(name)]:
                self.db.execute("DELETE FROM published WHERE site = ?", (gone,))
            last = last or {}
            self.db.executemany(
                "DELETE FROM published WHERE site = ? AND path = ?",
                [(site, path) for path in last if path not in files],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO published VALUES (?, ?, ?, ?, ?)",
                [(site, path, *entry) for path, entry in files.items() if last.get(path) != entry],
            )
        except sqlite3.Error:
            self.discard()

    def put(self, key: bytes, value: bytes) -> None:
        if self.db is not None:
            hashed = self._key(key)
            try:
                self.db.execute(
                    "INSERT OR REPLACE INTO value (key, digest, data) VALUES (?, ?, ?)",
                    (hashed, hashlib.sha256(value).digest(), value),
                )
            except sqlite3.Error:
                self.discard()
                return
            self.marks.add(hashed)

    def close(self) -> None:
        """Keep what this build wrote and used, and what the one before it in its series used; forget what
        no build kept used (the last two of each of the last :data:`SERIES_KEPT` series).

        Why series: builds of different settings use different values (a preview server's pages print its
        own ``site_url``). Counted as one series, a ``mkdocs build`` after a preview session of a few edits
        found none of its pages, rendered them all again (a county: 30 s instead of 5), and the next preview
        server, having its pages' texts forgotten by two builds, did too."""
        if self.db is None:
            return
        try:  # (numbered now: a build that failed or was stopped is not one of the two)
            last = self.db.execute("SELECT max(number) FROM builds").fetchone()[0]
            number = int(last or 0) + 1
            self.db.execute("INSERT INTO builds VALUES (?, ?)", (number, self.series))
            self.db.executemany(
                "INSERT OR REPLACE INTO used VALUES (?, ?, ?)",
                [(key, self.series, number) for key in sorted(self.marks)],
            )
            self.db.execute(  # (no window functions: SQLite before 3.25 has none, and a failed close keeps nothing)
                "DELETE FROM builds WHERE (SELECT count(*) FROM builds AS newer WHERE newer.series = builds.series "
                "AND newer.number > builds.number) >= 2 OR series NOT IN "
                "(SELECT series FROM builds GROUP BY series ORDER BY max(number) DESC LIMIT ?)",
                (SERIES_KEPT,),
            )
            kept = "(SELECT number FROM builds)"
            self.db.execute(  # (each value looked for among the kept marks only where a mark of it goes)
                f"DELETE FROM value WHERE key IN (SELECT key FROM used WHERE build NOT IN {kept}) AND NOT EXISTS "
                f"(SELECT 1 FROM used WHERE used.key = value.key AND build IN {kept})"
            )
            self.db.execute(f"DELETE FROM used WHERE build NOT IN {kept}")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            self.db.close()
            self.db = None
