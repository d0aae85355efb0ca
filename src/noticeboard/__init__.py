"""Noticeboard: the domain of township Party notice boards (公示栏).

Loading and validating the registries, rating branches and members by the
published rules, and aggregating what the boards show. This package knows
nothing of MkDocs or Jinja; the site is built by thin hooks over it.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, Problems, RegistryError
from .integrity import build_registry
from .memory import paused_gc
from .registry import Registry, read_files
from .yamlsource import ParseCache

__all__ = ["Problem", "Registry", "RegistryError", "load_registry"]


def load_registry(
    data_dir: Path,
    *,
    stories_dir: Path | None = None,
    root: Path | None = None,
    cache_dir: Path | None = None,
) -> Registry:
    """Read, validate and cross-check every registry under ``data_dir``.

    ``stories_dir`` is the blog's posts folder, whose front matter links case
    stories to branches. ``root`` is the folder file names are shown relative to
    in messages (default: the current directory). ``cache_dir`` keeps parsed
    files between runs, so only changed files are parsed again. Raises :class:`RegistryError`
    listing every problem at once when anything is wrong.
    """
    problems = Problems(root=Path.cwd() if root is None else root)
    if not data_dir.is_dir():
        problems.add(data_dir, 0, "找不到数据文件夹")
        problems.raise_if_any()
    with paused_gc():
        cache = ParseCache(cache_dir) if cache_dir is not None else None
        loaded = read_files(data_dir, stories_dir, problems, cache)
        return build_registry(loaded, problems, stories_dir)
