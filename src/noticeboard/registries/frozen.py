"""Values that never change once made, and are quick to make: the results, rows and pages of a build.

A class declared ``@frozen`` becomes a frozen ``msgspec.Struct``: its fields are slots filled in C, its
values compare and hash by their fields, refuse assignment, ``repr`` and pickle as a dataclass's do.

Why not dataclasses: a county's build makes more than half a million such values (ratings, board rows,
printed rows) and hashes every page's view to know whether it changed.

- A Struct is made three times faster than a plain dataclass, and ``@dataclass(frozen=True)`` was four
  times slower than a plain one.
- It is written to msgpack (:func:`~noticeboard.outputs.fingerprints.fingerprint`) twice as fast.
- It holds its fields without a ``__dict__``: a county's 570,000 values took 104 MB, 32 of them objects
  and 72 their dictionaries.
- Its class is made without compiling source text (Python 3.11's dataclasses compile four methods a
  class, 0.1 s of every build's start for the package's 150).

A county's one-record rebuild measured 6.2 → 5.4 s and 386 → 354 MB (largest process).

What a dataclass has and a Struct has not, the decorator refuses rather than changes: a
``dataclasses.field`` (use ``msgspec.field``: ``default`` and ``default_factory``), a ``__post_init__``, a
base other than ``Generic[…]``, a method calling ``super()`` without arguments.
A field's default is read from a value, never from the class (``Shape().seed``, not ``Shape.seed``:
on the class, the name is the field's slot). A value's cached properties live in a ``__dict__`` its class
gets for them alone.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from typing import Any, Generic, TypeVar, dataclass_transform

import msgspec

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(msgspec.field,))
def frozen(cls: type[T]) -> type[T]:
    """The class as a frozen ``msgspec.Struct`` with the same fields, defaults and methods (and ``Generic[…]``).

    mypy, which checks the package and its hooks, reads the class as a frozen dataclass: it refuses any
    assignment to a field and checks the arguments a value is made with."""
    own = {name: value for name, value in cls.__dict__.items() if name not in ("__dict__", "__weakref__")}
    bases = tuple(base for base in own.pop("__orig_bases__", cls.__bases__) if base is not object)
    trouble = _refused(own, bases)
    if trouble:
        raise TypeError(f"@frozen {cls.__qualname__}: {trouble}")
    own["__qualname__"] = cls.__qualname__
    cached = any(isinstance(value, functools.cached_property) for value in own.values())
    options = {"frozen": True, "dict": cached}
    return types.new_class(cls.__name__, (msgspec.Struct, *bases), options, lambda made: made.update(own))


def _refused(own: dict[str, Any], bases: tuple[Any, ...]) -> str | None:
    """What a Struct would not keep as the class declares it, in words; None when nothing.

    Why refused rather than made: each would change what the class means without a word. A
    ``dataclasses.field``'s options and a ``__post_init__`` a Struct does not read; a base other than
    ``Generic`` would have to become a Struct itself; a method that calls ``super()`` without arguments (or
    names ``__class__``) would still point at the class as declared, not the one made here."""
    fields = [name for name, value in own.items() if isinstance(value, dataclasses.Field)]
    if fields:
        return f"{', '.join(fields)}: msgspec.field, not dataclasses.field / 用 msgspec.field"
    if "__post_init__" in own:
        return "no __post_init__ / 不能有 __post_init__"
    if any(getattr(base, "__origin__", None) is not Generic for base in bases):
        return "no base but Generic[…] / 只能继承 Generic[…]"
    closures = [name for name, value in own.items() if "__class__" in _free_names(value)]
    if closures:
        return f"{', '.join(closures)}: super() without arguments, or __class__ / 用了不带参数的 super()"
    return None


def _free_names(value: object) -> tuple[str, ...]:
    """The free variables of a function, property, cached property, class or static method's code."""
    functions = [getattr(value, name, None) for name in ("fget", "fset", "func", "__func__")] + [value]
    return tuple(
        name for f in functions if (code := getattr(f, "__code__", None)) for name in code.co_freevars
    )


def replace(value: T, **changes: Any) -> T:
    """A copy of ``value`` with ``changes`` to its fields (``dataclasses.replace`` for our values)."""
    return msgspec.structs.replace(value, **changes)  # type: ignore[type-var]


def field_names(value: object) -> tuple[str, ...]:
    """The names of ``value``'s fields, in order; none when it is not a value of ours."""
    return getattr(type(value), "__struct_fields__", ())


def as_dict(value: object) -> dict[str, Any]:
    """``value``'s fields by name, as a new dictionary."""
    return msgspec.structs.asdict(value)  # type: ignore[arg-type]
