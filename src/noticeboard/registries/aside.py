"""Work done by a second process while this one goes on: both cores at work on a cold build.

Why a fork: a county's 6,000 posters take as long to render as its 4,000 pages, and the
engine renders pages in one process. A forked child shares every view and template already
made, renders the posters meanwhile and reports what it wrote through a file. Where there
is no ``fork`` (Windows) the work is done in this process when its result is asked for.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import pickle
import shutil
import signal
import tempfile
import traceback
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from noticeboard.registries.disk_cache import disconnect_all
from noticeboard.registries.errors import UserError


class AsideFailed(UserError):
    """The second process stopped with an error (it printed what happened)."""

    def __init__(self) -> None:
        super().__init__("生成网页、打印页或电子屏页时出错（见上面的说明），网站没有生成。")


class Aside:
    """``work()`` running in a second process, or waiting to run here (no ``fork``)."""

    def __init__(self, work: Callable[[], Any], *, fork: bool = True) -> None:
        """``fork=False`` where a fork is unsafe (a process that runs threads, such as a preview server)."""
        self.work: Callable[[], Any] | None = work
        self.pid = 0
        self.status: int | None = None
        """How the second process ended, once :meth:`finished` saw it end (None: not seen yet)."""
        self.spool: IO[bytes] | None = None
        if fork and hasattr(os, "fork"):
            self._fork(work)

    def _fork(self, work: Callable[[], Any]) -> None:
        # What the child returns goes into a file, not a pipe: a result larger than a pipe holds (the last
        # site's listing) kept the child waiting, with its memory, until this process asked for it.
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed when read, or when the child is stopped)
        give_back_free_memory()
        disconnect_all()  # (SQLite's connections must not cross a fork)
        pid = os.fork()
        if pid:
            self.pid, self.spool, self.work = pid, spool, None
            return
        status = 1  # the child: it ends without the parent's clean-up (files, databases, atexit) but its own
        try:
            result = work()
            disconnect_all()  # (the last connection to a pack closed folds SQLite's journal into it)
            pickle.dump(result, spool)
            spool.flush()
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)

    @property
    def forked(self) -> bool:
        """Whether ``work`` runs in a second process (else it runs here, when its result is asked for)."""
        return self.work is None

    def finished(self) -> bool:
        """Whether the second process has ended (its result is ready), asked without waiting; True where there
        is none (the work runs when its result is asked for)."""
        if self.work is not None or self.status is not None:
            return True
        if not self.pid:
            raise RuntimeError("内部错误：第二个进程的结果已经取过，或它已被停止")
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.pid, self.status = 0, status  # reaped: :meth:`stop` must not signal its number any more
        return pid != 0

    def result(self) -> Any:
        """What ``work()`` returned, once it has finished; raises :class:`AsideFailed` if it failed."""
        if self.work is not None:
            return self.work()
        # (taken already, or stopped; waiting for process 0 would reap any child, another's)
        if self.spool is None or (not self.pid and self.status is None):
            raise RuntimeError("内部错误：第二个进程的结果已经取过，或它已被停止")
        if self.status is None:
            _, self.status = os.waitpid(self.pid, 0)
            self.pid = 0  # reaped: :meth:`stop` must not signal a number the system may give another process
        status, self.status = self.status, None
        with self.spool as spool:
            spool.seek(0)
            data = spool.read()
        if status != 0 or not data:
            raise AsideFailed
        return pickle.loads(data)

    def interrupt(self) -> None:
        """Ask the second process to end its work early (``SIGTERM``; work that may be cut short notes it,
        :func:`asked_to_end`, and returns what it has done so far), if it still runs."""
        if self.work is None and self.pid and not self.finished():
            os.kill(self.pid, signal.SIGTERM)

    def end_early(self) -> Any:
        """Ask the work to end early (:meth:`interrupt`) and wait for it: what it returned, or None when it
        failed (it printed what happened). For work that only goes ahead of this process, which does itself
        whatever is left."""
        self.interrupt()
        try:
            return self.result()
        except AsideFailed:
            return None

    def stop(self) -> None:
        """Stop the second process at once (the build failed: what it writes is thrown away)."""
        if self.work is None and self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.spool is not None:
            self.spool.close()


def asked_to_end() -> Callable[[], bool]:
    """For work that may be cut short, in its second process: from now on, whether :meth:`Aside.interrupt`
    has asked it to end. The ``SIGTERM`` is noted instead of ending the process, so that the work stops
    between two of its pieces and returns what it has done."""
    asked: list[int] = []
    signal.signal(signal.SIGTERM, lambda number, _: asked.append(number))
    return lambda: bool(asked)


class Relay:
    """Units of work done one after another, each by a second process of its own that ends with it: this
    process forks the next one once it sees the last one ended (:meth:`poll`, asked between its own pieces of
    work), until ``units`` has none left.

    Why not one second process for them all: after a fork, a memory page either process writes to is copied,
    and the other keeps the page as it was. Rendering a page writes to its views (Python counts references in
    each object), so a second process that rendered half a county's pages and then posters held 240 MB of
    such pages at the end of its build, and this one as many. A process that ends gives its pages back, and
    the next one shares this process's memory as it is then (a county's cold build: its process tree held
    652–657 MB at its end, 560–590 MB at its peak this way, for sixteen forks of about 20 ms each)."""

    def __init__(self, units: Callable[[], Callable[[], Any] | None], done: Callable[[Any], None]) -> None:
        """``units()``: the next unit's work (None: there is none left); ``done(result)``: given what each
        unit returned, in their order. The first unit starts at once."""
        self.units, self.done = units, done
        self.current: Aside | None = None
        self._next()

    def _next(self) -> None:
        work = self.units()
        self.current = Aside(work) if work is not None else None

    def _collect(self) -> None:
        assert self.current is not None
        current, self.current = self.current, None
        self.done(current.result())  # (raises AsideFailed when it failed: nothing more is started)
        self._next()

    @property
    def running(self) -> bool:
        return self.current is not None

    def ended(self) -> bool:
        """Whether the current unit's process has ended (asked without waiting): :meth:`poll` starts the next."""
        return self.current is not None and self.current.finished()

    def poll(self) -> None:
        """If the current unit's process has ended: its result to ``done``, and the next unit started."""
        if self.ended():
            self._collect()

    def wait(self) -> None:
        """Wait for the current unit's process to end: its result to ``done``, and the next unit started."""
        if self.current is not None:
            self._collect()

    def stop(self) -> None:
        """Stop the current unit's process at once and start no other (the build failed)."""
        if self.current is not None:
            self.current.stop()
            self.current = None
        self.units = lambda: None


