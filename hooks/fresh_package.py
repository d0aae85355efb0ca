"""While ``mkdocs serve`` rebuilds, let edits to the ``noticeboard`` package take effect.

MkDocs loads every hook file anew for each rebuild, in the order ``mkdocs.yml`` lists
them, but Python keeps modules it imported once. Listed before ``noticeboard_hooks.py``,
this file forgets the package's modules when a file of the package has changed since they
were imported (its name, size or modification time), so that hook imports the package as
it is now. Importing the package anew costs half a second, most of a rebuild after a data
edit, so it is kept while its files are unchanged. On the first load of a build nothing is
imported yet and nothing happens.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

STAMP = "_noticeboard_files"
"""The attribute of the imported package that holds its files' stamp as they were when it was imported."""


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file of the package (Python's caches aside): path, size and modification time."""
    found = []
    for top, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            path = Path(top) / name
            stat = path.stat()
            found.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def _package_folder() -> Path | None:
    spec = importlib.util.find_spec("noticeboard")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


_folder = _package_folder()
_now = _stamp(_folder) if _folder is not None else ()
_package = sys.modules.get("noticeboard")
if _package is not None and getattr(_package, STAMP, None) != _now:
    for _name in [name for name in sys.modules if name == "noticeboard" or name.startswith("noticeboard.")]:
        del sys.modules[_name]
if _folder is not None:
    import noticeboard

    if getattr(noticeboard, STAMP, None) is None:
        setattr(noticeboard, STAMP, _now)  # the files as they were before this import read them
