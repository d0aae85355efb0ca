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
_ITEM, _KEY_LINE = 0, 1


class _Fallback(Exception):
    pass


def fast_values(text: str) -> Any:
    """The plain value of the YAML ``text`` as :func:`~noticeboard.registries.yaml_source.parse_yaml`
    gives it when it finds no problem, or :data:`FALLBACK`."""
    global _SIGNATURE, _RESOLVED_FIRST
    if _signature() != _SIGNATURE:
        _SIGNATURE = _signature()
        _RESOLVED_FIRST = frozenset(first for first in Resolver.yaml_implicit_resolvers if first)
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
        tokens = _tokens(text)
        if not tokens:
            return None
        reader = _Reader(tokens)
        value = reader.block(tokens[0][0], 0)
        if reader.pos != len(tokens):
            return FALLBACK
        return value
    except _Fallback:
        return FALLBACK


Token = tuple[int, int, Any, Any]
"""(indent, kind, key or None, inline value or _NONE); the key as the walker gives it (``2025`` an int)."""
_NONE: Any = object()


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    lines = _LINES
    for line in text.split("\n"):
        found = lines.get(line)
        if found is None:
            found = _line_tokens(line)
            if len(lines) >= _LINES_KEPT:
                lines.clear()
            lines[line] = found
        tokens += found
    return tokens


_LINES: dict[str, tuple[Token, ...]] = {}
"""A line → its tokens (none for a blank line or a comment; two for ``- key: value``), each line read once:
``  gender: 男``, ``  category: rural``, ``    2025: 78.0`` repeat thousands of times in a county, and
reading a line depends on nothing but its text. A line this reader does not take on is not kept."""
_LINES_KEPT = 20_000
"""Lines kept at most (then forgotten all at once): the lines that repeat are soon read again, and a
county's 400,000 distinct lines, names and ids among them, would be 100 MB kept for the whole build
(measured: a county read as fast with 10,000 kept as with 200,000)."""


def _line_tokens(line: str) -> tuple[Token, ...]:
    """The tokens of one line, or :class:`_Fallback`."""
    colon = line.find(": ")
    head = _HEADS.get(line[:colon]) if colon > 0 else None
    if head is None:
        return _new_line_tokens(line)
    item, indent, key = head
    value = _inline_value(line[colon + 1 :].lstrip(" "))
    return (*item, (indent, _KEY_LINE, key, value))


_HEADS: dict[str, tuple[tuple[Token, ...], int, Any]] = {}
"""What a line says before its first ``": "``, when it is a key's → (its list item token if any, the key's
indent, the key): ``  name``, ``- id``, ``    phone`` begin most of a county's 400,000 distinct lines, and
what that part means depends on nothing after it (:func:`_new_line_tokens` keeps it only where it read a
key). Then only the value is read."""
_HEADS_KEPT = 5_000


def _new_line_tokens(line: str) -> tuple[Token, ...]:
    """:func:`_line_tokens` of a line whose beginning has not been read before."""
    body = line.lstrip(" ")
    if not body or body[0] == "#":
        return ()
    indent = len(line) - len(body)
    if not indent and body[:3] in ("---", "...") and body[3:4] in ("", " "):
        raise _Fallback  # a document's start or end (PyYAML refuses a second document)
    item: tuple[Token, ...] = ()
    if body[0] == "-" and (len(body) == 1 or body[1] == " "):
        rest = body[1:].lstrip(" ")
        if not rest or rest[0] == "#":
            return ((indent, _ITEM, None, _NONE),)
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            raise _Fallback  # a list in a list on one line
        if rest[0] in "'\"" or (": " not in rest and rest[-1] != ":"):
            return ((indent, _ITEM, None, _scalar(rest)),)
        item = ((indent, _ITEM, None, _NONE),)
        indent += len(body) - len(rest)
        body = rest
    colon = body.find(": ")
    if colon < 0:
        if body[-1] != ":":
            raise _Fallback  # a bare scalar, a value over several lines, a document marker …
        colon = len(body) - 1
    text = body[:colon]
    memo = _MEMO
    if len(text) > 1000 or (text not in memo and (_KEY.fullmatch(text) is None or text[-1] == " ")):
        raise _Fallback  # (PyYAML takes a key of 1024 characters at most)
    key = memo.get(text, _NONE)
    if key is _NONE:
        key = _plain(text)
    if isinstance(key, Decimal | bool) or key is None:
        key = text  # the walker's key: a number with a fraction, a yes or a null as written
    value = _inline_value(body[colon + 1 :].lstrip(" "))
    if colon < len(body) - 1:  # (a line ending with the colon has no ": " to find its head by)
        if len(_HEADS) >= _HEADS_KEPT:
            _HEADS.clear()
        _HEADS[line[: len(line) - len(body) + colon]] = (item, indent, key)
    return (*item, (indent, _KEY_LINE, key, value))


