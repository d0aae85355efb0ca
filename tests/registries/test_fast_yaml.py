"""The fast reading of plain YAML gives exactly PyYAML's reading (types, keys, order), or steps aside.

A wrong value here would be silent (a lost record, a string read as a date), so every document the
fast path takes on is compared with the composed-and-walked reading, value by value and type by type,
and every document PyYAML refuses or reports must be left to PyYAML.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from noticeboard.registries.errors import Problems
from noticeboard.registries.fast_yaml import _LINES, _MEMO, FALLBACK, fast_values
from noticeboard.registries.yaml_source import _Loader, _Walker, parse_yaml

ERROR = object()
ROOT = Path(__file__).resolve().parents[2]


def pyyaml_reading(text: str) -> Any:
    """What the composer and walker give, or ERROR when either finds a problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return ERROR
    if root is None:
        return None
    problems = Problems()
    value = _Walker(Path("x.yml"), problems, 0).value(root, 0)
    return ERROR if problems else value


def same(a: Any, b: Any) -> bool:
    """Equal, of the very same types all the way down (``1`` is not ``True``, ``1.0`` not ``1.00``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (
            list(a) == list(b)
            and all(type(x) is type(y) for x, y in zip(a, b, strict=True))
            and all(same(a[key], b[key]) for key in a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Decimal):
        return str(a) == str(b)
    return bool(a == b)


def check(text: str) -> Any:
    fast = fast_values(text)
    if fast is FALLBACK:
        return fast
    reference = pyyaml_reading(text)
    assert reference is not ERROR, f"the fast path took a text PyYAML refuses:\n{text}"
    assert same(fast, reference), f"{fast!r} != {reference!r} for:\n{text}"
    return fast


SCALARS = [
    "x",
    "青山村",
    "男",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "0",
    "7",
    "-5",
    "+5",
    "0123",
    "08",
    "1_000",
    "0x1F",
    "0b101",
    "0o17",
    "1:30",
    "190:20:30",
    "12.5",
    "78.0",
    "-0.5",
    ".5",
    "1.",
    "1e3",
    "6.8523015e+5",
    "1_0.5",
    ".inf",
    "-.Inf",
    ".nan",
    "2024-01-05",
    "2024-02-30",
    "2024-1-5",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-05 10:00:00",
    "<<",
    "=",
    "a b",
    "a#b",
    "a #b",
    "a: b",
    "a:b",
    "http://x.cn/a?b=1",
    "- a",
    "-a",
    "--",
    "---",
    "...",
    "[a]",
    "{a}",
    "a, b",
    "&a",
    "*a",
    "!x",
    "!!str",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "?",
    "? x",
    "?x",
    ":x",
    "'",
    '"',
    "a'b",
    'a"b',
    "a\\nb",
    "\u3000",
    "a ",
    " a",
    "13900039982",
    "m00023",
    "c2024-00001",
    "9999999999999999999",
]
FRAGMENTS = [
    "- ",
    "-",
    "  ",
    " ",
    "    ",
    "a",
    "b",
    "id",
    "2024",
    "2025",
    ": ",
    ":",
    "\n",
    "\n",
    "\n",
    "# c",
    " # c",
    "'q'",
    "'q''s'",
    "'open",
    '"d"',
    '"e\\n"',
    "[1, 2]",
    "{a: 1}",
    "|\n  x",
    ">\n  y",
    "&x ",
    "*x",
    "!!str ",
    "? ",
    "---",
    "...",
    "<<: ",
    "\t",
    "\r",
    "\r\n",
    "\r\n",
    "yes",
    "0123",
    "12.50",
    "2024-02-30",
    "2024-03-01",
    "~",
    "1:30",
    "- - ",
    "- a: ",
    "\u2028",
    "\ufeff",
    "%YAML 1.1",
    "x" * 3,
    "中文",
]


def scalar_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SCALARS) | st.text(st.sampled_from("ab1-:.#' \"中"), max_size=6))
    style = draw(st.sampled_from(["plain", "plain", "single", "double"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text + '"'
    return text


@st.composite
def documents(draw: st.DrawFn, depth: int = 0, indent: int = 0) -> list[str]:
    """Lines of a block mapping or list, as an office file is written, with a few twists."""
    lines: list[str] = []
    pad = " " * indent
    if draw(st.booleans()) or depth > 2:
        keys = draw(
            st.lists(
                st.sampled_from(["id", "name", "2024", "2025", "yes", "~", "a b", "0123", "1.5"]), max_size=4
            )
        )
        for key in keys:
            if depth < 3 and draw(st.booleans()):
                lines.append(f"{pad}{key}:" + draw(st.sampled_from(["", " # c", "  "])))
                step = draw(st.sampled_from([2, 4, 0]))
                lines += draw(documents(depth + 1, indent + step))
            else:
                lines.append(f"{pad}{key}: {scalar_text(draw)}" + draw(st.sampled_from(["", " # c", " "])))
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(st.sampled_from(["", "# x", pad + "  # x", " " * (indent + 1) + "z: 1"])))
    else:
        for _ in range(draw(st.integers(0, 3))):
            if depth < 3 and draw(st.booleans()):
                inner = draw(documents(depth + 1, indent + 2))
                if inner and inner[0].startswith(" " * (indent + 2)):
                    inner[0] = pad + "- " + inner[0][indent + 2 :]
                    lines += inner
                else:
                    lines += [pad + "-", *inner]
            else:
                lines.append(f"{pad}- {scalar_text(draw)}")
    return lines


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example(
    [
        "- id: m1",
        "  points:",
        "    2024: 82",
        "    2025: 78.0",
        "  updates:",
        "  - date: 2024-11-18",
        "    note: 已兑现",
    ]
)
def test_a_generated_document_is_read_as_pyyaml_reads_it(lines: list[str]) -> None:
    check("\n".join(lines) + "\n")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_any_text_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(fragments: list[str]) -> None:
    check("".join(fragments))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key: PyYAML's reading reports both lines
        "2024: 1\n0x7E8: 2\n",  # the same key written twice differently
        "a: 2024-02-30\n",  # no such date
        "a: |\n  x\n",
        "a: b\n  c\n",  # a value over two lines
        "- a\n - b\n",
        "a:\n  b: 1\n c: 2\n",
        "a: &x 1\nb: *x\n",
        "<<: {a: 1}\n",
        "a:\tb\n",
        "a: 1\rb: 2\n",
        "--- \na: 1\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "...  -: ",  # found by the fragments test: a document's end, then a key
        "--- a: 1\n",
    ],
)
def test_what_the_fast_path_does_not_take_is_left_to_pyyaml(text: str) -> None:
    assert fast_values(text) is FALLBACK


@pytest.mark.parametrize(
    "text",
    [
        "a: ---\n---: 1\n",  # a key the memo knows as a value: not a document marker ("---:")
        "a: --- x\nb:\n  --- x: 1\n- --- x: 1\n",
        "a: ...\n...: 1\n",
        "a: -\u3000a\n-\u3000a: 1\n",
        "a: a#b\na#b: 2\n",
        "a: a'b\na'b: 2\n",
        "a, b: 1\na]: 2\na{b}: 3\n",
        "a: b\u3000#c\nb: b\xa0#c\nc: b #c\nd: b#c\n",  # only an ASCII space before "#" starts a comment
        "a\u3000: 1\n\u3000a: 2\n",
        "a\uff1ab: c\n",
        "\U0001f600: \U00020000\n",
        "a: 'x'' #'\nb: '' #''\nc: ''' #'\n",
        "1: a\n01: b\n",  # the same key (1 and octal 01)
        "0x10: a\n16: b\n",
        "2024: a\n2024.0: b\n",
        "true: a\nTrue: b\nyes: c\n",
        "null: a\n~: b\n",
        "1:30: a\n90: b\n",
        "a: 0o10\nb: 010\nc: 08\nd: 1_000\ne: 0x_1\nf: .5\ng: 1e3\nh: 1.0e+3\ni: 5.\n",
        "a: 2024-1-5\nb: 2024-01-05 10:00:00 +99:00\n",
        "- a:\n  - x\n  b:\n  - y\n",
        "- a:\n- b\n",
        "-\n- a\n- # c\n-\n",  # an empty item, then items at its own column: no list in it
        "- a:\n - x\n",
        "-   a: 1\n  b: 2\n",
        "a:\n- x\n  b: 1\n",
        "a:\n  - x\n- y\n",
        "a:\n    b:\n  c: 1\n",
        "a: b\n  # c\n  d\n",
        "x" * 1000 + ": 1\n",
        "\u4e2d" * 1000 + ": 1\n",
        "- " + "x" * 1001 + ": 1\n",
        "".join("  " * i + "k:\n" for i in range(31)) + "  " * 31 + "z: 1\n",
        "".join("  " * i + "k:\n" for i in range(32)) + "  " * 32 + "z: 1\n",
    ],
)
def test_an_edge_document_is_read_alike_or_left_to_pyyaml(text: str) -> None:
    """Cases from an adversarial run (millions of documents, none read differently), kept as guards."""
    check(text)
    _MEMO.clear()
    _LINES.clear()
    check(text)  # the same with nothing remembered from earlier texts


def test_a_full_width_space_before_a_hash_keeps_the_text() -> None:
    """A clerk's full-width space (or no space) before "#" is text, not a comment: nothing is cut."""
    assert check("name: 青山\u3000#2\nroom: 3#\nnote: 已办 # 备注\n") == {
        "name": "青山\u3000#2",
        "room": "3#",
        "note": "已办",
    }


