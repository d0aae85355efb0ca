"""The parse cache: same registry from cache as from parsing, and problems still point at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.registries import Registry, RegistryError, load_registry
from support.township import Township


def _load(town: Township, cache: Path) -> Registry:
    return load_registry(town.data, stories_dir=town.stories, root=town.root, cache_dir=cache)


def test_a_cached_registry_equals_a_parsed_one(town: Township, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    parsed = _load(town, cache)
    assert any(cache.rglob("*.pickle"))
    cached = _load(town, cache)
    assert cached.members == parsed.members and cached.branches == parsed.branches
    assert cached.commitments == parsed.commitments and cached.ledgers == parsed.ledgers


def test_an_edited_file_is_parsed_again(town: Township, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(town, cache)
    town.replace("data/members/qingshan-1.yml", "name: 邱美玲", "name: 邱美林")
    assert _load(town, cache).member_by_id["m001"].name == "邱美林"


def test_lines_are_right_for_a_problem_found_in_a_cached_file(town: Township, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(town, cache)  # qingshan-1.yml is now cached, without its node tree
    town.replace("data/members/zhen-jiguan.yml", "id: m101", "id: m003")
    town.replace("data/points/2025/zhen-jiguan.yml", "member: m101", "member: m003")
    with pytest.raises(RegistryError) as caught:
        _load(town, cache)
    assert (
        "data/members/zhen-jiguan.yml:1: 党员编号“m003”重复，已在 data/members/qingshan-1.yml:20 使用；编号必须唯一"
        in [str(p) for p in caught.value.problems]
    )


def test_a_broken_cache_entry_is_ignored(town: Township, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(town, cache)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert _load(town, cache).member_by_id["m001"].name == "邱美玲"
