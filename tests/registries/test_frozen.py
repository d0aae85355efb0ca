"""``@frozen`` values: used as frozen dataclasses are (equal, hashed, replaced), and refused assignment by
the type checker that checks the package."""

from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from mypy import api as mypy_api

from noticeboard.registries.frozen import frozen

ROOT = Path(__file__).resolve().parents[2]


@frozen
class Row:
    name: str
    points: int = 0


@dataclasses.dataclass(frozen=True)
class FrozenRow:
    name: str
    points: int = 0


def test_a_value_compares_and_hashes_as_a_frozen_dataclass_does() -> None:
    assert Row("王芳", 90) == Row("王芳", 90) != Row("王芳", 89)
    assert hash(Row("王芳", 90)) == hash(FrozenRow("王芳", 90))  # the hash of its fields, in order
    assert len({Row("王芳", 90), Row("王芳", 90), Row("李明")}) == 2
    assert Row("李明") == Row(name="李明", points=0)
    assert repr(Row("李明")) == "Row(name='李明', points=0)"


def test_a_value_is_changed_by_making_another() -> None:
    row = Row("王芳", 90)
    assert dataclasses.replace(row, points=91) == Row("王芳", 91)
    assert row.points == 90
    assert pickle.loads(pickle.dumps(row)) == row


@pytest.mark.slow  # (mypy reads the package: 10 s)
def test_the_type_checker_holds_fields_as_a_frozen_dataclass_does(tmp_path: Path) -> None:
    checked = tmp_path / "assigning.py"
    checked.write_text(
        "from dataclasses import field\n\n"
        "from noticeboard.registries.frozen import frozen\n\n\n"
        "@frozen\nclass Row:\n    points: int\n    rank: int = field(init=False, default=0)\n\n\n"
        "row = Row(90)\nrow.points = 91\nRow(90, 1)\n",
        encoding="utf-8",
    )
    out, _, status = mypy_api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(checked)]
    )
    assert status == 1
    assert 'assigning.py:13: error: Property "points" defined in "Row" is read-only' in out
    assert 'assigning.py:14: error: Too many arguments for "Row"' in out  # (``field`` read as dataclasses')


def test_the_package_declares_its_values_one_way() -> None:
    """``@dataclass(frozen=True)`` only where ``@frozen`` cannot say it (an order, no equality)."""
    modules = sorted((ROOT / "src" / "noticeboard").rglob("*.py"))
    assert len(modules) > 50
    assert [m.name for m in modules if "@dataclass(frozen=True)\n" in m.read_text(encoding="utf-8")] == []


@frozen
class Entry:
    label: str
    amount: object
    note: str = dataclasses.field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True)
class FrozenEntry:
    label: str
    amount: object
    note: str = dataclasses.field(default="", compare=False, repr=False)


@frozen
class Single:
    amount: object


@dataclasses.dataclass(frozen=True)
class FrozenSingle:
    amount: object


@frozen
class Empty:
    pass


@frozen
class Branch:
    name: str
    children: list[object] = dataclasses.field(default_factory=list)


def test_equality_hash_and_repr_are_the_frozen_dataclass_s_field_by_field() -> None:
    """Fields left out of comparison or of ``repr`` stay out, one field is compared as a tuple (an object
    equal to itself only by identity, as ``Decimal("NaN")``, still makes its value equal to itself), and a
    value of another class with the same fields is not equal."""
    nan = Decimal("NaN")
    for ours, theirs in ((Entry, FrozenEntry), (Single, FrozenSingle)):
        args = ("党费", nan) if ours is Entry else (nan,)
        assert (ours(*args) == ours(*args)) is (theirs(*args) == theirs(*args)) is True
        assert hash(ours(*args)) == hash(theirs(*args))
        assert repr(ours(*args)) == repr(theirs(*args)).replace("Frozen", "")
    assert Entry("党费", 1, note="甲") == Entry("党费", 1, note="乙")
    assert hash(Entry("党费", 1, note="甲")) == hash(FrozenEntry("党费", 1))
    assert Single(1) != Single(2)
    assert Single(1) != FrozenSingle(1) and Single(1).__eq__(FrozenSingle(1)) is NotImplemented
    assert Empty() == Empty() and hash(Empty()) == hash(())
    assert repr(Empty()) == "Empty()"


def test_a_value_that_holds_itself_is_shown_without_end() -> None:
    branch = Branch("石桥村")
    branch.children.append(branch)
    assert repr(branch) == "Branch(name='石桥村', children=[...])"
