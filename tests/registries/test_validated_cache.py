"""Validated records kept by file content: a warm build gives the very records validating would, and
a file with a problem is never kept, so its problem is reported on every build."""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from noticeboard.registries import Registry, RegistryError, load_registry
from noticeboard.registries.errors import Problems
from noticeboard.registries.models import Member
from noticeboard.registries.reading import _Reader, read_files
from noticeboard.registries.yaml_source import ParseCache
from support.township import Township

MEMBERS = "data/members/qingshan-1.yml"


def _load(town: Township, cache: Path) -> Registry:
    return load_registry(town.data, stories_dir=town.stories, root=town.root, cache_dir=cache)


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[type[BaseModel]]]:
    """The models records were validated by, one entry per record, in this test."""
    seen: list[type[BaseModel]] = []
    original = _Reader.validate

    def counting(self: _Reader, model: type[Any], *args: Any) -> Any:
        seen.append(model)
        return original(self, model, *args)

    monkeypatch.setattr(_Reader, "validate", counting)
    yield seen


def _same(first: tuple[BaseModel, ...], second: tuple[BaseModel, ...]) -> None:
    assert first == second
    assert [r.model_fields_set for r in first] == [r.model_fields_set for r in second]
    assert [r.model_dump() for r in first] == [r.model_dump() for r in second]


def test_records_from_the_cache_equal_validated_ones_and_are_not_validated_again(
    town: Township, tmp_path: Path, validated: list[type[BaseModel]]
) -> None:
    cache = tmp_path / "cache"
    fresh = _load(town, cache)
    assert Member in validated and ParseCache(cache).validated.count()
    validated.clear()
    warm = _load(town, cache)
    assert Member not in validated, "every members file came validated from the cache"
    _same(warm.members, fresh.members)
    _same(warm.branches, fresh.branches)
    for year in fresh.commitments:
        _same(warm.commitments[year], fresh.commitments[year])
    assert warm.ledgers == fresh.ledgers and warm.branch_of == fresh.branch_of
    assert warm.places.keys() == fresh.places.keys()
    lines = [fresh.places[key].line("id") for key in fresh.places]
    assert [warm.places[key].line("id") for key in fresh.places] == lines and len(set(lines)) > 1


