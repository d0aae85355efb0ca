"""Reading ``data/`` into one validated :class:`Registry`: the single way in to the registries."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from noticeboard.registries.cross_checks import build_registry
from noticeboard.registries.errors import Problems
from noticeboard.registries.memory import paused_gc
from noticeboard.registries.photos import PhotoChecks
from noticeboard.registries.reading import Registry, read_files, record_files
from noticeboard.registries.record_files import RecordFile
from noticeboard.registries.yaml_source import ParseCache


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
    problems = Problems(root=Path.cwd() if root is None else root)
    if not data_dir.is_dir():
        problems.add(data_dir, 0, "找不到数据文件夹")
        problems.raise_if_any()
    with paused_gc():
        cache = ParseCache(cache_dir) if cache_dir is not None else None
        photos = PhotoChecks(cache_dir) if cache_dir is not None else None
        if cache is not None and photos is not None:
            cache.validate_ahead(
                record_files(data_dir, declared),
                fork=_may_fork() if fork is None else fork,
                meanwhile=photos.ahead(data_dir / "photos"),
            )
        try:
            loaded = read_files(data_dir, stories_dir, problems, cache, declared)
            if cache is not None and photos is not None and (found := cache.ahead_result()) is not None:
                photos.learn(found)  # (checked by the second process while this one read the files)
            registry = build_registry(loaded, problems, stories_dir, declared, photos)
            if photos is not None:
                photos.save()
            return registry
        finally:
            if cache is not None:
                cache.close(wait=False)  # its records written meanwhile, on the other core


def _may_fork() -> bool:
    """Whether a fork is safe: no other thread holds a lock the child would inherit held."""
    return threading.active_count() == 1
