"""The fast reader keeps each line's reading (``fast_yaml._LINES``): a text read with lines remembered from
other files gives exactly what it gives with nothing remembered, and what it leaves to PyYAML stays left."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from noticeboard.registries import fast_yaml
from noticeboard.registries.errors import Problems
from noticeboard.registries.fast_yaml import _LINES, _MEMO, FALLBACK, fast_values
from noticeboard.registries.yaml_source import _Loader, _Walker

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [path.read_text(encoding="utf-8-sig") for path in sorted((ROOT / "data").rglob("*.yml"))]


def _typed(value: Any) -> Any:
    """A value with the type of every part of it (``1`` is not ``True``, ``78.0`` not ``78``)."""
    if isinstance(value, dict):
        return [(type(k), k, _typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return type(value), str(value) if isinstance(value, Decimal) else value


def _pyyaml(text: str) -> Any:
    """PyYAML's reading (composed and walked), or FALLBACK where it finds a problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return FALLBACK
    problems = Problems()
    value = None if root is None else _Walker(Path("x.yml"), problems, 0).value(root, 0)
    return FALLBACK if problems else value


def _fresh(text: str) -> Any:
    _MEMO.clear()
    _LINES.clear()
    return fast_values(text)


def test_the_demo_read_with_every_line_remembered_is_read_as_with_none() -> None:
    alone = [_typed(_fresh(text)) for text in TEXTS]
    for text in TEXTS:  # every line remembered, from every file
        fast_values(text)
    assert len(_LINES) > 100
    assert [_typed(fast_values(text)) for text in reversed(TEXTS)] == alone[::-1]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("a: 1\n", "- a: 1\n"),  # the same key line, alone and in a list item
        ("  x: 2024-01-05\n", "- id: m1\n  x: 2024-01-05\n"),
        ("- n: 男\n- n: 男\n", "- n: 男\n  n: 男\n"),  # a duplicate key from a remembered line
        ("a:\n  b: 1\n", "b: 1\n  c: 2\n"),  # a value over two lines
        ("a: b\n", "a: b\n...\n"),
        ("a: ---\n", "---: 1\n"),
    ],
)
def test_a_remembered_line_reads_as_pyyaml_reads_it_in_another_text(first: str, then: str) -> None:
    """Read alone or after ``first``, ``then`` gives PyYAML's reading or is left to PyYAML (a key that the
    memo of values knows is taken without its check: ``---:`` after ``a: ---``)."""
    reference = _pyyaml(then)
    for value in (_fresh(then), (fast_values(first), fast_values(then))[1]):
        assert value is FALLBACK or (reference is not FALLBACK and _typed(value) == _typed(reference))


def test_a_line_left_to_pyyaml_is_not_remembered_and_stays_left() -> None:
    _fresh("")
    assert fast_values("a: |\n  x\n") is FALLBACK
    assert "a: |" not in _LINES
    assert fast_values("b: 1\na: |\n  y\n") is FALLBACK


def test_lines_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_yaml, "_LINES_KEPT", 50)
    _fresh("")
    text = "".join(f"k{number}: v{number}\n" for number in range(500))
    assert fast_values(text) == {f"k{number}": f"v{number}" for number in range(500)}
    assert len(_LINES) <= 50
