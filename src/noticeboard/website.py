"""One build of the public site, engine-neutral: the registries read and rated, the git history read,
and the catalogue of everything to publish.

The site engine's glue (``hooks/``) calls :func:`build_website` once per build and then
only adapts the result to its events; so does any other engine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from noticeboard.boards.kinds import load_township
from noticeboard.boards.statistics import Stats, build_stats
from noticeboard.boards.township import Boards, build_boards
from noticeboard.office.change_log import Revision, revisions
from noticeboard.office.git_history import Commit, data_history, last_changed
from noticeboard.outputs.catalogue import Catalogue, Frame, build_catalogue
from noticeboard.registries.disk_cache import in_its_folder
from noticeboard.registries.frozen import frozen


@frozen
class Website:
    """What one build publishes, before it has URLs: the boards, their statistics and the change log."""

    boards: Boards
    stats: Stats
    revisions: tuple[Revision, ...]
    updated: Mapping[str, dt.date]
    """Data file or folder → date of its last commit (empty outside git)."""
    cache_dir: Path

    @property
    def as_of(self) -> dt.date:
        return self.boards.as_of

    @property
    def in_git(self) -> bool:
        """Whether the data is in a git repository (pages then show when their data last changed)."""
        return bool(self.updated)

    @property
    def build_date(self) -> dt.date | None:
        """The date the data is checked as of (``site.yml``'s ``as_of``), which dates the build's files."""
        return self.boards.registry.site.as_of

    @property
    def story_paths(self) -> tuple[str, ...]:
        """The case stories' paths under the blog's posts folder."""
        return tuple(story.path for story in self.boards.registry.stories)

    def frame(self) -> Frame:
        """What every page's frame prints: who publishes, the year, the notice period."""
        site = self.boards.registry.site
        return Frame(site.organisation, site.office, site.year, site.notice, self.as_of, self.in_git)

    def catalogue(self, *, site_url: str, directory_urls: bool, site_dir: Path | None = None) -> Catalogue:
        """Every page and file of the site, with URLs in the engine's style (``x/`` or ``x.html``);
        ``site_dir``: the folder the engine builds the site into (the open data is written there at once)."""
        return build_catalogue(
            self.boards,
            self.stats,
            changes=self.revisions,
            updated=self.updated,
            site_url=site_url,
            directory_urls=directory_urls,
            cache_dir=self.cache_dir,
            site_dir=site_dir,
        )


def build_website(
    root: Path, *, stories_dir: Path, cache_dir: Path, fork: bool = False, history: list[Commit] | None = None
) -> Website:
    """Read ``root/data``, rate every year and read the git history (``fork``: parse in two processes
    what the cache has not got; not in a process that runs threads; ``history``: the data's git history
    when the caller has read it already).

    Raises :class:`~noticeboard.registries.RegistryError` listing every problem in the data.
    """
    registry = load_township(
        root / "data", stories_dir=stories_dir, root=root, cache_dir=cache_dir, fork=fork
    )
    boards = build_boards(registry, registry.site.as_of or dt.date.today())
    stats = build_stats(boards)
    history = data_history(root / "data") if history is None else history
    changes = tuple(revisions(root / "data", history, cache_dir / "changelog"))
    return Website(boards, stats, changes, last_changed(history), cache_dir)


@frozen
class PreviewProblems:
    """What the preview (``mkdocs serve``) shows above every page while the data has problems: it keeps
    showing the last data without any, so the office is not left before a page that never loads."""

    heading: str
    problems: tuple[str, ...]
    """``FILE:LINE: message``, as the build reports them."""


def preview_problems(problems: Sequence[object]) -> PreviewProblems:
    return PreviewProblems(
        f"数据有误（{len(problems)} 处），下面仍是上次没有错误时的内容。改正后保存，页面会自动更新：",
        tuple(str(problem) for problem in problems),
    )


def pin_build_date(as_of: dt.date | None, environ: MutableMapping[str, str]) -> None:
    """Set ``SOURCE_DATE_EPOCH`` to the data's ``as_of`` (midnight, Beijing time), unless the caller set it.

    Sitemap and feed dates then come from the data's own date, so the same data builds the same bytes.
    A value this function set before (a rebuild while serving) is replaced.
    """
    if as_of is None:
        return
    ours = environ.get("NOTICEBOARD_SOURCE_DATE_EPOCH")
    if "SOURCE_DATE_EPOCH" in environ and environ["SOURCE_DATE_EPOCH"] != ours:
        return
    midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=8)))
    environ["SOURCE_DATE_EPOCH"] = environ["NOTICEBOARD_SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))


def build_aside(final: Path) -> Path:
    """The folder to build into instead of ``final`` (``site.partial``), emptied.

    A build that fails half way (bad data, a template error, a warning under ``--strict``)
    leaves the published site exactly as it was, and never a half-written one.
    """
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    return partial


def swap_in(partial: Path, final: Path) -> None:
    """Replace ``final`` by the finished build in two renames (readers never see half a site).

    The old site is removed after the swap, by a process of its own where there is ``rm`` (a county's
    12,000 files take seconds to delete, and nobody waits for them); on Windows, here and now.
    """
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        discard_later(old)


def update_in_place(
    partial: Path,
    final: Path,
    outputs: Mapping[str, tuple[int, int]],
    moved: Mapping[str, tuple[int, int]],
    previous: Iterable[str],
) -> dict[str, tuple[int, int]]:
    """Bring ``final`` (the last build's folder) to the finished build: each file of ``partial`` moved over
    its namesake, and every file of ``previous`` (``final``'s files when the build began) that this build
    neither wrote nor kept removed, with the folders it leaves empty. Returns ``final``'s files with their
    size and time, as a walk of it would list them.

    ``outputs``: every output the build put (written in ``partial``, or kept in ``final`` because it is
    unchanged), with its size and time; ``moved``: every file of ``partial``, with its size and time.

    Why not :func:`swap_in`: after a one-record edit a county's 20,000 files are unchanged, and a new
    folder needs 14,000 folders made and every unchanged file linked into it (seconds), then the old one
    deleted. Here only what changed is touched. A build that fails never gets here, so the published site
    is then left as it was. The new files go in before any old one is removed: an update that fails half
    way (a full disk, a file held open on Windows) leaves every page there, old or new, and files whose
    size and time the next build does not know, so it writes them again."""
    for path in moved:  # first, so that a failure half way never leaves a page removed
        _move_over(partial / path, final / path, final)
    emptied: set[Path] = set()
    for path in sorted(set(previous) - set(outputs) - set(moved)):
        stale = final / path
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):  # (gone for a file or folder now)
            if not stale.is_dir():  # (a folder now, holding this build's files)
                stale.unlink()
        emptied.add(stale.parent)
    for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):  # the deepest first
        while folder != final:
            try:
                folder.rmdir()
            except OSError:  # not empty (or gone already)
                break
            folder = folder.parent
    shutil.rmtree(partial)
    return {**outputs, **moved}


