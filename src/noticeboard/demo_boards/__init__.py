"""Demo data of the boards that bring their own data files: one module per board, found by itself.

Why separate from ``demo``: a new board brings its demo data with it (its module here) and the
demo generator, which writes the core registries first, needs no edit. Each module has
``write(out: Path, seed: int) -> None``, which reads the registries already written to ``out``
(organisations, members, the site's year) and writes its own files there, reproducibly.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path, int], None]


def writers() -> list[tuple[str, Writer]]:
    """Every board's demo writer, by module name (so the demo is the same on every machine)."""
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        write = getattr(importlib.import_module(f"{__name__}.{module.name}"), "write", None)
        if callable(write):
            found.append((module.name, write))
    return found


def write_all(out: Path, seed: int) -> None:
    """Write every board's demo files into ``out`` (after the core registries)."""
    for _, write in writers():
        write(out, seed)
