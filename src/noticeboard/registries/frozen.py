"""Values that never change once made, and are quick to make: the results, rows and pages of a build.

Why not ``@dataclass(frozen=True)``: to refuse assignment at run time, its ``__init__`` sets each field
through ``object.__setattr__``, four times the time of a plain one. A county's build makes half a million
such values (ratings, board rows, printed rows): 0.3 s of a one-record rebuild.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T]) -> type[T]:
    """A dataclass the type checker holds frozen, made as quickly as a plain one.

    mypy, which checks the package and its hooks, refuses any assignment to a field, as it does
    for ``@dataclass(frozen=True)``; at run time the class is a plain dataclass with equality and a hash
    of its fields, exactly those of a frozen one, so values are used alike (as keys, in sets, by
    ``dataclasses.replace``). Nothing else assigns to our values: templates cannot.
    """
    return dataclasses.dataclass(eq=True, unsafe_hash=True)(cls)
