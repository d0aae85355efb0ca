"""变更记录: what each published revision changed on the public boards, from git history.

Why public: a correction made quietly would let a wrong star or a wrong name
disappear without a trace; the change log shows the public each change to the
boards, revision by revision. Each report compares the boards made from the
data at a commit with those last published before it, by the same rules as
``diff``. Reports are kept on disk by commit, since history does not change, so
only new revisions cost a build anything; a report made as of the day it was made
(data without ``as_of``: what is overdue depends on the day) is kept for that day.

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

CACHE_SALT = b"changelog 4\n"
"""Names the way reports are made: 3 compares with the last valid revision, not the parent; 4 notes the
day a report made as of the day it was made is for. The
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


def revisions(
    data_dir: Path, commits: list[Commit], cache_dir: Path | None = None, today: dt.date | None = None
) -> list[Revision]:
    """The reports of the newest ``DEPTH`` commits (newest first); only those that changed a public board.
    ``today`` (default: the computer's date) rates data whose ``site.yml`` gives no ``as_of``."""
    today = dt.date.today() if today is None else today
    salt = CACHE_SALT + source_fingerprint(PACKAGE)
    store = DiskCache(cache_dir, salt, ".json") if cache_dir is not None else None
    parse_cache = cache_dir.parent if cache_dir is not None else None
    found = []
    for commit in progress(commits[:DEPTH], desc="变更记录", unit="版本", at_least=1):
        stored = store.get(commit.hash.encode()) if store else None
        kept = _load(stored, today) if stored is not None else _STALE
        if isinstance(kept, _Stale):
            report, dated = _report(data_dir, commit.hash, parse_cache, today)
            if store:
                store.put(commit.hash.encode(), _dump(report, today if dated else None))
        else:
            report = kept
        if report is not None and report.changed:
            found.append(Revision(commit.date, commit.hash[:7], commit.notes, report))
    return found


class _Stale:
    """A stored report that is not for today (:func:`_load`), or none stored."""


_STALE = _Stale()


def _report(
    data_dir: Path, commit: str, cache_dir: Path | None, today: dt.date
) -> tuple[Report | None, bool]:
    """What ``commit`` changed on the boards (None when its data was invalid, never published, or absent),
    and whether it was made as of ``today`` (the data, or the data before it, gives no ``as_of``)."""
    try:
        after = _snapshot_at(data_dir, commit, cache_dir, today)
    except RegistryError:
        return None, False
    if after is None:
        return None, False
    before = _published_before(data_dir, commit, cache_dir, today)
    dated = after[1] or (before is not None and before[1])
    return compare(before[0] if before is not None else None, after[0]), dated


def _published_before(
    data_dir: Path, commit: str, cache_dir: Path | None, today: dt.date
) -> tuple[Snapshot, bool] | None:
    """The boards as last published before ``commit``: from the newest earlier data that was valid."""
    for earlier in data_commits_before(data_dir, commit, LOOK_BACK):
        try:
            return _snapshot_at(data_dir, earlier, cache_dir, today)
        except RegistryError:
            continue  # no site was built from it: look further back
    return None


def _snapshot_at(
    data_dir: Path, revision: str, cache_dir: Path | None, today: dt.date
) -> tuple[Snapshot, bool] | None:
    """The public boards at ``revision`` (None: no data folder then), and whether they were made as of
    ``today`` (its ``site.yml`` gives no ``as_of``); raises RegistryError for invalid data."""
    with tempfile.TemporaryDirectory() as temp:
        try:
            folder = checkout_folder(data_dir, revision, Path(temp))
        except GitError:
            return None
        if folder is None:
            return None
        registry = load_township(folder, root=Path(temp), cache_dir=cache_dir)
        as_of = registry.site.as_of
        return snapshot(build_boards(registry, as_of or today)), as_of is None


def _dump(report: Report | None, day: dt.date | None) -> bytes:
    """A report as stored, with the ``day`` it is for (None: any day)."""
    data = None
    if report is not None:
        data = {
            "before_year": report.before_year,
            "after_year": report.after_year,
            # Fields as [name, value] pairs: their order is the board's column order, which a JSON
            # object with sorted keys would lose (a cached report must read like a fresh one).
            "changes": [
                [
                    c.board,
                    c.label,
                    c.kind,
                    list(c.before.items()),
                    list(c.after.items()),
                    c.before_label,
                    c.year,
                ]
                for c in report.changes
            ],
        }
    stored = {"day": None if day is None else day.isoformat(), "report": data}
    return json.dumps(stored, ensure_ascii=False).encode("utf-8")


def _load(stored: bytes, today: dt.date) -> Report | _Stale | None:
    """A stored report, or :data:`_STALE` when it is for another day than ``today``."""
    entry = json.loads(stored)
    if entry["day"] not in (None, today.isoformat()):
        return _STALE
    data = entry["report"]
    if data is None:
        return None
    changes = tuple(
        Change(board, label, kind, dict(before), dict(after), before_label, year)
        for board, label, kind, before, after, before_label, year in data["changes"]
    )
    return Report(data["before_year"], data["after_year"], changes)
