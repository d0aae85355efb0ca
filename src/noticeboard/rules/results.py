"""One year's results for every branch, member and commitment, and the counts the boards show.

Why here and not in templates: what is counted, what is named and what is
withheld must be the same on the web page, the printed board and the open
data. Privacy decisions (who may be named) are made once, in :func:`is_listed`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import STATUS_LABELS, Branch, Commitment, Member, Privacy
from noticeboard.registries.models.site import COMMITTEE
from noticeboard.registries.reading import Registry
from noticeboard.rules.ratings import LedgerTotal, Rating, ledger_total, rate_branch, rate_member

MemberStatus = Literal["rated", "exempt", "unrated"]
STAR_KEYS = ("3", "2", "1", "0")


@frozen
class BranchResult:
    """A branch's rating for a year; ``rating`` is None when it was not assessed (未评定)."""

    branch: Branch
    year: int
    rating: Rating | None

    @property
    def stars(self) -> int | None:
        return None if self.rating is None else self.rating.stars


@frozen
class MemberResult:
    """A member's rating for a year: rated, exempt (经申请不参与评星) or unrated (no points)."""

    member: Member
    branch_id: str
    year: int
    status: MemberStatus
    rating: Rating | None = None
    ledger: LedgerTotal | None = None
    """How the total was added up, when it came from a ledger (积分台账)."""
    exempt_reason: str | None = None

    @property
    def stars(self) -> int | None:
        return None if self.rating is None else self.rating.stars


MakerKind = Literal["member", "organisation", "leader", "committee"]


@frozen
class CommitmentResult:
    """A commitment with what is derived from it: its maker's organisation, whether it is due and overdue."""

    commitment: Commitment
    year: int
    branch_id: str
    """The maker's own organisation (党支部 or 党总支); "" for the township committee and its leaders."""
    maker_kind: MakerKind
    overdue: bool
    fallen_due: bool
    """Whether its deadline has passed by ``as_of`` (the fulfilment rate is over these)."""

    @property
    def by_member(self) -> bool:
        return self.maker_kind == "member"


@frozen
class YearResults:
    """Everything rated for one year, in registry order."""

    year: int
    as_of: dt.date
    branches: tuple[BranchResult, ...]
    members: tuple[MemberResult, ...]
    commitments: tuple[CommitmentResult, ...]


def has_fallen_due(commitment: Commitment, as_of: dt.date) -> bool:
    """Fallen due (已到期): its deadline is before ``as_of``. A commitment without a deadline never is."""
    return commitment.due is not None and commitment.due < as_of


def is_overdue(commitment: Commitment, as_of: dt.date) -> bool:
    """Overdue (逾期): fallen due and still planned or in progress."""
    return commitment.status in ("planned", "in_progress") and has_fallen_due(commitment, as_of)


def maker_kind(registry: Registry, maker: str) -> MakerKind:
    if maker in registry.branch_of:
        return "member"
    if maker in registry.branch_by_id:
        return "organisation"
    return "committee" if maker == COMMITTEE else "leader"


def rate_year(registry: Registry, year: int, as_of: dt.date) -> YearResults:
    """Rate every branch and member for ``year`` and judge commitments at ``as_of``.

    A member who joined the Party after ``year`` (``joined``) and has nothing written for it (points,
    a ledger, exemption) was not a member then: the year's boards neither count nor name them. One who
    has something written for it is rated as written, so no record is left out."""
    schemes = registry.schemes
    branches = tuple(
        BranchResult(
            branch=branch,
            year=year,
            rating=rate_branch(branch.assessments[year], schemes.branch)
            if year in branch.assessments
            else None,
        )
        for branch in registry.branches
        if not branch.is_general
    )
    ledgers = registry.ledgers.get(year, {})
    members = []
    ratings: dict[str, Rating] = {}
    """Points as written → their rating: a county's 40,000 members share a few hundred totals (by the
    text, not the value: 78.0 and 78 are equal numbers, published differently)."""

    def rated(points: Decimal) -> Rating:
        key = str(points)  # the exact number: sign, digits and exponent
        found = ratings.get(key)
        if found is None:
            found = ratings[key] = rate_member(points, schemes.member)
        return found

    for member in registry.members:
        branch_id = registry.branch_of[member.id]
        if year in member.exempt:
            members.append(MemberResult(member, branch_id, year, "exempt", exempt_reason=member.exempt[year]))
        elif year in member.points:
            members.append(MemberResult(member, branch_id, year, "rated", rated(member.points[year])))
        elif member.id in ledgers:
            added = ledger_total((entry.points for entry in ledgers[member.id]), schemes.member.ledger)
            members.append(MemberResult(member, branch_id, year, "rated", rated(added.total), ledger=added))
        elif not joined_after(member, year):
            members.append(MemberResult(member, branch_id, year, "unrated"))
        # else: joined after the year, with nothing written for it: not yet a member then, on no board of it
    commitments = []
    for commitment in registry.commitments.get(year, ()):
        kind = maker_kind(registry, commitment.by)
        if kind == "member":
            branch_id = registry.branch_of[commitment.by]
        else:
            branch_id = commitment.by if kind == "organisation" else ""
        commitments.append(
            CommitmentResult(
                commitment=commitment,
                year=year,
                branch_id=branch_id,
                maker_kind=kind,
                overdue=is_overdue(commitment, as_of),
                fallen_due=has_fallen_due(commitment, as_of),
            )
        )
    return YearResults(year, as_of, branches, tuple(members), tuple(commitments))


