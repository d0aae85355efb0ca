"""The office's commands around a change: ``diff`` before publishing, ``new-year`` once a year."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support.build import build_site, make_project
from support.commands import run
from support.township import Township


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=组织办", "-c", "user.email=office@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(town: Township) -> Township:
    """The small township, committed to a fresh git repository."""
    git(town.root, "init", "-q", "-b", "main")
    git(town.root, "add", "-A")
    git(town.root, "commit", "-q", "-m", "公示数据")
    return town


def test_lowering_points_from_90_to_85_moves_exactly_that_member_to_two_stars(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", "    2025: 91\n", "    2025: 90\n")
    git(repo.root, "commit", "-q", "-am", "邱美玲 90 分")
    repo.replace("data/members/qingshan-1.yml", "    2025: 90\n", "    2025: 85\n")
    result = run("diff", "HEAD", cwd=repo.root)
    assert result.returncode == 1, result.stderr
    assert (
        result.stdout
        == "星级党员公示栏（1 处变化）\n  青山村第一党支部 邱美玲：积分 90.0 → 85.0，星级 三星 → 二星\n"
    )
    markdown = run("diff", "HEAD", "--format", "markdown", cwd=repo.root)
    assert markdown.stdout.splitlines() == [
        "### 星级党员公示栏（1 处变化）",
        "- 青山村第一党支部 邱美玲：积分 90.0 → 85.0，星级 三星 → 二星",
    ]


def test_what_the_boards_do_not_show_is_no_change(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", "phone: '13900000001'", "phone: '13900000002'")
    repo.replace("data/members/qingshan-1.yml", "    2025: 59.94\n", "    2025: 30\n")  # stays unnamed (无星)
    result = run("diff", "HEAD", cwd=repo.root)
    assert (result.returncode, result.stdout) == (0, "公示栏没有变化。\n")


def test_leaving_a_board_does_not_say_why(repo: Township) -> None:
    repo.replace("data/members/qingshan-1.yml", "    2025: 91\n", "    2025: 50\n")
    result = run("diff", "HEAD", cwd=repo.root)
    assert result.returncode == 1
    assert result.stdout == "星级党员公示栏（1 处变化）\n  青山村第一党支部 邱美玲：不再列入\n"
    assert "无星" not in result.stdout and "50" not in result.stdout


def test_diff_reports_branches_commitments_and_new_entries(repo: Township) -> None:
    repo.replace("data/branches.yml", "      points: 89.9\n", "      points: 70\n")
    repo.replace(
        "data/commitments/2025.yml",
        "  status: in_progress\n",
        "  status: fulfilled\n  fulfilled_on: 2025-11-01\n",
    )
    repo.replace("data/members/qingshan-1.yml", "    2025: 59.94\n", "    2025: 80\n")
    lines = run("diff", "HEAD", cwd=repo.root).stdout.splitlines()
    assert lines == [
        "星级支部公示栏（1 处变化）",
        "  青山村第一党支部：得分 90.0 → 80.0，星级 三星 → 二星",
        "星级党员公示栏（1 处变化）",
        "  青山村第一党支部 唐德华：新列入（积分 80.0，星级 二星）",
        "公开承诺（1 处变化）",
        "  邱美玲：结对帮扶 3 户困难群众：状态 进行中 → 已兑现，逾期 是 → 否",
    ]


def test_a_rule_changed_shows_what_it_changes_on_an_earlier_years_boards(repo: Township) -> None:
    """schemes.yml rates every year: a tier lowered re-rated 2024's published boards, and diff showed
    only 2025's (nothing there)."""
    repo.set("data/schemes.yml", "branch:\n  tiers: [82, 80, 60]\n")
    result = run("diff", "HEAD", cwd=repo.root)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "2024 年度星级支部公示栏（1 处变化）",
        "  青山村第一党支部：星级 二星 → 三星",
    ]


def test_diff_refuses_bad_data_and_unknown_revisions(repo: Township) -> None:
    unknown = run("diff", "v9.9", cwd=repo.root)
    assert unknown.returncode == 2 and "找不到版本“v9.9”" in unknown.stderr
    repo.replace("data/members/qingshan-1.yml", "gender: 女", "gender: 水")
    bad = run("diff", "HEAD", cwd=repo.root)
    assert (
        bad.returncode == 2
        and "data/members/qingshan-1.yml:3:" in bad.stderr
        and "Traceback" not in bad.stderr
    )


