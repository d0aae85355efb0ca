"""变更记录: what each published revision changed on the public boards, from git history.

Why public: a correction made quietly would let a wrong star or a wrong name
disappear without a trace; the change log shows the public each change to the
boards, revision by revision. Each report compares the boards made from the
data at a commit with those last published before it, by the same rules as
``diff``. Reports are kept on disk by commit, since history does not change, so
only new revisions cost a build anything.

What a revision shows is computed, never copied from the commit: the changes on
the boards in Chinese, and the office's ``公示说明`` note when the commit carries
one. The commit's subject, its other lines and its author stay in git (a clerk's
remark or name is not a board entry). Left out: revisions that change no public
board (a phone number, a private remark), and revisions whose data was invalid
(the site cannot be built from them, so nothing of them was ever published; the
next valid revision is compared with the last valid one before it).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from noticeboard.boards.kinds import load_township
from noticeboard.boards.township import build_boards
from noticeboard.office.board_diff import Change, Report, Snapshot, compare, snapshot
from noticeboard.office.git_history import Commit, GitError, checkout_folder, data_commits_before
from noticeboard.registries.disk_cache import DiskCache, source_fingerprint
from noticeboard.registries.errors import RegistryError
from noticeboard.registries.frozen import frozen
from noticeboard.registries.progress import progress

DEPTH = 20
"""How many of the latest revisions that changed the data are looked at."""

LOOK_BACK = 20
"""How many earlier revisions are tried for the last valid data before a revision."""

SHOWN = 50
"""Changes listed per board and revision; the rest are counted."""

OPEN = 10
"""A board's changes are shown unfolded up to this many."""

CACHE_SALT = b"changelog 3\n"
"""Names the way reports are made: 3 compares with the last valid revision, not the parent. The
package's own code is in the salt too (``source_fingerprint``): a board kind's snapshot that changes
makes every cached report miss."""
PACKAGE = Path(__file__).resolve().parents[1]


@frozen
class BoardChanges:
    """One board's changes in one revision, as the page prints them."""

    heading: str
    """``星级党员公示栏（1 处变化）``."""
    lines: tuple[str, ...]
    """The first ``SHOWN`` changes, each a sentence (``青山村第一党支部 邱美玲：积分 91.0 → 88.0，…``)."""
    more: str
    """``……另有 12 处`` when more changes than lines, else empty."""
    open: bool
    """Whether it is shown unfolded (few changes)."""


@frozen
class Revision:
    """One revision on the 变更记录 page: when, its reference, the office's notes, the board changes."""

    date: dt.date
    reference: str
    """The commit's short hash, for anyone who checks the history."""
    notes: tuple[str, ...]
    """The commit's ``公示说明`` trailers (plain text: the page escapes them)."""
    report: Report

    @property
    def year_line(self) -> str:
        """``公示年度：2025 → 2026`` when the revision moved the year, else empty."""
        before, after = self.report.before_year, self.report.after_year
        return f"公示年度：{before or '无'} → {after}" if before != after else ""

    @property
    def boards(self) -> tuple[BoardChanges, ...]:
        return tuple(
            BoardChanges(
                f"{title}（{len(changes)} 处变化）",
                tuple(change.sentence() for change in changes[:SHOWN]),
                f"……另有 {len(changes) - SHOWN} 处" if len(changes) > SHOWN else "",
                len(changes) <= OPEN,
            )
            for title, changes in self.report.by_board()
        )


def revisions(data_dir: Path, commits: list[Commit], cache_dir: Path | None = None) -> list[Revision]:
    """The reports of the newest ``DEPTH`` commits (newest first); only those that changed a public board."""
    salt = CACHE_SALT + source_fingerprint(PACKAGE)
    store = DiskCache(cache_dir, salt, ".json") if cache_dir is not None else None
    parse_cache = cache_dir.parent if cache_dir is not None else None
    found = []
    for commit in progress(commits[:DEPTH], desc="变更记录", unit="版本", at_least=1):
        stored = store.get(commit.hash.encode()) if store else None
        if stored is not None:
            report = _load(stored)
        else:
            report = _report(data_dir, commit.hash, parse_cache)
            if store:
                store.put(commit.hash.encode(), _dump(report))
        if report is not None and report.changed:
            found.append(Revision(commit.date, commit.hash[:7], commit.notes, report))
    return found


def _report(data_dir: Path, commit: str, cache_dir: Path | None) -> Report | None:
    """What ``commit`` changed on the boards; None when its data was invalid (never published) or absent."""
    try:
        after = _snapshot_at(data_dir, commit, cache_dir)
    except RegistryError:
        return None
    if after is None:
        return None
    return compare(_published_before(data_dir, commit, cache_dir), after)


def _published_before(data_dir: Path, commit: str, cache_dir: Path | None) -> Snapshot | None:
    """The boards as last published before ``commit``: from the newest earlier data that was valid."""
    for earlier in data_commits_before(data_dir, commit, LOOK_BACK):
        try:
            return _snapshot_at(data_dir, earlier, cache_dir)
        except RegistryError:
            continue  # no site was built from it: look further back
    return None


def _snapshot_at(data_dir: Path, revision: str, cache_dir: Path | None) -> Snapshot | None:
    """The public boards at ``revision`` (None: no data folder then); raises RegistryError for invalid data."""
    with tempfile.TemporaryDirectory() as temp:
        try:
            folder = checkout_folder(data_dir, revision, Path(temp))
        except GitError:
            return None
        if folder is None:
            return None
        registry = load_township(folder, root=Path(temp), cache_dir=cache_dir)
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
            [c.board, c.label, c.kind, list(c.before.items()), list(c.after.items()), c.before_label, c.year]
            for c in report.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _load(stored: bytes) -> Report | None:
    data = json.loads(stored)
    if data is None:
        return None
    changes = tuple(
        Change(board, label, kind, dict(before), dict(after), before_label, year)
        for board, label, kind, before, after, before_label, year in data["changes"]
    )

    return Report(data["before_year"], data["after_year"], changes)
