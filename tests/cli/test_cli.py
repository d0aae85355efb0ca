"""``python -m noticeboard validate`` as office staff and CI run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard import cli
from noticeboard.boards.kinds import KINDS
from noticeboard.cli import main
from support import ROOT
from support.commands import run
from support.township import Township


def test_validate_the_demo_township() -> None:
    result = run("validate", "data", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "数据检查通过：data"
    assert "2025 年：党支部 48 个" in result.stdout
    assert "案例 6 篇" in result.stdout


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


def test_a_renamed_folder_fails_validation_instead_of_emptying_a_board(town: Township) -> None:
    (town.data / "commitments").rename(town.data / "commitment")
    result = run("validate", "data", cwd=town.root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/commitment/: 不认识的文件夹；是不是 commitments/？",
        "共发现 1 处问题，请改正后再试。",
    ]


def test_an_empty_file_of_records_is_a_reminder_and_one_with_a_comment_is_not(town: Township) -> None:
    """A save or a sync that failed leaves a file of no bytes: every record of it gone from the boards, and
    the data still valid (a file made for records to come is empty too)."""
    (town.data / "commitments" / "2025.yml").write_bytes(b"")
    result = run("validate", "data", cwd=town.root)
    assert result.returncode == 0, result.stderr
    assert f"data/commitments/2025.yml:1: {cli.EMPTY_FILE}" in result.stderr.splitlines()
    assert run("validate", "--strict", "data", cwd=town.root).returncode == 1
    (town.data / "commitments" / "2025.yml").write_text("# 2025 年还没有公开承诺\n", encoding="utf-8")
    result = run("validate", "data", cwd=town.root)
    assert result.returncode == 0 and "空的" not in result.stderr, result.stderr


def test_a_kind_with_no_records_still_has_its_line(town: Township) -> None:
    (town.data / "commitments" / "2025.yml").unlink()  # and the small township has no reviews
    result = run("validate", "data", cwd=town.root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("2025 年：公开承诺 0 项") for line in lines), lines
    assert any(line.startswith("2025 年：领导点评 0 条") for line in lines), lines


def test_a_kind_without_a_board_this_year_still_has_its_line(
    town: Township, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pioneers = next(kind for kind in KINDS if kind.key == "pioneers")
    monkeypatch.setattr(type(pioneers), "build", lambda self, given: None)
    assert main(["validate", str(town.data), "--no-cache"]) == 0
    assert "2025 年：党员先锋岗：没有记录" in capsys.readouterr().out.splitlines()


def test_missing_data_folder(tmp_path: Path) -> None:
    result = run("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "nowhere: 找不到数据文件夹"


def test_help_is_bilingual() -> None:
    result = run("validate", "--help", cwd=ROOT)
    assert result.returncode == 0
    assert "检查数据文件夹" in result.stdout and "Check every file" in result.stdout


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["imprt", "表格.xlsx"], "错误：没有“imprt”这个命令；可用的命令：validate, serve, build"),
        (["diff"], "错误：缺少必须写的参数：REVISION"),
        (["export", "--out"], "错误：参数 --out 后面要写一个值"),
        (["validate", "data", "extra"], "错误：不认识的参数：extra"),
    ],
)
def test_a_mistyped_command_is_answered_in_chinese_first(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said only `error: the following arguments are required: REVISION` and the like.
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert said in capsys.readouterr().err


def test_a_workbook_that_cannot_be_written_is_said_in_chinese(
    town: Township, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last year's workbook still open in Excel on Windows (the system refuses to write it), or a path
    under a file: a sentence naming the file, never a traceback. A folder given takes the workbook."""
    folder = town.root / "导出"
    folder.mkdir()
    assert main(["export", str(town.data), "--out", str(folder)]) == 0
    assert (folder / "内部台账-2025.xlsx").is_file()
    capsys.readouterr()
    under_a_file = folder / "内部台账-2025.xlsx" / "台账.xlsx"
    assert main(["export", str(town.data), "--out", str(under_a_file)]) == 2
    assert capsys.readouterr().err.strip() == f"无法读写“{under_a_file.parent}”：已经有同名的文件或文件夹"

    def refused(boards: object, out: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(out))

    monkeypatch.setattr(cli, "write_workbook", refused)
    assert main(["export", str(town.data), "--out", "内部台账-2025.xlsx"]) == 2
    assert capsys.readouterr().err.strip() == (
        "无法读写“内部台账-2025.xlsx”：没有权限读写；文件若正在 Excel 或 WPS 中打开，请先关闭再试"
    )


def test_an_export_named_other_than_xlsx_is_refused(
    town: Township, capsys: pytest.CaptureFixture[str]
) -> None:
    """``export --out 台账.csv`` wrote an .xlsx workbook under that name, which import then refused."""
    assert main(["export", str(town.data), "--out", str(town.root / "台账.csv")]) == 2
    assert "文件名请以 .xlsx 结尾" in capsys.readouterr().err
    assert not (town.root / "台账.csv").exists()