def test_diff_outside_git_is_a_clear_error(town: Township) -> None:
    result = run("diff", "HEAD", cwd=town.root)
    assert result.returncode == 2 and "无法比较" in result.stderr and "Traceback" not in result.stderr


def test_new_year_moves_the_year_and_creates_empty_files(repo: Township) -> None:
    site_before = (repo.data / "site.yml").read_text(encoding="utf-8")
    members_before = (repo.data / "members" / "qingshan-1.yml").read_bytes()
    result = run("new-year", "2026", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    site_after = (repo.data / "site.yml").read_text(encoding="utf-8")
    assert site_after == site_before.replace("year: 2025", "year: 2026")  # nothing else in site.yml moved
    assert (repo.data / "members" / "qingshan-1.yml").read_bytes() == members_before
    for name in ("commitments/2026.yml", "reviews/2026.yml", "points/2026/zhen-jiguan.yml"):
        text = (repo.data / name).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=") and "2026 年" in text
    assert run("validate", "data", cwd=repo.root).returncode == 0
    again = run("new-year", "2026", cwd=repo.root)
    assert again.returncode == 2 and "新年度应为 2027 或更晚" in again.stderr
    diff = run("diff", "HEAD", cwd=repo.root)
    assert diff.returncode == 1 and diff.stdout.startswith("公示年度：2025 → 2026")
    assert "2025 年度" not in diff.stdout  # its boards, now archived, are as they were published
    # An edit to 2025 with the move: its archived board changes, and that is shown (it was not).
    repo.replace("data/members/qingshan-1.yml", "    2025: 91\n", "    2025: 85\n")
    moved = run("diff", "HEAD", cwd=repo.root).stdout
    assert (
        "2025 年度星级党员公示栏（1 处变化）\n  青山村第一党支部 邱美玲：积分 91.0 → 85.0，星级 三星 → 二星"
        in moved
    )


def test_a_mistyped_new_year_is_refused_before_any_file_changes(repo: Township) -> None:
    """``new-year 20266`` (2026 with a key pressed twice): refused, and data/ is as it was."""
    before = {path: path.read_bytes() for path in repo.data.rglob("*") if path.is_file()}
    result = run("new-year", "20266", cwd=repo.root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "20266 不是考核年度（应为四位数的年份，最大 2100）；新年度应为 2026" in result.stderr
    assert {path: path.read_bytes() for path in repo.data.rglob("*") if path.is_file()} == before


@pytest.mark.slow  # a whole site built
def test_the_change_log_and_last_updates_come_from_git(repo: Township) -> None:
    make_project(repo.root)
    repo.replace("data/members/qingshan-1.yml", "    2025: 91\n", "    2025: 88\n")
    git(repo.root, "commit", "-q", "-am", "更正邱美玲的年度积分\n\n公示说明：按复核结果更正")
    site = repo.root / "site"
    built = build_site(site, config=repo.root / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "说明：按复核结果更正" in changes  # the office's 公示说明 trailer
    assert "更正邱美玲的年度积分" not in changes  # never the commit's subject
    assert "青山村第一党支部 邱美玲：积分 91.0 → 88.0，星级 三星 → 二星" in changes
    day = subprocess.run(
        ["git", "log", "-1", "--format=%cs"], cwd=repo.root, capture_output=True, text=True, check=True
    ).stdout.strip()
    year, month, date = (int(part) for part in day.split("-"))
    branch = (site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    shown = re.sub("<[^>]+>", "", branch)  # (the date is kept whole in a span of its own)
    assert f"本页数据最后更新：{year}年{month}月{date}日" in shown


@pytest.mark.slow  # a whole site built
def test_outside_git_the_site_says_it_has_no_change_log(town: Township) -> None:
    make_project(town.root)
    site = town.root / "site"
    built = build_site(site, config=town.root / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    assert "暂无变更记录" in (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "本页数据最后更新" not in (site / "branches" / "qingshan-1" / "index.html").read_text(
        encoding="utf-8"
    )
