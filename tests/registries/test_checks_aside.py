"""A county's cross-checks made by a second process while the boards are prepared (``load_and_use``): the
same boards when the data is right, the same problems (and no traceback) when it is not.

The second process is used from :data:`~noticeboard.registries.loading.CHECK_ASIDE_FROM` record files; here
from none, so that the small township and every broken input of the validation tests go that way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from noticeboard.boards.kinds import RECORD_FILES
from noticeboard.boards.township import Boards, build_boards, load_boards
from noticeboard.registries import RegistryError, cross_checks, loading
from noticeboard.registries.errors import Problems
from noticeboard.registries.reading import read_files
from registries.test_instrument_validation import BROKEN as BROKEN_EXTRAS
from registries.test_validation import BROKEN
from support.township import Edit, Township, with_extras


@pytest.fixture
def aside(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The checks made by a second process however few the files; what each registry was built with
    (``checked``: False when the second process checked it)."""
    monkeypatch.setattr(loading, "CHECK_ASIDE_FROM", 0)
    built: list[bool] = []
    build = cross_checks.build_registry

    def spy(*args: object, checked: bool = True, **options: object) -> object:
        built.append(checked)
        return build(*args, checked=checked, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "build_registry", spy)
    return built


def _boards(town: Township, cache: Path, *, fork: bool) -> Boards:
    return load_boards(town.data, stories_dir=town.stories, root=town.root, cache_dir=cache, fork=fork)


def _problems(town: Township, cache: Path, *, fork: bool) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        _boards(town, cache, fork=fork)
    return [str(problem) for problem in caught.value.problems]


def test_the_boards_are_those_of_checks_made_first(town: Township, tmp_path: Path, aside: list[bool]) -> None:
    with_extras(town)
    made_aside = _boards(town, tmp_path / "cache", fork=True)
    assert aside == [False], "built as if checked, the checks made by the second process"
    made_first = _boards(town, tmp_path / "cache", fork=False)
    assert aside == [False, True]
    assert made_aside.years == made_first.years
    assert made_aside.registry.branch_of == made_first.registry.branch_of
    assert made_aside.registry.ledgers == made_first.registry.ledgers
    assert made_aside.registry.photos == made_first.registry.photos


@pytest.mark.parametrize(("edits", "expected"), [*BROKEN, *BROKEN_EXTRAS])
def test_broken_input_gets_the_same_messages(
    town: Township, tmp_path: Path, aside: list[bool], edits: list[Edit], expected: list[str] | str
) -> None:
    town.edit(*edits)
    first = _problems(town, tmp_path / "first", fork=False)
    assert _problems(town, tmp_path / "aside", fork=True) == first
    assert _problems(town, tmp_path / "aside", fork=True) == first, "and again, from the cache"


def test_data_that_trips_the_boards_gets_its_problems_not_a_traceback(
    town: Township, tmp_path: Path, aside: list[bool]
) -> None:
    """A member file named for no branch: boards prepared as if the checks passed look its branch up."""
    town.set("data/members/nowhere.yml", "- id: m900\n  name: 孙立\n  gender: 男\n  points: {2025: 91}\n")
    loaded = read_files(town.data, town.stories, Problems(town.root), None, RECORD_FILES)
    unchecked = cross_checks.build_registry(loaded, Problems(), town.stories, RECORD_FILES, checked=False)
    with pytest.raises(KeyError):
        build_boards(unchecked, dt.date(2026, 1, 5))
    assert _problems(town, tmp_path / "cache", fork=True) == [
        "data/members/nowhere.yml:1: 文件名“nowhere”不是 branches.yml 中任何党支部的编号；文件名应为所属党支部的编号"
    ]
    assert aside == [False], "the second process's problems, not the boards' error"


def test_a_second_process_that_fails_leaves_the_checks_to_this_one(
    town: Township,
    tmp_path: Path,
    aside: list[bool],
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the second process's own failure")

    monkeypatch.setattr(loading, "_problems", broken)
    town.replace("data/commitments/2025.yml", "by: m001", "by: m404")
    problems = _problems(town, tmp_path / "cache", fork=True)
    assert any("承诺人“m404”" in problem for problem in problems)
    assert "the second process's own failure" in capfd.readouterr().err, "it said why"
    town.replace("data/commitments/2025.yml", "by: m404", "by: m001")
    assert _boards(town, tmp_path / "cache", fork=True).current.year == 2025
