"""Values that never change once made, and are quick to make: the results, rows and pages of a build.

Why not ``@dataclass(frozen=True)``: to refuse assignment at run time, its ``__init__`` sets each field
through ``object.__setattr__``, four times the time of a plain one. A county's build makes half a million
such values (ratings, board rows, printed rows): 0.3 s of a one-record rebuild.

Why equality, hash and ``repr`` are not the dataclass's own: Python 3.11 writes each of them as source
text and compiles it, for every class, and the package declares 150 of them: compiling four methods a
class took 0.1 s of every build's start. Here ``__init__`` alone is compiled; the other three are shared
functions that read the fields of the value's class, and give what the dataclass's own give.
"""

from __future__ import annotations

import dataclasses
import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_FIELDS = "__nb_fields__"
"""The class attribute that holds how to read a value's compared fields, as a tuple."""


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T]) -> type[T]:
    """A dataclass the type checker holds frozen, made as quickly as a plain one.

    mypy, which checks the package and its hooks, refuses any assignment to a field, as it does
    for ``@dataclass(frozen=True)``; at run time the class is a plain dataclass with equality and a hash
    of its fields, exactly those of a frozen one, so values are used alike (as keys, in sets, by
    ``dataclasses.replace``). Nothing else assigns to our values: templates cannot.
    """
    made = dataclasses.dataclass(eq=False, repr=False)(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]  # (a dataclass now)
    setattr(
        made, _FIELDS, (_reader(f.name for f in fields if f.compare), tuple(f.name for f in fields if f.repr))
    )
    for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
        if name not in cls.__dict__:  # (as a dataclass keeps a method its class writes itself)
            setattr(made, name, method)
    return made


def _reader(names: Any) -> Callable[[object], tuple[Any, ...]]:
    """Reads ``names`` of a value as one tuple, as the dataclass's own methods compare and hash them."""
    names = tuple(names)
    if len(names) > 1:
        return operator.attrgetter(*names)  # (a tuple of the attributes, read in C)
    if names:
        name = names[0]
        return lambda value: (getattr(value, name),)
    return lambda value: ()


def _eq(self: object, other: object) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    read = getattr(self.__class__, _FIELDS)[0]
    return read(self) == read(other)


def _hash(self: object) -> int:
    return hash(getattr(self.__class__, _FIELDS)[0](self))


@reprlib.recursive_repr()
def _repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in getattr(self.__class__, _FIELDS)[1])
    return f"{self.__class__.__qualname__}({shown})"
