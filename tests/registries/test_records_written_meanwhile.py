"""A cold load leaves its own share of validated records to be written by a third process while it goes on
(``ParseCache.close(wait=False)``): the next cache this process opens, and the next build, still find every
one of them, and nothing is validated twice. A township's few files, not validated ahead, are stored by a
second process when the cache is closed, or at once where no process may be forked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from noticeboard.registries import load_registry, yaml_source
from noticeboard.registries.errors import Problems
from noticeboard.registries.models import Member
from noticeboard.registries.reading import _Reader, read_files, record_files
from noticeboard.registries.yaml_source import PARSE_AHEAD_FROM, WRITE_ASIDE_FROM, ParseCache, finish_writing

SITE = """\
organisation: 青山镇党委
office: 青山镇党委组织办
year: 2025
notice:
  start: 2026-01-05
  days: 7
  phone: 0874-6000000
  address: 青山镇人民政府二楼
"""


def _data(folder: Path, count: int = PARSE_AHEAD_FROM + 20) -> list[Path]:
    (folder / "members").mkdir(parents=True)
    (folder / "site.yml").write_text(SITE, encoding="utf-8")
    branches, paths = [], []
    for number in range(count):
        branches.append(f"- id: b{number:03}\n  name: 第{number}党支部\n  kind: village\n  secretary: 李明\n")
        path = folder / "members" / f"b{number:03}.yml"
        path.write_text(
            f"- id: m{number:03}\n  name: 党员{number}\n  gender: 男\n  points: {{2025: {number % 100}.5}}\n",
            encoding="utf-8",
        )
        paths.append(path)
    (folder / "branches.yml").write_text("".join(branches), encoding="utf-8")
    return paths


def test_the_next_cache_of_this_process_finds_every_record_left_to_be_written(tmp_path: Path) -> None:
    paths = _data(tmp_path / "data")
    cache = ParseCache(tmp_path / "cache")
    cache.validate_ahead(record_files(tmp_path / "data"), fork=True)
    assert cache.kept and cache.writers, "this process's share is being written by another"
    cache.close(wait=False)
    again = ParseCache(tmp_path / "cache")  # waits for the writer first
    assert all(again.get_records(path.read_bytes(), Member) for path in paths)


@pytest.mark.parametrize("fork", [True, False])
def test_a_small_registry_is_stored_when_the_cache_is_closed_or_at_once(tmp_path: Path, fork: bool) -> None:
    paths = _data(tmp_path / "data", count=WRITE_ASIDE_FROM)
    assert len(paths) < PARSE_AHEAD_FROM, "too few files to validate ahead"
    cache = ParseCache(tmp_path / "cache")
    cache.validate_ahead(record_files(tmp_path / "data"), fork=fork)
    loaded = read_files(tmp_path / "data", None, Problems(), cache)
    assert len(loaded.members) == len(paths)
    stored = cache.validated.count()
    assert stored == (0 if fork else len(paths) + 1), "stored at once only where no fork may be made"
    cache.close(wait=False)
    again = ParseCache(tmp_path / "cache")  # waits for the writer first
    assert all(again.get_records(path.read_bytes(), Member) for path in paths)
    assert again.validated.count() == len(paths) + 1  # and branches.yml


def test_a_load_validates_nothing_the_load_before_it_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _data(tmp_path / "data")
    seen: list[Any] = []
    original = _Reader.validate

    def counting(self: _Reader, model: type[Any], *args: Any) -> Any:
        seen.append(model)
        return original(self, model, *args)

    monkeypatch.setattr(_Reader, "validate", counting)
    data, cache = tmp_path / "data", tmp_path / "cache"
    first = load_registry(data, root=tmp_path, cache_dir=cache, fork=True)
    assert Member not in seen, "every members file validated ahead, in two processes"
    second = load_registry(data, root=tmp_path, cache_dir=cache, fork=True)
    assert Member not in seen and second.members == first.members


def test_writers_of_another_process_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class Foreign:
        def result(self) -> None:
            raise AssertionError("a writer forked by another process is not this one's to wait for")

    monkeypatch.setattr(yaml_source, "_WRITING", [(-1, Foreign())])
    finish_writing()
    assert yaml_source._WRITING == []