def test_a_cached_file_still_gives_its_parsed_value_when_asked(town: Township, tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    first = read_files(town.data, None, Problems(), cache)
    again = read_files(town.data, None, Problems(), cache)
    assert again.members["qingshan-1"][0].doc.data == first.members["qingshan-1"][0].doc.data
    assert again.members["qingshan-1"][1].line("name") == first.members["qingshan-1"][1].line("name")


def test_an_edited_file_is_validated_again(
    town: Township, tmp_path: Path, validated: list[type[BaseModel]]
) -> None:
    cache = tmp_path / "cache"
    _load(town, cache)
    town.replace(MEMBERS, "name: 邱美玲", "name: 邱美林")
    validated.clear()
    registry = _load(town, cache)
    assert registry.member_by_id["m001"].name == "邱美林"
    assert validated.count(Member) == len(registry.members_by_branch["qingshan-1"]), "only the edited file"


def test_a_damaged_entry_is_validated_again_and_kept_anew(
    town: Township, tmp_path: Path, validated: list[type[BaseModel]]
) -> None:
    cache = tmp_path / "cache"
    fresh = _load(town, cache)
    pack = ParseCache(cache).validated
    stored = pack.count()
    with sqlite3.connect(pack.path) as db:  # the stored hashes no longer match
        db.execute("UPDATE value SET data = substr(data, 1, length(data) - 3) || x'78797a'")
    validated.clear()
    _same(_load(town, cache).members, fresh.members)
    assert Member in validated
    with sqlite3.connect(pack.path) as db:
        rows = db.execute("SELECT digest, data FROM value").fetchall()
    assert len(rows) == stored and all(hashlib.sha256(data).digest() == digest for digest, data in rows), (
        "made again"
    )
    validated.clear()
    _same(_load(town, cache).members, fresh.members)
    assert Member not in validated


def test_an_entry_that_is_not_records_of_the_model_is_not_used(town: Township, tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    raw = (town.root / MEMBERS).read_bytes()
    read_files(town.data, None, Problems(), cache)
    assert cache.get_records(raw, Member) is not None
    key = b"noticeboard.registries.models.member.Member\0" + raw
    assert cache.validated.get(key) is not None, "the key names the model by its module"
    cache.validated.put(key, pickle.dumps(["not a member"]))
    assert cache.get_records(raw, Member) is None
    cache.validated.put(key, b"not a pickle")
    assert cache.get_records(raw, Member) is None
    assert len(read_files(town.data, None, Problems(), cache).members["qingshan-1"]) == 3


def test_a_file_with_a_problem_is_not_kept_and_its_problem_is_reported_on_every_build(
    town: Township, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    town.replace(MEMBERS, "gender: 女", "gender: 不详")
    reports = []
    for _ in range(3):
        with pytest.raises(RegistryError) as caught:
            _load(town, cache)
        reports.append([str(problem) for problem in caught.value.problems])
    assert reports[0] and reports[0] == reports[1] == reports[2]
    assert any(line.startswith(f"{MEMBERS}:") for line in reports[0])
    assert ParseCache(cache).get_records((town.root / MEMBERS).read_bytes(), Member) is None
    assert ParseCache(cache).get_records((town.root / "data/members/zhen-jiguan.yml").read_bytes(), Member)


def test_a_change_to_the_code_that_validates_misses(
    town: Township, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import noticeboard.registries.yaml_source as yaml_source

    raw = (town.root / MEMBERS).read_bytes()
    read_files(town.data, None, Problems(), ParseCache(tmp_path / "cache"))
    assert ParseCache(tmp_path / "cache").get_records(raw, Member) is not None
    monkeypatch.setattr(yaml_source, "source_fingerprint", lambda folder: b"the models were edited")
    yaml_source._records_salt.cache_clear()
    try:
        assert ParseCache(tmp_path / "cache").get_records(raw, Member) is None
    finally:
        monkeypatch.undo()
        yaml_source._records_salt.cache_clear()
    assert ParseCache(tmp_path / "cache").get_records(raw, Member) is not None


def _packs(folder: Path) -> set[str]:
    """The packs whose files ``folder`` holds (a pack, and its journal files while it is open)."""
    return {path.name.partition(".")[0] for path in folder.iterdir()}


def test_records_kept_by_other_code_are_removed_when_new_ones_are_kept(
    town: Township, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import noticeboard.registries.yaml_source as yaml_source

    cache = tmp_path / "cache"
    _load(town, cache)
    before = _packs(cache / "records")
    assert len(before) == 1
    monkeypatch.setattr(yaml_source, "source_fingerprint", lambda folder: b"the models were edited")
    yaml_source._records_salt.cache_clear()
    try:
        _load(town, cache)
        after = _packs(cache / "records")
        assert len(after) == 1 and after != before, "the older pack and SQLite's files beside it removed"
    finally:
        monkeypatch.undo()
        yaml_source._records_salt.cache_clear()


def test_a_second_process_that_fails_leaves_its_files_to_be_validated_when_read(
    town: Township, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import noticeboard.registries.yaml_source as yaml_source

    class Failing:
        def __init__(self, work: Any, *, fork: bool) -> None:
            pass

        def result(self) -> None:
            raise yaml_source.AsideFailed

    monkeypatch.setattr(yaml_source, "Aside", Failing)
    monkeypatch.setattr(yaml_source, "PARSE_AHEAD_FROM", 1)
    fresh = load_registry(town.data, stories_dir=town.stories, root=town.root)
    cached = load_registry(
        town.data, stories_dir=town.stories, root=town.root, cache_dir=tmp_path / "cache", fork=True
    )
    _same(cached.members, fresh.members)
