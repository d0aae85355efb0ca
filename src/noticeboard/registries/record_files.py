"""Data files a board kind declares: ``pairings.yml`` (a list of records) or ``honours/`` (a list per year).

Why declared by the kind: a new board brings its own data; the loader reads every declared
file like the built-in registries (line numbers, Chinese messages, the data contract that
reports unknown files) and hands the records to the kind's own cross-check, so the registries
layer needs no change for a new board. The kinds pass their declarations in from above
(``boards.kinds.load_township``); this layer never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from msgspec import field
from pydantic import BaseModel

from noticeboard.registries.errors import Problems
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import Branch, Member, Site

if TYPE_CHECKING:
    from noticeboard.registries.reading import Located


@frozen
class Known:
    """What a kind's cross-check may refer to: the registry's organisations, members and site."""

    site: Site | None
    branches: Mapping[str, Branch]
    members: Mapping[str, Member]
    branch_of: Mapping[str, str]
    may_exist: Callable[[str, str], bool]
    """(kind of data, id) → whether a record with that id failed to load (then a reference to it is no error)."""
    records: Mapping[str, Sequence[Located[Any]]] = field(default_factory=dict)
    """Every declared file's valid records by key (a folder's year by year), for a check that refers to
    another file (a lecture names a team of ``school.yml``)."""


Check = Callable[[Sequence["Located[Any]"], Known, Problems], None]
"""A kind's cross-check of its records: every problem added with the record's file and line."""


@frozen
class RecordFile:
    """One data file (``name`` ends in ``.yml``) or folder of yearly files (``name`` without it) of records."""

    name: str
    model: type[BaseModel]
    holds: str
    """What it holds, in the office's words, for messages about what does not belong there."""
    check: Check | None = None

    @property
    def yearly(self) -> bool:
        return not self.name.endswith(".yml")

    @property
    def key(self) -> str:
        return self.name.removesuffix(".yml")
