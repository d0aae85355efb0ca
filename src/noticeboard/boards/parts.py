"""Parts every board is made of: groups of rows under a heading, and organisations as boards name them.

Star boards only list branches (党总支 are not rated); reviews, venues,
classification and duty reports also concern 党总支, which have no page of
their own. :class:`OrgRef` carries what those boards show and whether there
is a branch page to link to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from noticeboard.registries.models import KIND_LABELS, Branch
from noticeboard.registries.reading import Registry

Row = TypeVar("Row")


@dataclass(frozen=True)
class Group(Generic[Row]):
    """Rows under one heading of a board (三星党支部, 二星党员, 较差, 优秀 …)."""

    key: str
    """``"3"`` … ``"0"``, ``"unrated"``, ``"exempt"``, or the grade or level it gathers."""
    title: str
    stars: int | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class OrgRef:
    """An organisation (党支部 or 党总支) as a board names it."""

    id: str
    name: str
    kind_label: str
    parent_name: str | None
    secretary: str | None
    has_page: bool
    """Whether the organisation has a branch page (党总支 do not)."""


def org_ref(registry: Registry, branch: Branch) -> OrgRef:
    parent = registry.branch_by_id.get(branch.parent) if branch.parent else None
    return OrgRef(
        id=branch.id,
        name=branch.name,
        kind_label=KIND_LABELS[branch.kind],
        parent_name=parent.name if parent else None,
        secretary=branch.secretary,
        has_page=not branch.is_general,
    )
