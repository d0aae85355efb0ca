"""A data file is read whole, byte for byte, or refused unread when too large."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.registries.whole_files import TooLarge, whole_file


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, (1 << 20) + 3, 3 << 20])
def test_a_file_is_read_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    path = tmp_path / "data.yml"
    written = bytes(range(256)) * (size // 256) + b"\r\n\0"[: size % 256] + b"x" * max(0, size % 256 - 3)
    path.write_bytes(written)
    assert whole_file(path) == written == path.read_bytes()


def test_a_file_over_the_limit_is_refused_with_its_size_and_one_at_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    path.write_bytes(b"- id: m1\n" * 100)
    with pytest.raises(TooLarge) as refused:
        whole_file(path, limit=899)
    assert refused.value.size == 900
    assert len(whole_file(path, limit=900)) == 900


def test_a_missing_file_or_a_folder_raises_what_open_would(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        whole_file(tmp_path / "missing.yml")
    with pytest.raises(OSError):
        whole_file(tmp_path)
