"""Validating a cold registry in two processes fills the cache with what one process would have validated."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from noticeboard.registries.errors import Problems
from noticeboard.registries.models import Member
from noticeboard.registries.reading import record_files
from noticeboard.registries.yaml_source import PARSE_AHEAD_FROM, ParseCache, read_yaml


def _members(data: Path) -> list[Path]:
    folder = data / "members"
    folder.mkdir(parents=True)
    paths = []
    for number in range(PARSE_AHEAD_FROM + 20):
        path = folder / f"b{number:03}.yml"
        path.write_text(
            f"- id: m{number:03}\n  name: 党员{number}\n  gender: 男\n  points: {{2025: {number}.5}}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def test_every_file_is_validated_once_into_the_cache_and_a_broken_one_is_left_to_report(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    paths = _members(data)
    broken = data / "members" / "broken.yml"
    broken.write_text("- id: [unclosed\n", encoding="utf-8")
    invalid = data / "members" / "invalid.yml"
    invalid.write_text("- id: m999\n  name: 党员\n  gender: 不详\n", encoding="utf-8")
    files = record_files(data)
    assert (broken, Member) in files and len(files) == len(paths) + 2
    cache = ParseCache(tmp_path / "cache")
    cache.validate_ahead(files, fork=True)
    assert 0 < len(cache.kept) < len(paths), "this process keeps its own share in memory"
    cache.close()  # its share written by a third process meanwhile
    assert all(ParseCache(tmp_path / "cache").get_records(path.read_bytes(), Member) for path in paths)
    for path in paths:
        records = cache.get_records(path.read_bytes(), Member)
        parsed = read_yaml(path, Problems())
        assert parsed is not None
        assert records == [Member.model_validate(item) for item in parsed.data]
    assert not cache.kept, "given back once"
    for wrong in (broken, invalid):
        assert cache.get_records(wrong.read_bytes(), Member) is None, "a file with a problem is not kept"
    problems = Problems()
    assert read_yaml(broken, problems, cache) is None and problems


@pytest.mark.parametrize("cached", [False, True])
def test_nothing_is_done_ahead_without_a_fork_or_when_the_cache_has_it(tmp_path: Path, cached: bool) -> None:
    data = tmp_path / "data"
    _members(data)
    cache = ParseCache(tmp_path / "cache")
    if cached:
        cache.validate_ahead(record_files(data), fork=True)
        cache.close()
        cache.kept.clear()
    cache.validate_ahead(record_files(data), fork=cached)  # cached: the fork would be allowed
    assert not cache.kept
    assert (ParseCache(tmp_path / "cache").validated.count() > 0) == cached


def test_the_files_validated_ahead_are_the_record_files_where_the_contract_puts_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name in (
        "branches.yml",
        "members/b1.yml",
        "points/2024/b1.yml",
        "points/2025/b1.yml",
        "reviews/2025.yml",
    ):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("[]\n", encoding="utf-8")
    (data / "members" / "notes.txt").write_text("备注\n", encoding="utf-8")
    (data / "members" / "folder.yml").mkdir()  # a folder named like a file: reported when read, not parsed
    (data / "points" / "2025.yml").write_text("[]\n", encoding="utf-8")  # a ledger outside a year's folder
    found = [(path.relative_to(data).as_posix(), model.__name__) for path, model in record_files(data)]
    assert found == [
        ("branches.yml", "Branch"),
        ("members/b1.yml", "Member"),
        ("points/2024/b1.yml", "LedgerEntry"),
        ("points/2025/b1.yml", "LedgerEntry"),
        ("reviews/2025.yml", "Review"),
    ]


def test_the_records_this_process_keeps_share_one_set_of_the_fields_given_and_stay_apart(
    tmp_path: Path,
) -> None:
    """Pydantic makes a set of the fields given for every record (728 bytes for seven): the records this
    process validated ahead share one per set of fields, as the records read back from the cache do, and a
    copy of one changed is still a record of its own."""
    data = tmp_path / "data"
    _members(data)
    cache = ParseCache(tmp_path / "cache")
    cache.validate_ahead(record_files(data), fork=True)
    records = [record for kept in cache.kept.values() for record in kept]
    assert len(records) > 10
    assert len({id(record.__pydantic_fields_set__) for record in records}) == 1
    first, second = records[:2]
    changed = first.model_copy(update={"name": "王芳"})
    assert changed.name == "王芳" and first.name != "王芳" and "name" in second.__pydantic_fields_set__
    assert second.__pydantic_fields_set__ == {"id", "name", "gender", "points"}
    for kept in records:
        assert kept == Member.model_validate(kept.model_dump(exclude_unset=True))
    cache.close()


class _Held:
    """Other work for the second process that lasts until the test lets it end (a file appears)."""

    def __init__(self, release: Path) -> None:
        self.release = release

    def seconds(self) -> float:
        return 0.0

    def __call__(self) -> str:
        deadline = time.monotonic() + 20
        while not self.release.exists():
            if time.monotonic() > deadline:
                return "never let go"
            time.sleep(0.01)
        return "let go"


def test_the_files_are_read_while_the_second_process_does_its_other_work(tmp_path: Path) -> None:
    """A cold load reads every file's records back while the second process still opens the photos: the
    second's share is in the cache when :meth:`ParseCache.validate_ahead` returns, its other work's result
    comes after, and this process's share is written only once the second has ended (the other core is
    the second's until then)."""
    data = tmp_path / "data"
    paths = _members(data)
    release = tmp_path / "release"
    cache = ParseCache(tmp_path / "cache")
    cache.validate_ahead(record_files(data), fork=True, meanwhile=_Held(release))
    mine = [path for path in paths if any(key.endswith(path.read_bytes()) for key in cache.kept)]
    theirs = [path for path in paths if path not in mine]
    assert mine and theirs, "both processes had a share"
    assert all(cache.get_records(path.read_bytes(), Member) for path in theirs)
    assert cache.validated.count() == len(theirs), "this process's share is not written yet"
    release.touch()
    assert cache.ahead_result() == "let go"
    assert cache.ahead_result() is None, "given once"
    cache.close()
    assert cache.validated.count() == len(paths)
