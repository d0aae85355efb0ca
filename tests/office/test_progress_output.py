"""Long work shows progress on a terminal, and nothing of it when the output is not a terminal
(a CI log, a file, a pipe) or when ``CI`` is set: ``import`` of a large sheet, run as a user runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from openpyxl import Workbook

from support.township import Township

ROWS = 600
"""More rows than the import shows a bar for (500)."""


@pytest.fixture
def sheet(town: Township) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "党员"
    ws.append(["编号", "姓名", "性别", "党支部", "2025年积分"])
    for number in range(ROWS):
        ws.append([f"m9{number:04d}", f"新党员{number}", "男", "qingshan-1", 80])
    path = town.root / "党员.xlsx"
    book.save(path)
    return path


def import_dry_run(town: Township, sheet: Path, *, terminal: bool, **env: str) -> tuple[int, str, str]:
    """``import --dry-run`` with its standard error on a pseudo-terminal or a pipe: (status, out, err)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI")}
    environ.update(PYTHONIOENCODING="utf-8", **env)
    command = [sys.executable, "-m", "noticeboard", "import", sheet.name, "--data", "data", "--dry-run"]
    if not terminal:
        done = subprocess.run(
            command, cwd=town.root, env=environ, capture_output=True, text=True, check=False
        )
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal's size
    with subprocess.Popen(
        command, cwd=town.root, env=environ, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        out = process.stdout.read().decode("utf-8") if process.stdout else ""
        status = process.wait()
    os.close(leader)
    return status, out, b"".join(chunks).decode("utf-8", errors="replace")


def test_no_progress_output_when_not_a_terminal(town: Township, sheet: Path) -> None:
    status, out, err = import_dry_run(town, sheet, terminal=False)
    assert status == 0, err
    assert out.splitlines()[0] == f"将要导入：党员（2025 年度）：新增 {ROWS}"
    assert err == "", "nothing on standard error: no bar, no carriage returns"


def test_a_terminal_shows_progress_and_ci_keeps_it_quiet(town: Township, sheet: Path) -> None:
    status, out, err = import_dry_run(town, sheet, terminal=True)
    assert status == 0, err
    assert "导入 党员.xlsx 党员" in err and f"/{ROWS} " in err
    assert out.splitlines()[0] == f"将要导入：党员（2025 年度）：新增 {ROWS}", (
        "what the command says is unchanged"
    )
    status, _, err = import_dry_run(town, sheet, terminal=True, CI="true")
    assert status == 0 and err == ""