REAL = [path.read_text(encoding="utf-8-sig") for path in sorted((ROOT / "data").rglob("*.yml"))]


@st.composite
def slipped_windows(draw: st.DrawFn) -> str:
    """A few lines of a real registry file, edited as a clerk might slip: a character in or out, a line
    indented more or less or joined to the next, a value replaced by an edge case."""
    lines = draw(st.sampled_from(REAL)).split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    lines = lines[start : start + draw(st.integers(1, 40))]
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(st.integers(0, 5))
        j = draw(st.integers(0, len(line)))
        if op == 0:
            lines[i] = (
                line[:j] + draw(st.sampled_from([*FRAGMENTS, "\u3000", ": ", " #", "#", "-", "'"])) + line[j:]
            )
        elif op == 1:
            lines[i] = line[:j] + line[j + 1 :]
        elif op == 2:
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif op == 3:
            lines[i] = line[min(j, len(line) - len(line.lstrip(" "))) :]
        elif op == 4 and ": " in line:
            lines[i] = line[: line.index(": ") + 2] + draw(st.sampled_from(SCALARS))
        elif op == 5 and i + 1 < len(lines):
            lines[i : i + 2] = [line + " " + lines[i + 1].lstrip(" ")]
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@settings(max_examples=400, deadline=None)
@given(slipped_windows())
def test_a_slip_in_a_real_file_is_read_as_pyyaml_reads_it_or_left_to_pyyaml(text: str) -> None:
    check(text)


