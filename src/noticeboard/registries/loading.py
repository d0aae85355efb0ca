"""Reading ``data/`` into one validated :class:`Registry`: the single way in to the registries."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from noticeboard.registries.aside import Aside, AsideFailed
from noticeboard.registries.cross_checks import build_registry
from noticeboard.registries.errors import Problem, Problems, RegistryError
from noticeboard.registries.memory import paused_gc
from noticeboard.registries.photos import PhotoChecks
from noticeboard.registries.reading import Loaded, Registry, read_files, record_files
from noticeboard.registries.record_files import RecordFile
from noticeboard.registries.yaml_source import ParseCache

T = TypeVar("T")

CHECK_ASIDE_FROM = 200
"""Record files from which :func:`load_and_use` has the cross-checks made by a second process: a township's
65 files are checked in a few milliseconds, less than the second process costs."""


def load_registry(
    data_dir: Path,
    *,
    stories_dir: Path | None = None,
    root: Path | None = None,
    cache_dir: Path | None = None,
    declared: Sequence[RecordFile] = (),
    fork: bool | None = None,
) -> Registry:
    """Read, validate and cross-check every registry under ``data_dir``.

    ``stories_dir`` is the blog's posts folder, whose front matter links case
    stories to branches. ``root`` is the folder file names are shown relative to
    in messages (default: the current directory). ``cache_dir`` keeps parsed
    files between runs, so only changed files are parsed again. ``declared`` are the board
    kinds' own data files (``boards.kinds.load_township`` passes them all). ``fork``: parse and validate
    files the cache has not got in two processes (not in a process that runs threads, such as a preview
    server; by default only when this process runs no other thread). Raises
    :class:`RegistryError` listing every problem at once when anything is wrong.
    """
    return load_and_use(
        lambda registry: registry,
        data_dir,
        stories_dir=stories_dir,
        root=root,
        cache_dir=cache_dir,
        declared=declared,
        fork=fork,
        checks_aside=False,
    )


def load_and_use(
    use: Callable[[Registry], T],
    data_dir: Path,
    *,
    stories_dir: Path | None = None,
    root: Path | None = None,
    cache_dir: Path | None = None,
    declared: Sequence[RecordFile] = (),
    fork: bool | None = None,
    checks_aside: bool = True,
) -> T:
    """:func:`load_registry`, then ``use(registry)`` (rating every year and preparing the boards) while a
    second process makes the cross-checks: what ``use`` returned, once they found nothing.

    Why: the cross-checks are a sixth of a county's warm data layer (0.24 s of 1.6 s), and rating needs
    only that they pass. The second process is forked once the files are read, and checks the records as
    :func:`load_registry` does, so it reports exactly the problems that would be. ``use`` is given the
    registry built as if every check passed. If one did not, what ``use`` returned is thrown away, and
    what it raised meanwhile gives way to the problems: bad data may trip code that trusts the checks.

    (A second process that read the files again itself touched none of this one's memory, but kept the
    other core busy for a second: a county's rebuild, whose other core also lists the last site's files
    then, was 0.35 s slower. This one checks in 0.3 s; this process copies each memory page of the
    records the two share when it first writes to it, which costs it less than the checks.)

    The checks are made here, first, where a fork is not allowed (``fork``) or not possible (Windows),
    for a township (:data:`CHECK_ASIDE_FROM`), and after a problem found while reading the files (all
    problems are reported at once). ``checks_aside=False``: always here (:func:`load_registry`).
    """
    problems = Problems(root=Path.cwd() if root is None else root)
    if not data_dir.is_dir():
        problems.add(data_dir, 0, "找不到数据文件夹")
        problems.raise_if_any()
    may_fork = _may_fork() if fork is None else fork
    aside = checks_aside and may_fork and hasattr(os, "fork")
    checks: Aside | None = None
    photos = PhotoChecks(cache_dir) if cache_dir is not None else None
    try:
        with paused_gc():
            cache = ParseCache(cache_dir) if cache_dir is not None else None
            files = record_files(data_dir, declared) if cache is not None or aside else []
            if cache is not None:
                cache.validate_ahead(files, fork=may_fork)
            try:
                loaded = read_files(data_dir, stories_dir, problems, cache, declared)
                if aside and len(files) >= CHECK_ASIDE_FROM and not problems:
                    checks = Aside(
                        functools.partial(_problems, loaded, problems.root, stories_dir, declared, photos)
                    )
                else:
                    registry = build_registry(loaded, problems, stories_dir, declared, photos)
            finally:
                if cache is not None:
                    cache.close(wait=False)  # its records written meanwhile, on the other core
        if checks is None:
            used = use(registry)
        else:
            try:
                with paused_gc():
                    registry = build_registry(
                        loaded, Problems(problems.root), stories_dir, declared, photos, checked=False
                    )
                used = use(registry)
            except Exception:  # bad data may be why: its problems are said instead
                _raise_found(checks, lambda: build_registry(loaded, problems, stories_dir, declared, photos))
                raise
            _raise_found(checks, lambda: build_registry(loaded, problems, stories_dir, declared, photos))
    finally:
        if checks is not None:
            checks.stop()  # (nothing is left to stop once its result was taken)
    if photos is not None:
        photos.save()
    return used


def _problems(
    loaded: Loaded,
    root: Path | None,
    stories_dir: Path | None,
    declared: Sequence[RecordFile],
    photos: PhotoChecks | None,
) -> tuple[Problem, ...]:
    """Every problem the cross-checks find in ``loaded``, none if none: the second process's work in
    :func:`load_and_use`."""
    try:
        build_registry(loaded, Problems(root=root), stories_dir, declared, photos)
    except RegistryError as error:
        return error.problems
    return ()


def _raise_found(checks: Aside, check_here: Callable[[], object]) -> None:
    """Raise :class:`RegistryError` with the problems the second process found, if any. If it failed (it
    printed why), the checks are made here by ``check_here``, which raises what it finds."""
    try:
        found = checks.result()
    except AsideFailed:
        check_here()
        return
    if found:
        raise RegistryError(found)


def _may_fork() -> bool:
    """Whether a fork is safe: no other thread holds a lock the child would inherit held."""
    return threading.active_count() == 1
