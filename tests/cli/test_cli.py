"""``python -m noticeboard validate`` as office staff and CI run it."""

from __future__ import annotations

from pathlib import Path

from support import ROOT
from support.commands import run
from support.township import Township


def test_validate_the_demo_township() -> None:
    result = run("validate", "data", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "数据检查通过：data"
    assert "2025 年：党支部 48 个" in result.stdout
    assert "案例 5 篇" in result.stdout


def test_bad_data_lists_every_problem_and_exits_1(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "gender: 女", "gender: yes")
    town.replace("data/branches.yml", "2025: {score: 79.95}", "2025: {score: 179.95}")
    result = run("validate", "data", cwd=town.root)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/branches.yml:20: ")
    assert lines[1].startswith("data/members/qingshan-1.yml:3: ")
    assert lines[-1] == "共发现 2 处问题，请改正后再试。"
    assert "Traceback" not in result.stderr


def test_missing_data_folder(tmp_path: Path) -> None:
    result = run("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "nowhere: 找不到数据文件夹"


def test_help_is_bilingual() -> None:
    result = run("validate", "--help", cwd=ROOT)
    assert result.returncode == 0
    assert "检查数据文件夹" in result.stdout and "Check every file" in result.stdout
