"""Work done by a second process while this one goes on: both cores at work on a cold build.

Why a fork: a county's 6,000 posters take as long to render as its 4,000 pages, and the
engine renders pages in one process. A forked child shares every view and template already
made, renders the posters meanwhile and reports what it wrote through a file. Where there
is no ``fork`` (Windows) the work is done in this process when its result is asked for.
"""

from __future__ import annotations

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
        self.spool: IO[bytes] | None = None
        if fork and hasattr(os, "fork"):
            self._fork(work)

    def _fork(self, work: Callable[[], Any]) -> None:
        # What the child returns goes into a file, not a pipe: a result larger than a pipe holds (the last
        # site's listing) kept the child waiting, with its memory, until this process asked for it.
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed when read, or when the child is stopped)
        give_back_free_memory()
        pid = os.fork()
        if pid:
            self.pid, self.spool, self.work = pid, spool, None
            return
        status = 1  # the child: it ends without the parent's clean-up (files, databases, atexit)
        try:
            pickle.dump(work(), spool)
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

    def result(self) -> Any:
        """What ``work()`` returned, once it has finished; raises :class:`AsideFailed` if it failed."""
        if self.work is not None:
            return self.work()
        if not self.pid or self.spool is None:  # (waiting for process 0 would reap any child, another's)
            raise RuntimeError("内部错误：第二个进程的结果已经取过，或它已被停止")
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0  # reaped: :meth:`stop` must not signal a number the system may give another process
        with self.spool as spool:
            spool.seek(0)
            data = spool.read()
        if status != 0 or not data:
            raise AsideFailed
        return pickle.loads(data)

    def stop(self) -> None:
        """Stop the second process at once (the build failed: what it writes is thrown away)."""
        if self.work is None and self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.spool is not None:
            self.spool.close()


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

    def close(self) -> None:
        self.remove()
