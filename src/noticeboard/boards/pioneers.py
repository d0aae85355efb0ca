"""党员先锋岗: the members holding a pioneer post, as the wall board shows them.

Source: 将先锋岗党员的姓名、性别、民族、学历、岗位、职责、照片上墙公布，接受党员和群众监督.
This board is the only place where ethnicity and education are published, and
only for post holders. Posts are current (not per year), so there is one board
per branch, on the current year's pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from noticeboard.boards.parts import OrgRef, org_ref
from noticeboard.registries.reading import Registry


@dataclass(frozen=True)
class PioneerRow:
    """One pioneer post and its holder."""

    name: str
    gender: str
    ethnicity: str | None
    education: str | None
    title: str
    duties: str | None
    since: dt.date | None
    photo: str | None
    """The photo's file name under ``data/photos/``; None shows a placeholder."""


@dataclass(frozen=True)
class PioneerBoard:
    """A branch's pioneer posts, in the order of its member file."""

    org: OrgRef
    rows: tuple[PioneerRow, ...]


def pioneer_boards(registry: Registry) -> dict[str, PioneerBoard]:
    """Branch id → its board, for branches with at least one post holder."""
    boards = {}
    for branch in registry.branches:
        rows = tuple(
            PioneerRow(
                name=member.name,
                gender=member.gender,
                ethnicity=member.ethnicity,
                education=member.education,
                title=member.post.title,
                duties=member.post.duties,
                since=member.post.since,
                photo=member.post.photo,
            )
            for member in registry.members_by_branch.get(branch.id, ())
            if member.post is not None
        )
        if rows:
            boards[branch.id] = PioneerBoard(org_ref(registry, branch), rows)
    return boards
