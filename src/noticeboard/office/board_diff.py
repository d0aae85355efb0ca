"""What changes on the public boards between two versions of the registries.

Why: a wrong edit must be seen before it reaches a board that names people.
Both versions are turned into the same *public snapshot* — exactly what the
current year's boards show, nothing withheld from them — and compared entry by
entry. A member who leaves a board is reported as no longer listed, never with
the reason (which could be "no star"), since the report may be posted on a
merge request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from noticeboard.boards.township import Boards
from noticeboard.rules.ratings import Rating

Fields = dict[str, str]
"""What is shown of one entry, by the column name on its board (得分, 星级, 状态 …)."""


@dataclass(frozen=True)
class Entry:
    """One line of a board: how it is named and what is shown."""

    label: str
    fields: Fields


@dataclass(frozen=True)
class Snapshot:
    """Every public board of the current year, as entries by a stable key."""

    year: int
    boards: dict[str, dict[str, Entry]]


BOARD_TITLES: dict[str, str] = {
    "branches": "星级党支部公示栏",
    "members": "星级党员公示栏",
    "commitments": "公开承诺",
    "pioneers": "党员先锋岗",
    "reviews": "领导点评",
    "venues": "活动场所星级",
    "classification": "分类定级",
    "duty_reports": "述职评议",
}


def _score(rating: Rating | None) -> Fields:
    if rating is None:
        return {"星级": "未评定"}
    return {"得分": str(rating.score), "星级": rating.words}


def snapshot(boards: Boards) -> Snapshot:
    """The current year's public boards as comparable entries (only what the boards show)."""
    view = boards.current
    out: dict[str, dict[str, Entry]] = {key: {} for key in BOARD_TITLES}
    for page in view.pages.values():
        branch = page.branch
        out["branches"][branch.id] = Entry(branch.name, _score(branch.rating))
        for row in page.members.rows:
            fields = {"积分": str(row.points) if row.points is not None else "—", "星级": _words(row.rating)}
            out["members"][row.id] = Entry(f"{branch.name} {row.name}", fields)
        for commitment in page.commitments:
            fields = {"状态": commitment.status_label, "逾期": "是" if commitment.overdue else "否"}
            out["commitments"][commitment.id] = Entry(f"{commitment.maker}：{commitment.text}", fields)
    for branch_id, board in boards.pioneers.items():
        for post in board.rows:
            key = f"{branch_id}/{post.name}/{post.title}"
            out["pioneers"][key] = Entry(
                f"{board.org.name} {post.name}（{post.title}）", {"职责": post.duties or "—"}
            )
    for org_id, review_board in view.reviews.items():
        for review in review_board.rows:
            key = f"{org_id}/{review.subject}/{review.reviewer}/{review.date}"
            fields = {"总体评价": review.overall, "评定等次": review.grade or "—"}
            out["reviews"][key] = Entry(f"{review.reviewer}对{review.subject}的点评", fields)
    for venue in view.venues.rows:
        out["venues"][venue.org.id] = Entry(venue.org.name, {"星级": venue.rating.words})
    for group in view.classification.groups:
        for grade in group.rows:
            progress = grade.rectification.progress if grade.rectification else None
            out["classification"][grade.org.id] = Entry(
                grade.org.name, {"等次": grade.grade, "整顿进展": progress or "—"}
            )
    for duty in view.duty_reports.rows:
        fields = {"综合得分": str(duty.rating.score), "等次": duty.rating.words}
        out["duty_reports"][duty.org.id] = Entry(f"{duty.org.name}书记{duty.org.secretary or ''}", fields)
    return Snapshot(view.year, out)


def _words(rating: Rating | None) -> str:
    return "—" if rating is None else rating.words


@dataclass(frozen=True)
class Change:
    """One line of the report: an entry added, removed, or changed in some fields."""

    board: str
    label: str
    kind: str
    """``added``, ``removed`` or ``changed``."""
    before: Fields = field(default_factory=dict)
    after: Fields = field(default_factory=dict)

    def sentence(self) -> str:
        """The change in Chinese, e.g. ``青山村第一党支部 邱美玲：积分 90 → 85，星级 三星 → 二星``."""
        if self.kind == "added":
            return f"{self.label}：新列入（{_fields(self.after)}）"
        if self.kind == "removed":
            return f"{self.label}：不再列入"
        changed = [
            f"{name} {self.before.get(name, '—')} → {value}"
            for name, value in self.after.items()
            if self.before.get(name) != value
        ]
        return f"{self.label}：{'，'.join(changed)}"


def _fields(fields: Mapping[str, str]) -> str:
    return "，".join(f"{name} {value}" for name, value in fields.items())


@dataclass(frozen=True)
class Report:
    """Every change between two snapshots, by board in a fixed order."""

    before_year: int | None
    after_year: int
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.before_year != self.after_year

    def by_board(self) -> list[tuple[str, list[Change]]]:
        return [
            (title, [c for c in self.changes if c.board == key])
            for key, title in BOARD_TITLES.items()
            if any(c.board == key for c in self.changes)
        ]


def compare(before: Snapshot | None, after: Snapshot) -> Report:
    """The changes from ``before`` (None: nothing was published) to ``after``."""
    changes: list[Change] = []
    for board in BOARD_TITLES:
        old = before.boards[board] if before else {}
        new = after.boards[board]
        for key, entry in new.items():
            if key not in old:
                changes.append(Change(board, entry.label, "added", after=entry.fields))
            elif old[key].fields != entry.fields:
                changes.append(Change(board, entry.label, "changed", old[key].fields, entry.fields))
        changes.extend(
            Change(board, entry.label, "removed", before=entry.fields)
            for key, entry in old.items()
            if key not in new
        )
    return Report(before.year if before else None, after.year, tuple(changes))


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
