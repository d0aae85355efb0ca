"""变更记录 from git: only the computed board changes and the office's 公示说明 reach the public.

A commit message is the office's own (an English subject, a clerk's remark, the author's name);
what a revision shows is computed from the boards, plus a ``公示说明：…`` line the office wrote
for the public. Revisions that change no public board, or whose data was invalid, are not listed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from noticeboard.office.change_log import Revision, revisions
from noticeboard.office.git_history import data_history, public_notes
from support.township import Township

AUTHOR = ("user.name=王秘书", "user.email=wang.mishu@example.org")
QIU_91 = "    2025: 91\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", AUTHOR[0], "-c", AUTHOR[1], *args], cwd=root, check=True, capture_output=True
    )


def commit(root: Path, message: str) -> None:
    subprocess.run(
        ["git", "-c", AUTHOR[0], "-c", AUTHOR[1], "commit", "-q", "-a", "-F", "-"],
        cwd=root,
        check=True,
        capture_output=True,
        input=message.encode("utf-8"),
    )


@pytest.fixture
def repo(town: Township) -> Township:
    """The small township, committed to a fresh git repository."""
    git(town.root, "init", "-q", "-b", "main")
    git(town.root, "add", "-A")
    git(town.root, "commit", "-q", "-m", "Initial import of the registers")
    return town


def change_log(town: Township, cache: Path | None = None) -> list[Revision]:
    return revisions(town.root / "data", data_history(town.root / "data"), cache)


def test_a_revision_shows_its_board_changes_and_note_but_not_its_message_or_author(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", QIU_91, "    2025: 88\n")
    commit(
        repo.root,
        "Fix Qiu's points after the phone call\n\n"
        "Private: her brother-in-law complained, do not tell the branch.\n"
        "公示说明：<b>更正</b>邱美玲 2025 年度积分录入错误\n",
    )
    newest = change_log(repo)[0]
    assert newest.notes == ("<b>更正</b>邱美玲 2025 年度积分录入错误",)
    assert [(board.heading, board.lines) for board in newest.boards] == [
        ("星级党员公示栏（1 处变化）", ("青山村第一党支部 邱美玲：积分 91.0 → 88.0，星级 三星 → 二星",))
    ]
    shown = repr(newest)  # everything the page can print of it
    for private in ("Fix Qiu", "phone call", "brother-in-law", "Private", "王秘书", "wang.mishu", "Initial"):
        assert private not in shown


@pytest.mark.parametrize("colon", [":", "：", " : ", "： "])
def test_a_note_is_read_after_either_colon(repo: Township, colon: str) -> None:
    repo.replace("data/members/qingshan-1.yml", QIU_91, "    2025: 88\n")
    commit(repo.root, f"更正积分\n\n公示说明{colon}更正邱美玲的年度积分\n")
    assert change_log(repo)[0].notes == ("更正邱美玲的年度积分",)


def test_without_a_note_a_revision_shows_only_its_changes(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", QIU_91, "    2025: 88\n")
    commit(repo.root, "更正邱美玲的年度积分（电话核实）")
    assert change_log(repo)[0].notes == ()


@pytest.mark.parametrize(
    ("message", "notes"),
    [
        ("subject\n\n公示说明: 一\n公示说明：二\n", ("一", "二")),
        (
            "subject\n\n公示说明：按县委组织部\n  复核意见更正\nSigned-off-by: x\n",
            ("按县委组织部复核意见更正",),
        ),
        ("subject\n\n公示说明: typo in\n  the name\n", ("typo in the name",)),
        ("subject\r\n\r\n公示说明：Windows 换行\r\n", ("Windows 换行",)),
        ("subject\n\n公示说明：\n", ()),  # nothing after the key
        ("subject\n\n关于公示说明：不是说明\n公示说明的草稿\n", ()),  # the key must start the line
        ("subject\n\n公示说明：一\n\n  不是续行\n", ("一",)),  # a blank line ends a note
    ],
)
def test_public_notes_are_the_marked_lines_only(message: str, notes: tuple[str, ...]) -> None:
    assert public_notes(message) == notes


def test_a_commit_that_changes_only_private_fields_is_not_listed(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", "phone: '13900000001'", "phone: '13900000002'")
    commit(repo.root, "Phone number\n\n公示说明：更新联系电话\n")
    log = change_log(repo)
    assert all("更新联系电话" not in revision.notes for revision in log)
    assert [revision.year_line for revision in log] == ["公示年度：无 → 2025"]  # only the first import


def test_invalid_data_is_not_listed_and_the_fix_is_compared_with_the_last_valid_data(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", QIU_91, "    2025: lots\n")
    commit(repo.root, "broken")
    repo.replace("data/members/qingshan-1.yml", "    2025: lots\n", "    2025: 88\n")
    commit(repo.root, "fixed")
    log = change_log(repo)
    assert len(log) == 2  # the fix and the first import; the broken revision was never published
    fix = log[0]
    assert fix.year_line == ""
    assert [line for board in fix.boards for line in board.lines] == [
        "青山村第一党支部 邱美玲：积分 91.0 → 88.0，星级 三星 → 二星"
    ]


def test_cached_reports_read_the_same_as_fresh_ones(repo: Township, tmp_path: Path) -> None:
    repo.replace("data/members/qingshan-1.yml", QIU_91, "    2025: lots\n")
    commit(repo.root, "broken")
    repo.replace("data/members/qingshan-1.yml", "    2025: lots\n", "    2025: 88\n")
    commit(repo.root, "fixed\n\n公示说明：更正积分\n")
    cache = tmp_path / "cache" / "changelog"
    fresh = change_log(repo)
    assert change_log(repo, cache) == fresh  # writes the cache
    assert any(cache.rglob("*.json"))
    assert change_log(repo, cache) == fresh  # reads it


def test_a_commitments_words_corrected_are_listed_with_the_words_before_and_after(repo: Township) -> None:
    # The words are what the public holds the maker to: a correction is never silent (变更记录 lists it).
    repo.replace("data/commitments/2025.yml", "年内硬化村组道路 2 公里", "年内硬化村组道路 1.5 公里")
    commit(repo.root, "Wording\n")
    lines = [line for board in change_log(repo)[0].boards for line in board.lines]
    assert lines == [
        "“青山村第一党支部：年内硬化村组道路 2 公里”改为“青山村第一党支部：年内硬化村组道路 1.5 公里”"
    ]


def test_a_commitments_deadline_moved_is_listed(repo: Township) -> None:
    repo.replace("data/commitments/2025.yml", "due: 2025-12-01", "due: 2026-06-30")
    commit(repo.root, "Deadline\n")
    lines = [line for board in change_log(repo)[0].boards for line in board.lines]
    assert lines == ["邱美玲：结对帮扶 3 户困难群众：完成时限 2025年12月1日 → 2026年6月30日，逾期 是 → 否"]


def test_a_branch_renamed_is_listed_on_its_members_lines_and_read_back_from_the_cache_alike(
    repo: Township, tmp_path: Path
) -> None:
    branches = (repo.root / "data/branches.yml").read_text(encoding="utf-8")
    assert "name: 青山村第一党支部" in branches
    repo.replace("data/branches.yml", "name: 青山村第一党支部", "name: 青山村第一党支部（更正）")
    commit(repo.root, "Rename\n")
    cache = tmp_path / "cache" / "changelog"
    fresh = change_log(repo)
    lines = [line for board in fresh[0].boards for line in board.lines]
    assert "“青山村第一党支部 邱美玲”改为“青山村第一党支部（更正） 邱美玲”" in lines
    assert change_log(repo, cache) == fresh  # written
    assert change_log(repo, cache) == fresh  # read back


def test_a_report_made_as_of_the_day_is_made_again_on_another_day(repo: Township, tmp_path: Path) -> None:
    """Data without ``as_of`` is rated as of the day of the build: what is overdue changes with the day, and
    a report kept from an earlier day must not say what that day said."""
    repo.replace("data/site.yml", "as_of: 2026-01-05\n", "")
    commit(repo.root, "Rate as of the day of the build\n")
    repo.replace("data/commitments/2025.yml", "due: 2025-12-01", "due: 2026-06-30")
    commit(repo.root, "Deadline\n")
    cache = tmp_path / "cache" / "changelog"
    history = data_history(repo.root / "data")

    def lines(day: dt.date, cache: Path | None) -> list[str]:
        newest = revisions(repo.root / "data", history, cache, today=day)[0]
        return [line for board in newest.boards for line in board.lines]

    after_deadline, before_it = dt.date(2026, 1, 20), dt.date(2025, 11, 1)
    assert lines(after_deadline, cache) == [
        "邱美玲：结对帮扶 3 户困难群众：完成时限 2025年12月1日 → 2026年6月30日，逾期 是 → 否"
    ]
    assert lines(before_it, cache) == lines(before_it, None) != lines(after_deadline, None)
