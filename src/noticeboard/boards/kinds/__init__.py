"""The declared board kinds: every module in this package that defines ``KIND``, in ``KIND.order``.

Why found rather than listed: adding a board is adding its module here (with its
templates, demo data and tests); no list elsewhere has to learn its name.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from noticeboard.boards.kind import BoardKind
from noticeboard.registries import Registry, load_registry
from noticeboard.registries.record_files import RecordFile


def _declared() -> tuple[BoardKind, ...]:
    found = []
    for module in pkgutil.iter_modules(__path__):
        kind = getattr(importlib.import_module(f"{__name__}.{module.name}"), "KIND", None)
        if isinstance(kind, BoardKind):
            found.append(kind)
    orders = [kind.order for kind in found]
    if len(set(orders)) != len(orders) or len({kind.key for kind in found}) != len(found):
        raise RuntimeError("两个公示栏种类的 order 或 key 相同 / two board kinds share an order or key")
    return tuple(sorted(found, key=lambda kind: kind.order))


KINDS: tuple[BoardKind, ...] = _declared()
"""Every board kind, in the order boards are listed everywhere."""

RECORD_FILES: tuple[RecordFile, ...] = tuple(record for kind in KINDS for record in kind.record_files)
"""Every data file the kinds declare beyond the built-in registries."""


def load_township(
    data_dir: Path,
    *,
    stories_dir: Path | None = None,
    root: Path | None = None,
    cache_dir: Path | None = None,
    fork: bool | None = None,
) -> Registry:
    """Read, validate and cross-check ``data_dir``: the built-in registries and every kind's own files
    (``fork``: see :func:`~noticeboard.registries.loading.load_registry`)."""
    return load_registry(
        data_dir, stories_dir=stories_dir, root=root, cache_dir=cache_dir, declared=RECORD_FILES, fork=fork
    )
