"""A cached value made by code spread over the package misses when any of that code changes."""

from __future__ import annotations

from pathlib import Path

from noticeboard.registries.disk_cache import source_fingerprint


def test_the_source_fingerprint_follows_every_python_file(tmp_path: Path) -> None:
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "a.py").write_text("LABEL = '—'\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    before = source_fingerprint(tmp_path)
    source_fingerprint.cache_clear()
    (tmp_path / "notes.txt").write_text("still not code", encoding="utf-8")
    assert source_fingerprint(tmp_path) == before
    source_fingerprint.cache_clear()
    (tmp_path / "kinds" / "a.py").write_text("LABEL = '与'\n", encoding="utf-8")
    assert source_fingerprint(tmp_path) != before
    source_fingerprint.cache_clear()
    (tmp_path / "kinds" / "b.py").write_text("", encoding="utf-8")
    assert source_fingerprint(tmp_path) != before