def _move_over(source: Path, target: Path, root: Path) -> None:
    """Move ``source`` to ``target``, making its folders; a folder of the last build where the file now
    goes, or a file of it where one of its folders now goes, is removed first (it is not this build's)."""
    try:
        source.replace(target)
    except IsADirectoryError:
        shutil.rmtree(target)
        source.replace(target)
    except (FileNotFoundError, NotADirectoryError):
        folder = root
        for part in target.parent.relative_to(root).parts:
            folder /= part
            if folder.is_file():
                folder.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)


def discard_later(folder: Path) -> None:
    """Delete ``folder`` without waiting for it (detached ``rm -rf``), or at once where there is no ``rm``."""
    rm = shutil.which("rm") if os.name == "posix" else None
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen(
        [rm, "-rf", os.fspath(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def discard(partial: Path) -> None:
    """Remove a failed build's partial folder; the published site is untouched."""
    shutil.rmtree(partial, ignore_errors=True)


BATCH = 64
"""Outputs a writing thread takes at a time."""
Text = str | bytes | Iterator[bytes]
"""An output's text: whole, or in pieces written as they are made (a county's print-all page: 58 MB)."""
Output = tuple[str, bytes, Path | None, str | bytes | None]
"""An output to put: its path, its key, the last build's file to link (or None) and else its text."""


class SiteFolder:
    """The folder a build writes into: each output linked from the last build when unchanged, else written.

    Why links: a county's site is 14,000 files and 650 MB; a one-record edit changes a handful. An
    output whose key (the hash of its inputs) is the one the last build wrote at the same path, and whose
    file there still has the size and time that build gave it, is unchanged: it is hard-linked from the
    published site (no bytes copied, none read), or left where it is when the build will update that
    folder in place (``in_place``, :func:`update_in_place`); anything else is written. Writes go several at a time (the time goes in
    the file system's calls, which other threads can wait on meanwhile). Leave it as a context manager to
    wait for every write; ``files`` then records what this build put where, for the next one.
    """

    def __init__(
        self,
        root: Path,
        previous: Path | None,
        published: dict[str, tuple[bytes, int, int]],
        listing: Mapping[str, tuple[int, int]] | None = None,
        *,
        in_place: bool = False,
    ) -> None:
        """``listing``: every file of ``previous`` with its size and time, when they were listed already (by a
        second process while this one read the data); else each file is looked at when it is asked about.
        ``in_place``: an unchanged output stays in ``previous`` (which the build then updates) instead of
        being linked into ``root``."""
        self.root = root
        self.previous = previous
        self.published = published
        self.listing = listing
        self.in_place = in_place
        self.files: dict[str, tuple[bytes, int, int]] = {}
        self.found: dict[str, tuple[int, int] | None] = {}
        """Without a listing: the last build's files asked about, with their size and time (None: gone), each
        looked at once."""
        self.pool = _writers()
        self.writes: list[Future[None]] = []
        self.batch: list[Output] = []
        """Outputs to put, handed to the threads :data:`BATCH` at a time (one task each cost 40 µs)."""

    def linkable(self, path: str, key: bytes) -> bool:
        """Whether the last build wrote this very output at ``path`` and the file there is still as it left it."""
        entry = self.published.get(path)
        if self.previous is None or entry is None or entry[0] != key:
            return False
        return as_left(self._seen(path), entry[1:])

    def _seen(self, path: str) -> tuple[int, int] | None:
        """The size and time of the last build's file at ``path`` (None: not there)."""
        if self.listing is not None:
            return self.listing.get(path)
        if path not in self.found:
            try:
                stat = os.stat(f"{self.previous}/{path}")  # noqa: PTH116 (20,000 times for a county: no Path made)
                self.found[path] = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                self.found[path] = None
        return self.found[path]

    def place(self, path: str, key: bytes, text: Callable[[], Text]) -> None:
        """Put the output made from ``key`` at ``path``: linked when :meth:`linkable`, else ``text()`` written
        (text in pieces here and now: they are made as they are written, by this thread); or, ``in_place``,
        left where it is."""
        previous = self.previous if self.previous is not None and self.linkable(path, key) else None
        if previous is not None and self.in_place:  # (a county's 12,000 kept outputs: no path made for each)
            found = self._seen(path)
            assert found is not None  # (:meth:`linkable` found it)
            self.files[path] = (key, *found)  # as it is
            return
        source = previous / path if previous is not None else None
        made = None if source is not None else text()
        if made is not None and not isinstance(made, str | bytes):
            self._write_pieces(path, key, made)
            return
        self.batch.append((path, key, source, made))
        if len(self.batch) >= BATCH:
            self._submit()

    def _submit(self) -> None:
        if self.batch:
            self.writes.append(self.pool.submit(self._put_all, self.batch))
            self.batch = []

    def _put_all(self, batch: list[Output]) -> None:
        for path, key, source, text in batch:
            self._put(path, key, source, text)

    def written(self, path: str, key: bytes) -> None:
        """Record the output at ``path`` (written by the engine, or here), made from ``key`` (so the next build can
        link it)."""
        found = (self.root / path).stat()
        self.files[path] = (key, found.st_size, found.st_mtime_ns)

    def _write_pieces(self, path: str, key: bytes, pieces: Iterator[bytes]) -> None:
        """Write ``pieces`` as they are made, here (they may be read from this thread's database)."""
        target = self.root / path
        with in_its_folder(target, lambda: target.open("wb")) as file:
            for piece in pieces:
                file.write(piece)
        self.written(path, key)

    def _put(self, path: str, key: bytes, source: Path | None, text: str | bytes | None) -> None:
        target = self.root / path
        linked = in_its_folder(target, lambda: self._make(target, source, text))
        if linked and (found := self._seen(path)) is not None:  # one file, two names: as it was
            self.files[path] = (key, *found)
        else:
            stat = target.stat()
            self.files[path] = (key, stat.st_size, stat.st_mtime_ns)

    @staticmethod
    def _make(target: Path, source: Path | None, text: str | bytes | None) -> bool:
        """Write ``target``; whether it is a hard link to ``source``."""
        if source is not None:
            try:
                os.link(source, target)
                return True
            except FileNotFoundError:
                raise
            except OSError:  # another file system, or links not allowed: copy it
                shutil.copy2(source, target)
        elif isinstance(text, bytes):
            target.write_bytes(text)
        else:
            assert text is not None
            target.write_text(text, encoding="utf-8", newline="\n")
        return False

    def __enter__(self) -> SiteFolder:
        return self

    def flush(self) -> None:
        """Wait until everything placed so far is written, and end the writing threads (new ones start with
        the next write): a build forks its second processes only while it runs no thread."""
        self._submit()
        self.pool.shutdown(wait=True)
        writes, self.writes = self.writes, []
        self.pool = _writers()
        for write in writes:
            write.result()  # a failed write fails the build

    def stop(self) -> None:
        """Write nothing more (the build failed): the writes not begun are dropped, the others ended."""
        self.batch = []
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __exit__(self, *exc: object) -> None:
        self.flush()


def as_left(found: tuple[int, int] | None, left: tuple[int, int]) -> bool:
    """Whether a file found with the size and time ``found`` (None: not there) is the one a build left with
    the size and time ``left``.

    A time of whole seconds, the second of ``left``, is taken for the same: an archive that keeps seconds
    only gives it back so (GitLab's cache is a zip), and CI restores ``site/`` from it. A file written since
    has the time it was written, to the nanosecond where the file system keeps them (where it keeps
    seconds, ``left`` is whole seconds too, and only the same time is the same)."""
    if found is None or found[0] != left[0]:
        return False
    return found[1] == left[1] or (found[1] % _SECOND == 0 and found[1] == left[1] - left[1] % _SECOND)


_SECOND = 1_000_000_000
"""A second, in the nanoseconds of a file's time."""


def _writers() -> ThreadPoolExecutor:
    """The threads a :class:`SiteFolder` writes with (none runs until the first write)."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="nb-write")
