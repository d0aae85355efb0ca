"""变更记录: what each published revision changed on the public boards, from git history.

Why public: a correction made quietly would let a wrong star or a wrong name
disappear without a trace; the change log shows the public each change to the
boards, revision by revision. Each report compares the boards made from the
data at a commit with those made from the data just before it (its parent), by
the same rules as ``diff``. Reports are kept on disk by commit, since history
does not change, so only new revisions cost a build anything.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from noticeboard.boards.township import build_boards
from noticeboard.office.board_diff import Change, Report, Snapshot, compare, snapshot
from noticeboard.office.git_history import Commit, GitError, checkout_folder
from noticeboard.registries import load_registry
from noticeboard.registries.disk_cache import DiskCache
from noticeboard.registries.errors import RegistryError

DEPTH = 20
"""How many of the latest revisions that changed the data are listed."""


@dataclass(frozen=True)
class Revision:
    """A revision that changed the data, and what it changed on the boards (None: its data was invalid)."""

    commit: Commit
    report: Report | None

    @property
    def short(self) -> str:
        return self.commit.hash[:7]


def revisions(data_dir: Path, commits: list[Commit], cache_dir: Path | None = None) -> list[Revision]:
    """The reports of the newest ``DEPTH`` commits (newest first); revisions with no public change are left out."""
    store = DiskCache(cache_dir, b"changelog 2\n", ".json") if cache_dir is not None else None
    parse_cache = cache_dir.parent if cache_dir is not None else None
    found = []
    for commit in tqdm(commits[:DEPTH], desc="变更记录", unit="版本", disable=None, leave=False):
        stored = store.get(commit.hash.encode()) if store else None
        if stored is not None:
            report = _load(stored)
        else:
            report = _report(data_dir, commit.hash, parse_cache)
            if store:
                store.put(commit.hash.encode(), _dump(report))
        if report is None or report.changed:
            found.append(Revision(commit, report))
    return found


def _report(data_dir: Path, commit: str, cache_dir: Path | None) -> Report | None:
    after = _snapshot_at(data_dir, commit, cache_dir)
    if after is None:
        return None
    return compare(_snapshot_at(data_dir, f"{commit}^", cache_dir), after)


def _snapshot_at(data_dir: Path, revision: str, cache_dir: Path | None) -> Snapshot | None:
    with tempfile.TemporaryDirectory() as temp:
        try:
            folder = checkout_folder(data_dir, revision, Path(temp))
        except GitError:
            return None  # the first commit has no parent: nothing was published before it
        if folder is None:
            return None
        try:
            registry = load_registry(folder, root=Path(temp), cache_dir=cache_dir)
        except RegistryError:
            return None
        return snapshot(build_boards(registry, registry.site.as_of or dt.date.today()))


def _dump(report: Report | None) -> bytes:
    if report is None:
        return b"null"
    data = {
        "before_year": report.before_year,
        "after_year": report.after_year,
        # Fields as [name, value] pairs: their order is the board's column order, which a JSON
        # object with sorted keys would lose (a cached report must read like a fresh one).
        "changes": [
            [c.board, c.label, c.kind, list(c.before.items()), list(c.after.items())] for c in report.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _load(stored: bytes) -> Report | None:
    data = json.loads(stored)
    if data is None:
        return None
    changes = tuple(
        Change(board, label, kind, dict(before), dict(after))
        for board, label, kind, before, after in data["changes"]
    )

    return Report(data["before_year"], data["after_year"], changes)
