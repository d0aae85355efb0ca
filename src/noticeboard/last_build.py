"""The last build of a site folder: what it was made from, and what it left there.

Why: the office (and CI) often builds when nothing has changed — a push of the README, a second
``make build``. A county's site is 14,000 files; even linking them all again from the last build takes
seconds. If the fingerprint of everything a build reads (``tree_fingerprint`` of the data, the pages,
the theme, the code; the settings, the date, the git history: the caller gathers them) is the one the
last build of this folder was made from, and the folder still holds exactly the files that build left
(same names, sizes and modification times, none added, none removed), then a new build would write those
very bytes: there is nothing to do. Any difference, or a damaged record, means a build as usual.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from noticeboard.registries.disk_cache import DiskCache

Manifest = dict[str, tuple[int, int]]
"""Every file of a site folder: path with ``/`` → (size, modification time in ns)."""


def manifest(site: Path, known: Mapping[str, tuple[int, int]] | None = None) -> Manifest:
    """Every file under ``site``, with its size and modification time; those of ``known`` files as given
    (the build took them when it wrote or linked them: a county's 20,000 files are not looked at again)."""
    known = known or {}
    found: Manifest = {}
    pending = [(site, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif (given := known.get(path := prefix + entry.name)) is not None:
                    found[path] = given
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


KEPT = 20
"""Site folders remembered (the most recently built): tests and previews build into ever new folders."""


class LastBuild:
    """The record of each site folder's last build, in ``folder`` (checked when read)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store = DiskCache(folder, b"last build 1\n", ".json")

    def unchanged(self, site: Path, inputs: bytes) -> bool:
        """Whether the last build of ``site`` was made from ``inputs`` and left ``site`` as it is now."""
        stored = self.store.get(_name(site))
        if stored is None or not site.is_dir():
            return False
        record = json.loads(stored)
        if record.get("inputs") != inputs.hex():
            return False
        try:
            now = manifest(site)
        except OSError:
            return False
        return now == {path: (size, mtime) for path, (size, mtime) in record["files"].items()}

    def record(
        self,
        site: Path,
        inputs: bytes,
        known: Mapping[str, tuple[int, int]] | None = None,
        *,
        whole: bool = False,
    ) -> None:
        """Remember that ``site``, as it is now, was built from ``inputs`` (``known``: the size and time of
        the files the build wrote, as it found them then; a file changed since is built again next time;
        ``whole``: ``known`` is every file of ``site``, so the folder is not walked: 0.3 s for a county)."""
        files = dict(known or {}) if whole else manifest(site, known)
        record = {"inputs": inputs.hex(), "files": files}
        self.store.put(_name(site), json.dumps(record, sort_keys=True).encode())
        this = self.store.path(_name(site))
        others = sorted((path for path in self.folder.glob("*/*.json") if path != this), key=_modified)
        for old in others[: max(0, len(others) - (KEPT - 1))]:  # the oldest go
            old.unlink(missing_ok=True)


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _name(site: Path) -> bytes:
    return os.fsencode(site.resolve())
