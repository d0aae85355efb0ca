"""What changes on the public boards between two versions of the registries.

Why: a wrong edit must be seen before it reaches a board that names people.
Both versions are turned into the same *public snapshot* — exactly what the
boards show, the current year's and each earlier year's, nothing withheld from
them — and compared entry by entry (an earlier year's boards change when a
rule in ``schemes.yml`` or a branch's ``parent`` does: that is shown too). A
member who leaves a board is reported as no longer listed, never with the
reason (which could be "no star"), since the report may be posted on a merge
request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from msgspec import field

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.snapshot import Entry, Fields
from noticeboard.boards.township import Boards, YearView
from noticeboard.registries.frozen import frozen


@frozen
class Snapshot:
    """Every public board of the current year, as entries by a stable key (board kind key → entries), and
    each earlier year's (year → board kind key → entries)."""

    year: int
    boards: dict[str, dict[str, Entry]]
    earlier: dict[int, dict[str, dict[str, Entry]]] = field(default_factory=dict)


def board_titles() -> dict[str, str]:
    """Board kind key → its title, in the order boards are reported."""
    return {kind.key: kind.title for kind in KINDS}


def snapshot(boards: Boards) -> Snapshot:
    """Every year's public boards as comparable entries (only what the boards show)."""
    return Snapshot(
        boards.current.year,
        _entries(boards, boards.current),
        {view.year: _entries(boards, view) for view in boards.earlier},
    )


def _entries(boards: Boards, view: YearView) -> dict[str, dict[str, Entry]]:
    """One year's boards as entries, by board kind key."""
    out: dict[str, dict[str, Entry]] = {}
    for kind in KINDS:
        board = view.board(kind)
        out[kind.key] = dict(kind.snapshot(boards, board)) if board is not None else {}
    return out


@frozen
class Change:
    """One line of the report: an entry added, removed, or changed in how it is named or in some fields."""

    board: str
    label: str
    kind: str
    """``added``, ``removed`` or ``changed``."""
    before: Fields = field(default_factory=dict)
    after: Fields = field(default_factory=dict)
    before_label: str | None = None
    """How a changed entry was named before, when that changed: a commitment's words corrected, a member
    moved to another branch (the label is what the board shows of the entry, and a board's words are
    never changed silently)."""
    year: int | None = None
    """The earlier year whose board changed; None: the current year's."""

    def sentence(self) -> str:
        """The change in Chinese, e.g. ``青山村第一党支部 邱美玲：积分 90 → 85，星级 三星 → 二星``, or
        ``青山镇党委：年内建成… → 青山镇党委：年内完成…`` when the entry's own words changed."""
        if self.kind == "added":
            return f"{self.label}：新列入（{_fields(self.after)}）"
        if self.kind == "removed":
            return f"{self.label}：不再列入"
        changed = [
            f"{name} {self.before.get(name, '—')} → {value}"
            for name, value in self.after.items()
            if self.before.get(name) != value
        ]
        if self.before_label is not None:
            return f"“{self.before_label}”改为“{self.label}”" + (
                f"（{'，'.join(changed)}）" if changed else ""
            )
        return f"{self.label}：{'，'.join(changed)}"


def _fields(fields: Mapping[str, str]) -> str:
    return "，".join(f"{name} {value}" for name, value in fields.items())


@frozen
class Report:
    """Every change between two snapshots, by board in a fixed order."""

    before_year: int | None
    after_year: int
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.before_year != self.after_year

    def by_board(self) -> list[tuple[str, list[Change]]]:
        """The changes by board, titled: the current year's boards, then each earlier year's (newest first),
        ``2024 年度星级支部``."""
        years = sorted({c.year for c in self.changes if c.year is not None}, reverse=True)
        return [
            (title if year is None else f"{year} 年度{title}", found)
            for year in (None, *years)
            for key, title in board_titles().items()
            if (found := [c for c in self.changes if c.board == key and c.year == year])
        ]


def compare(before: Snapshot | None, after: Snapshot) -> Report:
    """The changes from ``before`` (None: nothing was published) to ``after``: the current year's boards,
    and an earlier year's that ``before`` had, as an earlier year or as its current one."""
    if before is None:
        return Report(None, after.year, tuple(_changes({}, after.boards, None)))
    changes = _changes(before.boards, after.boards, None)
    for year, boards in sorted(after.earlier.items(), reverse=True):
        if year in before.earlier:
            changes += _changes(before.earlier[year], boards, year)
        elif year == before.year:  # (the year moved on: what was current is compared with its archive)
            changes += _changes(before.boards, boards, year)
    return Report(before.year, after.year, tuple(changes))


def _changes(
    before: Mapping[str, Mapping[str, Entry]], after: Mapping[str, Mapping[str, Entry]], year: int | None
) -> list[Change]:
    """One year's changes, board by board in the boards' order."""
    changes: list[Change] = []
    for board in board_titles():
        old = before.get(board, {})
        new = after.get(board, {})
        for key, entry in new.items():
            if key not in old:
                changes.append(Change(board, entry.label, "added", after=entry.fields, year=year))
            elif old[key] != entry:
                renamed = old[key].label if old[key].label != entry.label else None
                changes.append(
                    Change(board, entry.label, "changed", old[key].fields, entry.fields, renamed, year)
                )
        changes.extend(
            Change(board, entry.label, "removed", before=entry.fields, year=year)
            for key, entry in old.items()
            if key not in new
        )
    return changes


def render(report: Report, markdown: bool = False, limit: int = 200) -> str:
    """The report as plain text (for the terminal) or Markdown (for a merge-request comment)."""
    lines: list[str] = []
    if not report.changed:
        return "公示栏没有变化。\n"
    heading = "### " if markdown else ""
    bullet = "- " if markdown else "  "
    if report.before_year != report.after_year:
        lines.append(f"{heading}公示年度：{report.before_year or '无'} → {report.after_year}")
    for title, changes in report.by_board():
        lines.append(f"{heading}{title}（{len(changes)} 处变化）")
        lines.extend(bullet + change.sentence() for change in _first(changes, limit))
        if len(changes) > limit:
            lines.append(f"{bullet}……另有 {len(changes) - limit} 处")
        if markdown:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _first(changes: Iterable[Change], limit: int) -> list[Change]:
    return list(changes)[:limit]
