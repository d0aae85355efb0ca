"""Boards that contradict each other are reported before publishing: ``FILE:LINE: 提醒：…``, exit 0, or 1
with ``--strict`` (a 较差 organisation praised by another board, a rectification deadline passed unrecorded)."""

from __future__ import annotations

import datetime as dt

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.township import build_boards
from support.commands import run
from support.township import Township, with_extras


def reminders(town: Township) -> list[str]:
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    return sorted(
        str(reminder)
        for view in boards.years.values()
        for kind in KINDS
        if (board := view.board(kind)) is not None
        for reminder in kind.reminders(boards, view, board)
    )


def test_a_consistent_township_has_no_reminder(town: Township) -> None:
    assert reminders(town) == []


def test_a_poorly_graded_organisation_whose_secretary_is_excellent(town: Township) -> None:
    # 华新茶业: 较差 in 2025, and its secretary's duty report 89.95 → 90.0 优秀.
    assert reminders(with_extras(town)) == [
        "data/branches.yml:33: 提醒：华新茶业党支部 2025 年分类定级为“较差”，书记陈立的述职考核却是“优秀”"
    ]


def test_a_poorly_graded_three_star_branch(town: Township) -> None:
    with_extras(town).replace(
        "data/branches.yml",
        "  grade:\n    2025: 较差",
        "  assessments:\n    2025: {score: 95}\n  grade:\n    2025: 较差",
    )
    assert (
        "data/branches.yml:28: 提醒：华新茶业党支部 2025 年分类定级为“较差”，支部评星却是三星，两块公示栏互相矛盾"
        in (reminders(town))
    )


def test_a_rectification_deadline_passed_with_no_progress(town: Township) -> None:
    with_extras(town).replace(
        "data/branches.yml",
        "      deadline: 2026-06-30\n      progress: 已调整支部班子\n",
        "      deadline: 2025-12-31\n",
    )
    assert (
        "data/branches.yml:30: 提醒：华新茶业党支部 2025 年整顿转化的期限 2025年12月31日 已过，还没有写进展情况 progress"
        in (reminders(town))
    )
    # The day the deadline falls is still within it.
    town.replace("data/branches.yml", "deadline: 2025-12-31", "deadline: 2026-01-05")
    assert not [r for r in reminders(town) if "期限" in r]


def test_validate_shows_reminders_and_strict_makes_them_errors(town: Township) -> None:
    with_extras(town)
    relaxed = run("validate", "data", cwd=town.root)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "data/branches.yml:33: 提醒：" in relaxed.stderr and "（不影响发布）" in relaxed.stderr
    strict = run("validate", "--strict", "data", cwd=town.root)
    assert strict.returncode == 1
    assert "（--strict：按错误处理）" in strict.stderr
