"""A fast reading of the plain YAML that registry files are, giving exactly what PyYAML's reading gives.

Why: composing a county's 53 MB of YAML with PyYAML's C loader builds a node and two marks per
value and resolves every scalar in Python (seconds), and walking the tree takes seconds more. The
registries are written in a small part of YAML: block mappings and lists, one plain or quoted value
per line, comments. This reads that part line by line and resolves each distinct plain scalar once,
*by PyYAML's own resolver and the walker's own conversion* (:func:`_plain`), so a value means what it
means on the slow path. Anything outside that part (flow collections, block scalars, anchors, tags,
escapes, a value over several lines, a tab, a duplicate key, a value the walker would report …)
gives :data:`FALLBACK`, and the file is read by PyYAML as before, which reports its problems with their
lines. Lines are never needed here: a problem found later composes PyYAML's tree for them.
``tests/registries/test_fast_yaml.py`` compares both readings on generated documents.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from noticeboard.registries.errors import Problems

FALLBACK: Any = object()
"""Returned for a text this reader does not take on: read it with PyYAML."""

_DEPTH = 30
"""Deeper than this falls back (the walker refuses past ``MAX_DEPTH``)."""

_SAFE = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
"""Texts made only of these characters: no tab, no carriage return, no character YAML takes as a line
break (``\\x85``, ``\\u2028``, ``\\u2029``) or refuses, no byte-order mark inside."""
_KEY = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#'\"]*")
"""A plain key this reader takes: no indicator first, no colon, quote or hash in it."""
_SINGLE = re.compile(r"'((?:[^']|'')*)' *(?: #.*)?")
_DOUBLE = re.compile(r'"([^"\\]*)" *(?: #.*)?')
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL = _INDICATORS | {"'", '"'}
"""What a value may start with that is not simply a plain scalar."""
_KEY_LINE, _ITEM = 1, 2
"""A line's kind, a sum of these: it has a key (``key: value``); it is a list item (``- value``; both for
``- key: value``). Neither (0): a blank line or a comment."""


class _Fallback(Exception):
    pass


def fast_values(text: str) -> Any:
    """The plain value of the YAML ``text`` as :func:`~noticeboard.registries.yaml_source.parse_yaml`
    gives it when it finds no problem, or :data:`FALLBACK`."""
    global _SIGNATURE, _RESOLVED_FIRST, _TEXT_NOT_FIRST
    if _signature() != _SIGNATURE:
        _SIGNATURE = _signature()
        _RESOLVED_FIRST = frozenset(first for first in Resolver.yaml_implicit_resolvers if first)
        _TEXT_NOT_FIRST = _RESOLVED_FIRST | _SPECIAL | {" "}
        _MEMO.clear()
        _LINES.clear()
        _HEADS.clear()
    if not _resolves_as_here():
        return FALLBACK
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # Windows' line ends: a line break to YAML as "\n" is
    if _SAFE.fullmatch(text) is None:
        return FALLBACK
    try:
        return _read(text)
    except _Fallback:
        return FALLBACK


Line = tuple[int, int, Any, Any, int, Any]
"""A line's reading: (its indent, its kind, its key or None, its value, its key's indent, what it leaves
waiting). The key as the walker gives it (``2025`` an int); the key's indent is past the dash's in
``- key: value``, the line's own otherwise. Where nothing is written after the key's colon or the dash, the
value is None and the line leaves its key (-1 for ``-``: the list's last item) waiting for the block below
it, if the next line begins one; otherwise it leaves None."""
_BLANK: Line = (0, 0, None, None, 0, None)
"""A blank line's or a comment's reading."""
_NONE: Any = object()
"""Nothing written after a key's colon (:func:`_inline_value`), or a text the memo has not got."""


def _read(text: str) -> Any:
    """The value of ``text``, or :class:`_Fallback`. One pass over the lines, each line's reading put in the
    block it belongs to, with the blocks around that one on a stack: a county's 330,000 blocks cost no call
    each, no list of its 1.4 million lines' tokens is built to be read a second time, and the common line
    (the next key of the mapping being read) costs two comparisons before its value is stored."""
    lines = _LINES
    top: list[Any] = [None]  # holds the document's value: the block its first line begins, or null
    block: Any = top  # the block being read (a dict or a list),
    indent = -1  # its lines' indent,
    keys_at = -1  # its lines' indent if it is a mapping, else -1 (which no line has)
    around: list[tuple[int, Any]] = []  # the blocks around it and their indents, outermost (top) first
    waiting: Any = -1  # the key in ``block`` (-1: the list's last item) that the line before left null,
    # waiting for the block below it if the next line begins one; None if none (at first: top's item)
    for text_line in text.split("\n"):
        found = lines.get(text_line)
        if found is None:
            found = _line(text_line)
            if len(lines) >= _LINES_KEPT:
                lines.clear()
            lines[text_line] = found
        at, kind, key, value, inner, waits = found
        if at == keys_at and kind == _KEY_LINE:
            if key in block:
                raise _Fallback  # reported by PyYAML's reading, with both lines
            block[key] = value
            waiting = waits
            continue
        if not kind:
            continue
        # the block below the line before, if it left a value waiting (a key's list may be as indented as the key)
        if waiting is not None and (at > indent or (at == indent and kind & _ITEM and keys_at >= 0)):
            if len(around) > _DEPTH:
                raise _Fallback
            below: Any = [] if kind & _ITEM else {}
            block[waiting] = below
            around.append((indent, block))
            block, indent = below, at
        while at != indent:
            if at > indent:
                raise _Fallback  # a value over several lines, or a YAML error
            indent, block = around.pop()  # (never from an empty stack: every line is past top's -1)
        if not kind & _ITEM:
            if block.__class__ is list:  # a list as indented as its key ends at the next key
                indent, block = around.pop()
                if indent != at:
                    raise _Fallback  # a key after a list's items: a YAML error
            if key in block:
                raise _Fallback  # reported by PyYAML's reading, with both lines
            block[key] = value
            keys_at = indent
        elif block.__class__ is dict:
            raise _Fallback  # a list item beside the keys of a mapping
        elif kind & _KEY_LINE:  # ``- key: value``: an item that is a mapping, this key its first
            if len(around) > _DEPTH:
                raise _Fallback
            below = {key: value}
            block.append(below)
            around.append((indent, block))
            block, indent = below, inner
            keys_at = inner
        else:
            block.append(value)
            keys_at = -1
        waiting = waits
    return top[0]


_LINES: dict[str, Line] = {}
"""A line → its reading (_BLANK for a blank line or a comment), each line read once: ``  gender: 男``,
``  category: rural``, ``    2025: 78.0`` repeat thousands of times in a county, and reading a line depends
on nothing but its text. A line this reader does not take on is not kept."""
_LINES_KEPT = 20_000
"""Lines kept at most (then forgotten all at once): the lines that repeat are soon read again, and a
county's 400,000 distinct lines, names and ids among them, would be 100 MB kept for the whole build
(measured: a county read as fast with 10,000 kept as with 200,000)."""


def _line(line: str) -> Line:
    """The reading of one line, or :class:`_Fallback`."""
    head, colon, rest = line.partition(": ")
    found = _HEADS.get(head) if colon else None
    if found is None:
        return _new_line(line)
    indent, kind, key, inner = found
    if (
        rest
        and rest[0] not in _TEXT_NOT_FIRST
        and rest[-1] not in " :"
        and ": " not in rest
        and " #" not in rest
    ):
        return (indent, kind, key, rest, inner, None)  # a text that is its own value: a name, an id
    value = _MEMO.get(rest, _NONE)  # a date or a number read before (a text kept there is all value)
    if value is _NONE:
        value = _inline_value(rest.lstrip(" "))
    if value is _NONE:
        return (indent, kind, key, None, inner, key)
    return (indent, kind, key, value, inner, None)


_HEADS: dict[str, tuple[int, int, Any, int]] = {}
"""What a line says before its first ``": "``, when it is a key's → (its indent, kind, key and key's
indent, as in its reading): ``  name``, ``- id``, ``    phone`` begin most of a county's 400,000 distinct
lines, and what that part means depends on nothing after it (:func:`_new_line` keeps it only where it
read a key). Then only the value is read."""
_HEADS_KEPT = 5_000


def _new_line(line: str) -> Line:
    """:func:`_line` of a line whose beginning has not been read before."""
    body = line.lstrip(" ")
    if not body or body[0] == "#":
        return _BLANK
    indent = len(line) - len(body)
    if not indent and body[:3] in ("---", "...") and body[3:4] in ("", " "):
        raise _Fallback  # a document's start or end (PyYAML refuses a second document)
    kind = _KEY_LINE
    if body[0] == "-" and (len(body) == 1 or body[1] == " "):
        rest = body[1:].lstrip(" ")
        if not rest or rest[0] == "#":
            return (indent, _ITEM, None, None, indent, -1)
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            raise _Fallback  # a list in a list on one line
        if rest[0] in "'\"" or (": " not in rest and rest[-1] != ":"):
            return (indent, _ITEM, None, _scalar(rest), indent, None)
        kind = _ITEM | _KEY_LINE
        body = rest
    colon = body.find(": ")
    if colon < 0:
        if body[-1] != ":":
            raise _Fallback  # a bare scalar, a value over several lines, a document marker …
        colon = len(body) - 1
    text = body[:colon]
    if len(text) > 1000 or (text not in _MEMO and (_KEY.fullmatch(text) is None or text[-1] == " ")):
        raise _Fallback  # (PyYAML takes a key of 1024 characters at most)
    key = _plain_value(text)
    if isinstance(key, Decimal | bool) or key is None:
        key = text  # the walker's key: a number with a fraction, a yes or a null as written
    value = _inline_value(body[colon + 1 :].lstrip(" "))
    inner = len(line) - len(body)
    if colon < len(body) - 1:  # (a line ending with the colon has no ": " to find its head by)
        if len(_HEADS) >= _HEADS_KEPT:
            _HEADS.clear()
        _HEADS[line[: inner + colon]] = (indent, kind, key, inner)
    if value is _NONE:
        return (indent, kind, key, None, inner, key)
    return (indent, kind, key, value, inner, None)


def _inline_value(rest: str) -> Any:
    """The value written after ``key: `` (``rest``, without the spaces before it), or _NONE for none."""
    if not rest or rest[0] == "#":
        return _NONE
    if rest[0] in _SPECIAL:
        return _scalar(rest)
    comment = rest.find(" #")
    if comment >= 0:
        rest = rest[:comment]
    return _plain_value(rest.rstrip(" "))


def _scalar(text: str) -> Any:
    """The value of a one-line scalar as written after ``key: `` or ``- ``."""
    first = text[0]
    if first == "'":
        if text[-1] == "'" and text.count("'") == 2:
            return text[1:-1]  # no quote inside, nothing after it (a phone number, an id)
        match = _SINGLE.fullmatch(text)
        if match is None:
            raise _Fallback
        return match.group(1).replace("''", "'")
    if first == '"':
        match = _DOUBLE.fullmatch(text)
        if match is None:
            raise _Fallback
        return match.group(1)
    if first in _INDICATORS and not (first == "-" and len(text) > 1 and text[1] != " "):
        raise _Fallback
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    return _plain_value(text.rstrip(" "))


def _plain_value(text: str) -> Any:
    """A plain scalar's value, checked to be one (a colon and a space in it is a YAML error) unless the memo
    has it."""
    value = _MEMO.get(text, _NONE)
    if value is _NONE:
        if (
            ": " in text
            or text.endswith(":")
            or (text[0] in _INDICATORS and not (text[0] == "-" and len(text) > 1 and text[1] != " "))
        ):
            raise _Fallback
        value = _plain(text)
    return value


_MEMO: dict[str, Any] = {}
"""Plain scalar → its value (each text once: dates, genders and scores repeat a thousand times). Only
texts checked to be plain scalars are kept, so a key found here is one too."""
_RESOLVER = Resolver()
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The loader PyYAML's reading uses (``yaml_source._Loader``): its resolvers must be the ones used here."""


def _signature() -> tuple[int, ...]:
    """What PyYAML's resolvers are now: a library may add one at any time (the memo is then forgotten)."""
    resolvers = _LOADER.yaml_implicit_resolvers
    return (id(resolvers), len(resolvers), *(len(found) for found in resolvers.values()))


def _resolves_as_here() -> bool:
    """Whether the loader resolves plain scalars as :data:`_RESOLVER` does: the same implicit
    resolvers, none for every text (key None), no path resolvers."""
    return (
        _LOADER.yaml_implicit_resolvers is Resolver.yaml_implicit_resolvers
        and None not in Resolver.yaml_implicit_resolvers
        and not _LOADER.yaml_path_resolvers
    )


_SIGNATURE = _signature()
_RESOLVED_FIRST = frozenset(first for first in Resolver.yaml_implicit_resolvers if first)
"""The first characters of the texts PyYAML's implicit resolvers may type (bool, int, float, null,
timestamp, merge, value): it looks only at the resolvers of a text's first character."""
_TEXT_NOT_FIRST = _RESOLVED_FIRST | _SPECIAL | {" "}
"""What a value written after ``key: `` may not start with to be simply its own text (:func:`_line`):
a space, _SPECIAL, or what an implicit type may start with."""
_MARK = Mark("", 0, 0, 0, "", 0)
_PROBLEMS = Problems()


def _plain(text: str) -> Any:
    """A plain scalar's value, found by PyYAML's resolver and the walker's conversion (asked by
    :func:`_plain_value` once per text)."""
    if text[0] not in _RESOLVED_FIRST:
        return text  # no implicit type starts so (a name, an address): PyYAML's resolver says str
    from noticeboard.registries.yaml_source import _Walker  # which reads with this module

    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    before = len(_PROBLEMS)
    value = _Walker(_NOWHERE, _PROBLEMS, 0).scalar(ScalarNode(tag, text, _MARK, _MARK))
    if len(_PROBLEMS) > before:
        _PROBLEMS.items.clear()
        raise _Fallback  # reported with its line by PyYAML's reading
    if len(_MEMO) > 500_000:
        _MEMO.clear()
        _LINES.clear()  # (its values are the memo's)
        _HEADS.clear()  # (its keys too)
    _MEMO[text] = value
    return value


_NOWHERE = Path()