def test_windows_line_ends_are_read_alike() -> None:
    assert check("- id: m1\r\n  points:\r\n    2024: 82.50\r\n  name: '青山'\r\n") == [
        {"id": "m1", "points": {2024: Decimal("82.50")}, "name": "青山"}
    ]


def test_a_left_file_still_gets_its_problem_and_line() -> None:
    problems = Problems()
    assert (
        parse_yaml("- id: m1\n  name: a\n- id: m2\n  name: b\n  name: c\n", Path("m.yml"), problems) is None
    )
    assert [problem.line for problem in problems] == [5]


def test_every_file_of_the_demo_is_taken_and_read_alike() -> None:
    texts = [path.read_text(encoding="utf-8-sig") for path in sorted((ROOT / "data").rglob("*.yml"))]
    assert texts and all(check(text) is not FALLBACK for text in texts)


def test_a_resolver_added_by_a_library_is_heeded(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's implicit resolvers are global: one added later (by any library) changes what a plain
    scalar means, so the memo is forgotten and the new meaning found (here: a problem, left to PyYAML)."""
    import re

    from yaml.resolver import Resolver

    assert check("a: Xyz\n") == {"a": "Xyz"}
    resolvers = {key: list(value) for key, value in Resolver.yaml_implicit_resolvers.items()}
    resolvers["X"] = [("tag:example.com,2026:x", re.compile(r"^X"))]
    monkeypatch.setattr(Resolver, "yaml_implicit_resolvers", resolvers)
    assert pyyaml_reading("a: Xyz\n") is ERROR
    assert fast_values("a: Xyz\n") is FALLBACK
    monkeypatch.undo()
    assert check("a: Xyz\n") == {"a": "Xyz"}
