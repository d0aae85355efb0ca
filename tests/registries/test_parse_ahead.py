"""Parsing a cold registry in two processes fills the cache with what one process would have parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from noticeboard.registries.errors import Problems
from noticeboard.registries.yaml_source import PARSE_AHEAD_FROM, ParseCache, read_yaml


@pytest.mark.parametrize("fork", [True, False])
def test_every_file_is_parsed_once_into_the_cache_and_a_broken_one_is_left_to_report(
    tmp_path: Path, fork: bool
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    paths = []
    for number in range(PARSE_AHEAD_FROM + 20):
        path = data / f"m{number:03}.yml"
        path.write_text(
            f"- id: m{number:03}\n  name: 党员{number}\n  points: {{2025: {number}.5}}\n", encoding="utf-8"
        )
        paths.append(path)
    broken = data / "broken.yml"
    broken.write_text("- id: [unclosed\n", encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")
    cache.parse_ahead([*paths, broken], fork=fork)
    assert all(cache.has(path.read_bytes()) for path in paths)
    assert not cache.has(broken.read_bytes()), "a file with a problem is not cached: it is reported when read"
    fresh = Problems()
    for path in paths:
        cached = read_yaml(path, Problems(), cache)
        parsed = read_yaml(path, fresh, None)
        assert cached is not None and parsed is not None and cached.data == parsed.data
    assert not fresh
    problems = Problems()
    assert read_yaml(broken, problems, cache) is None and problems