def joined_after(member: Member, year: int) -> bool:
    """Whether ``member`` joined the Party after ``year`` (unknown ``joined``: not known to have)."""
    return member.joined is not None and member.joined.year > year


def is_listed(result: MemberResult, privacy: Privacy) -> bool:
    """Whether a member may be named on a public board, in the open data and the search index.

    Starred members are named. Members with no star, and exempt members, are
    only counted unless ``privacy`` says otherwise; members without points for
    the year are on no star board at all.
    """
    if result.status == "exempt":
        return privacy.list_exempt
    if result.rating is None:
        return False
    return result.rating.stars > 0 or privacy.list_unstarred


def count_commitments(states: Iterable[tuple[str, bool, bool]]) -> dict[str, int]:
    """Commitments per status (each of the four, even when none), overdue, and in total; and for the
    fulfilment rate: those fallen due (``due``), the fulfilled among them (``due_fulfilled``), and
    those not yet due (``not_due``). ``states`` are (status, overdue, fallen due) triples.

    The triples are counted first (in C: a county's boards count 166,000 of them, of 16 kinds at most),
    then each kind once."""
    counted = dict.fromkeys(STATUS_LABELS, 0)
    overdue = total = due = due_fulfilled = 0
    for (status, late, fallen_due), n in Counter(states).items():
        counted[status] += n
        total += n
        if late:
            overdue += n
        if fallen_due:
            due += n
            if status == "fulfilled":
                due_fulfilled += n
    return {
        **counted,
        "overdue": overdue,
        "total": total,
        "due": due,
        "due_fulfilled": due_fulfilled,
        "not_due": total - due,
    }


def commitment_state(result: CommitmentResult) -> tuple[str, bool, bool]:
    """What :func:`count_commitments` counts of one commitment."""
    return result.commitment.status, result.overdue, result.fallen_due


@frozen
class Summary:
    """The counts on the home page and in ``summary.json``."""

    year: int
    branch_stars: dict[str, int]
    branches_unrated: int
    member_stars: dict[str, int]
    members_exempt: int
    members_unrated: int
    commitments: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "branches": {
                "stars": self.branch_stars,
                "unrated": self.branches_unrated,
                "total": sum(self.branch_stars.values()) + self.branches_unrated,
            },
            "members": {
                "stars": self.member_stars,
                "exempt": self.members_exempt,
                "unrated": self.members_unrated,
                "total": sum(self.member_stars.values()) + self.members_exempt + self.members_unrated,
            },
            "commitments": self.commitments,
        }


def summarize(results: YearResults) -> Summary:
    """Count branches and members per star level and commitments per status (members in one pass: a
    county counts 40,000 of them a year)."""
    branch_stars = Counter(str(r.stars) for r in results.branches if r.stars is not None)
    member_stars = dict.fromkeys(STAR_KEYS, 0)
    statuses = dict.fromkeys(("rated", "exempt", "unrated"), 0)
    for result in results.members:
        statuses[result.status] += 1
        if result.rating is not None:
            member_stars[str(result.rating.stars)] += 1
    commitments = count_commitments(map(commitment_state, results.commitments))
    return Summary(
        year=results.year,
        branch_stars={key: branch_stars[key] for key in STAR_KEYS},
        branches_unrated=sum(r.rating is None for r in results.branches),
        member_stars=member_stars,
        members_exempt=statuses["exempt"],
        members_unrated=statuses["unrated"],
        commitments=commitments,
    )
