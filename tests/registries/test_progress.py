"""Progress bars for long work show on a terminal only, for large data only, and never in CI."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from noticeboard.registries.progress import Meter, progress, yaml_bytes


class Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def test_a_bar_on_a_terminal_for_large_data_only() -> None:
    terminal = Terminal()
    assert list(
        progress(range(600), desc="导入 党员.xlsx 党员", unit="行", at_least=500, file=terminal)
    ) == list(range(600))
    assert "导入 党员.xlsx 党员" in terminal.getvalue() and "/600 " in terminal.getvalue()
    small = Terminal()
    assert list(progress(range(499), desc="导入", unit="行", at_least=500, file=small)) == list(range(499))
    assert small.getvalue() == ""


def test_no_bar_when_not_a_terminal_or_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    assert len(list(progress(range(600), desc="导入", unit="行", at_least=1, file=piped))) == 600
    assert piped.getvalue() == ""
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        terminal = Terminal()
        assert len(list(progress(range(600), desc="导入", unit="行", at_least=1, file=terminal))) == 600
        assert terminal.getvalue() == ""
    monkeypatch.setenv("CI", "false")
    terminal = Terminal()
    list(progress(range(600), desc="导入", unit="行", at_least=1, file=terminal))
    assert "导入" in terminal.getvalue()


def test_the_reading_meter_counts_bytes_and_looks_at_nothing_when_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "members").mkdir()
    for name in ("a", "b"):
        (tmp_path / "members" / f"{name}.yml").write_text("x" * 3000, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("y" * 9000, encoding="utf-8")
    assert yaml_bytes(tmp_path) == 6000
    terminal = Terminal()
    meter = Meter(
        lambda: yaml_bytes(tmp_path), desc="读取数据", unit="B", unit_scale=True, at_least=5000, file=terminal
    )
    for name in ("a", "b"):
        meter.read(tmp_path / "members" / f"{name}.yml")
    meter.close()
    assert "读取数据" in terminal.getvalue() and "/6.00k " in terminal.getvalue()

    def forbidden() -> int:
        raise AssertionError("the folder's size is not needed when no bar can show")

    monkeypatch.setenv("CI", "true")
    Meter(forbidden, desc="读取数据", unit="B", at_least=1, file=Terminal()).close()
    monkeypatch.delenv("CI")
    Meter(forbidden, desc="读取数据", unit="B", at_least=1, file=io.StringIO()).close()


def test_a_bar_shown_or_not_starts_no_thread() -> None:
    """A build forks its second processes only while it runs no other thread (tqdm starts one per bar, which
    outlives it, named ``tqdm_monitor``)."""
    before = set(threading.enumerate())
    for file in (Terminal(), io.StringIO()):
        list(progress(range(600), desc="变更记录", unit="版本", at_least=1, file=file))
        meter = Meter(600, desc="读取数据", unit="B", at_least=1, file=file)
        meter.advance(600)
        meter.close()
    assert set(threading.enumerate()) <= before
    assert not [thread.name for thread in threading.enumerate() if "tqdm" in thread.name]