def _inline_value(rest: str) -> Any:
    """The value written after ``key: `` (``rest``, without the spaces before it), or _NONE for none."""
    if not rest or rest[0] == "#":
        return _NONE
    if rest[0] in _SPECIAL:
        return _scalar(rest)
    comment = rest.find(" #")
    if comment >= 0:
        rest = rest[:comment]
    rest = rest.rstrip(" ")
    value = _MEMO.get(rest, _NONE)
    if value is _NONE:
        value = _plain_value(rest)
    return value


def _scalar(text: str) -> Any:
    """The value of a one-line scalar as written after ``key: `` or ``- ``."""
    first = text[0]
    if first == "'":
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
    """A plain scalar's value, checked to be one (a colon and a space in it is a YAML error)."""
    if (
        ": " in text
        or text.endswith(":")
        or (text[0] in _INDICATORS and not (text[0] == "-" and len(text) > 1 and text[1] != " "))
    ):
        raise _Fallback
    return _plain(text)


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
_MARK = Mark("", 0, 0, 0, "", 0)
_PROBLEMS = Problems()


def _plain(text: str) -> Any:
    """A plain scalar's value, found by PyYAML's resolver and the walker's conversion (once per text)."""
    value = _MEMO.get(text, _NONE)
    if value is not _NONE:
        return value
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


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def block(self, indent: int, depth: int) -> Any:
        if depth > _DEPTH:
            raise _Fallback
        if self.tokens[self.pos][1] == _ITEM:
            return self.sequence(indent, depth)
        return self.mapping(indent, depth)

    def below(self, pos: int, indent: int, depth: int, *, indentless: bool) -> Any:
        """The value of a ``key:`` or ``-`` with nothing after it (the next token at ``pos``): the block
        below it, or null. Leaves :attr:`pos` after it."""
        self.pos = pos
        if pos < len(self.tokens):
            below, kind = self.tokens[pos][:2]
            if below > indent or (indentless and below == indent and kind == _ITEM):
                return self.block(below, depth + 1)
        return None

    def sequence(self, indent: int, depth: int) -> list[Any]:
        items: list[Any] = []
        tokens, pos, end = self.tokens, self.pos, len(self.tokens)
        while pos < end:
            token = tokens[pos]
            if token[0] != indent or token[1] != _ITEM:
                break
            pos += 1
            if token[3] is not _NONE:
                items.append(token[3])
            else:
                items.append(self.below(pos, indent, depth, indentless=False))
                pos = self.pos
            if pos < end and tokens[pos][0] > indent:
                raise _Fallback  # a value over several lines, or a YAML error
        self.pos = pos
        return items

    def mapping(self, indent: int, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        tokens, pos, end = self.tokens, self.pos, len(self.tokens)
        while pos < end:
            token = tokens[pos]
            if token[0] != indent:
                break
            if token[1] != _KEY_LINE:
                raise _Fallback  # a list item beside the keys of a mapping
            pos += 1
            key = token[2]
            if key in result:
                raise _Fallback  # reported by PyYAML's reading, with both lines
            if token[3] is not _NONE:
                result[key] = token[3]
            else:
                result[key] = self.below(pos, indent, depth, indentless=True)
                pos = self.pos
            if pos < end and tokens[pos][0] > indent:
                raise _Fallback  # a value over several lines, or a YAML error
        self.pos = pos
        return result
