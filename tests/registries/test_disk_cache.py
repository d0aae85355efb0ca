"""The disk cache: a value is kept in folders made for it and read back; one that cannot be written is not kept; a
cached value made by code spread over the package misses when any of that code changes."""

from __future__ import annotations

from pathlib import Path

from noticeboard.registries.disk_cache import DiskCache, source_fingerprint


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


def test_a_value_is_kept_in_folders_made_for_it_and_read_back(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "not" / "yet", b"salt", ".bin")
    cache.put(b"key", b"value")
    cache.put(b"other", b"value 2")
    assert (cache.get(b"key"), cache.get(b"other"), cache.get(b"none")) == (b"value", b"value 2", None)
    assert not list(tmp_path.rglob("*.tmp")), "no partial file left"


def test_a_value_that_cannot_be_written_is_not_kept_and_the_build_goes_on(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder would be")
    cache = DiskCache(tmp_path / "cache", b"salt", ".bin")
    cache.put(b"key", b"value")
    assert cache.get(b"key") is None
