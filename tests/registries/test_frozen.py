"""``@frozen`` values: used as frozen dataclasses are (equal, hashed, replaced, refused assignment), also by
the type checker that checks the package."""

from __future__ import annotations

import dataclasses
import functools
import pickle
from pathlib import Path
from typing import Generic, TypeVar

import msgspec
import pytest
from mypy import api as mypy_api

from noticeboard.registries.frozen import as_dict, field_names, frozen, replace

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]


@frozen
class Row:
    name: str
    points: int = 0


@frozen
class Other:
    name: str
    points: int = 0


def test_a_value_compares_and_hashes_by_its_fields() -> None:
    """Equal fields, equal values and hashes (as keys, in sets); a value of another class with the same
    fields is another value."""
    assert Row("王芳", 90) == Row("王芳", 90) != Row("王芳", 89)
    assert hash(Row("王芳", 90)) == hash(Row("王芳", 90))
    assert len({Row("王芳", 90), Row("王芳", 90), Row("李明")}) == 2
    assert Row("李明") == Row(name="李明", points=0)
    assert Row("李明") != Other("李明")
    assert repr(Row("李明")) == "Row(name='李明', points=0)"


def test_a_value_refuses_to_change_and_is_changed_by_making_another() -> None:
    row = Row("王芳", 90)
    with pytest.raises(AttributeError):
        row.points = 91  # type: ignore[misc]
    assert replace(row, points=91) == Row("王芳", 91)
    assert row.points == 90
    assert pickle.loads(pickle.dumps(row)) == row
    assert as_dict(row) == {"name": "王芳", "points": 90}


@pytest.mark.slow  # (mypy reads the package: 10 s)
def test_the_type_checker_holds_fields_as_a_frozen_dataclass_does(tmp_path: Path) -> None:
    checked = tmp_path / "assigning.py"
    checked.write_text(
        "from msgspec import field\n\n"
        "from noticeboard.registries.frozen import frozen\n\n\n"
        "@frozen\nclass Row:\n    points: int\n    ranks: list[int] = field(default_factory=list)\n\n\n"
        "row = Row(90)\nrow.points = 91\nRow(90, [1], 2)\n",
        encoding="utf-8",
    )
    out, _, status = mypy_api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(checked)]
    )
    assert status == 1
    assert 'assigning.py:13: error: Property "points" defined in "Row" is read-only' in out
    assert 'assigning.py:14: error: Too many arguments for "Row"' in out  # (``field``'s default read)
    assert "assigning.py:12" not in out  # (made without the field that has a default)


def test_the_package_declares_its_values_one_way() -> None:
    """``@dataclass(frozen=True)`` only where ``@frozen`` cannot say it (an order, no equality)."""
    modules = sorted((ROOT / "src" / "noticeboard").rglob("*.py"))
    assert len(modules) > 50
    assert [m.name for m in modules if "@dataclass(frozen=True)\n" in m.read_text(encoding="utf-8")] == []


@frozen
class Ledger:
    entries: list[int] = msgspec.field(default_factory=list)

    @functools.cached_property
    def total(self) -> int:
        return sum(self.entries)


@frozen
class Board(Generic[T]):
    rows: tuple[T, ...]


def test_a_default_is_made_for_each_value_and_a_cached_property_is_not_a_field() -> None:
    first, second = Ledger(), Ledger()
    assert first.entries is not second.entries
    ledger = Ledger([3, 4])
    assert ledger.total == 7 and ledger.total == 7
    assert field_names(ledger) == ("entries",) and as_dict(ledger) == {"entries": [3, 4]}
    assert Board((Row("王芳"),)).rows == (Row("王芳"),)


def test_what_a_struct_cannot_hold_as_declared_is_refused() -> None:
    with pytest.raises(TypeError, match=r"msgspec\.field"):

        @frozen
        class Odd:
            rows: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="__post_init__"):

        @frozen
        class Checked:
            rows: int

            def __post_init__(self) -> None:
                pass


class Plain:
    pass


def test_a_base_or_a_super_call_a_struct_would_not_keep_is_refused() -> None:
    with pytest.raises(TypeError, match="Generic"):

        @frozen
        class Derived(Plain):
            rows: int

    with pytest.raises(TypeError, match=r"super\(\)"):

        @frozen
        class Shown:
            rows: int

            def __repr__(self) -> str:
                return "行：" + super().__repr__()
