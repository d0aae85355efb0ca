"""领导点评公示栏: the public reviews of one year, gathered by the organisation they concern.

A review of a member belongs to the member's branch; a review of an
organisation (its secretary) to that organisation. Reviews without
``public: true`` are left out here, so no page, poster or open data sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from noticeboard.boards.parts import OrgRef, org_ref
from noticeboard.registries.models import LEVEL_LABELS, Review
from noticeboard.registries.reading import Registry


@dataclass(frozen=True)
class ReviewRow:
    """One published review."""

    subject: str
    """Who is reviewed: a member's name, or an organisation's secretary and name."""
    of_member: bool
    reviewer: str
    reviewer_post: str
    level: str
    level_label: str
    date: dt.date | None
    overall: str
    achievements: str
    problems: str
    direction: str
    grade: str | None


@dataclass(frozen=True)
class ReviewBoard:
    """The public reviews concerning one organisation: of its secretary first, then of its members."""

    org: OrgRef
    year: int
    own: tuple[ReviewRow, ...]
    members: tuple[ReviewRow, ...]

    @property
    def rows(self) -> tuple[ReviewRow, ...]:
        return self.own + self.members


def review_boards(registry: Registry, year: int) -> dict[str, ReviewBoard]:
    """Organisation id → its board, in the order of ``branches.yml``; organisations without public reviews have none."""
    own: dict[str, list[ReviewRow]] = {}
    members: dict[str, list[ReviewRow]] = {}
    for review in registry.reviews.get(year, ()):
        if not review.public:
            continue
        if review.subject in registry.branch_of:
            members.setdefault(registry.branch_of[review.subject], []).append(_row(registry, review))
        else:
            own.setdefault(review.subject, []).append(_row(registry, review))
    return {
        branch.id: ReviewBoard(
            org_ref(registry, branch), year, tuple(own.get(branch.id, ())), tuple(members.get(branch.id, ()))
        )
        for branch in registry.branches
        if branch.id in own or branch.id in members
    }


def _row(registry: Registry, review: Review) -> ReviewRow:
    member = registry.member_by_id.get(review.subject)
    if member is not None:
        subject = member.name
    else:
        branch = registry.branch_by_id[review.subject]
        subject = f"{branch.name}书记{branch.secretary}" if branch.secretary else branch.name
    return ReviewRow(
        subject=subject,
        of_member=member is not None,
        reviewer=review.reviewer.name,
        reviewer_post=review.reviewer.post,
        level=review.level,
        level_label=LEVEL_LABELS[review.level],
        date=review.date,
        overall=review.overall,
        achievements=review.achievements,
        problems=review.problems,
        direction=review.direction,
        grade=review.grade,
    )