def give_back_free_memory() -> None:
    """Give the C library's free memory back to the system (glibc's ``malloc_trim``), before a fork.

    Why: what a process has freed (a county's parsed registry, once its views are made) stays in its heap,
    and after a fork it is shared with the child; each object either process then makes there copies a
    memory page of it, which each process then holds. Given back, those are fresh pages for what is made,
    no more (a county's cold build: 30 MB less at its peak). Without glibc (macOS, musl) nothing is done."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


class Claims:
    """Pieces of work, each done by whichever process claims it first (a file created exclusively).

    Why: a fixed split of a county's posters between processes left one of them working alone for the
    last 20 s of a cold build while the other core waited; with claims, a process that is done early
    takes more. Made before the forks (they share its folder); :meth:`close` removes it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="nb-claims-"))
        # removed when closed, else when this process ends (a build stopped with Ctrl-C); the forked
        # processes end without running it
        self.remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def take(self, name: str) -> bool:
        """Whether this process got the piece ``name`` (no other process has it, nor will; none once the
        claims are closed: the build failed)."""
        try:
            os.close(os.open(self.folder / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except (FileExistsError, FileNotFoundError):
            return False
        return True

    def taken(self, name: str) -> bool:
        """Whether some process has claimed the piece ``name`` (or the claims are closed)."""
        return not self.folder.is_dir() or (self.folder / name).exists()

    def finish(self, name: str) -> None:
        """Note the piece ``name`` done, by the process that took it: what it made is there for the others."""
        with contextlib.suppress(FileNotFoundError):  # (the claims closed: the build failed)
            os.close(os.open(self.folder / f"{name}.done", os.O_CREAT | os.O_WRONLY))

    def finished(self, name: str) -> bool:
        """Whether the piece ``name`` is done (:meth:`finish`)."""
        return (self.folder / f"{name}.done").exists()

    def close(self) -> None:
        self.remove()
