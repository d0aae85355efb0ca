"""The demo's ratings agree with the published rules, recomputed independently; privacy and overdue."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from noticeboard.boards.kinds import load_township
from noticeboard.registries import Registry
from noticeboard.registries.models import STATUS_LABELS, Privacy
from noticeboard.rules.results import count_commitments, is_listed, rate_year, summarize
from support import ROOT
from support.township import Township


@pytest.fixture(scope="module")
def demo() -> Registry:
    return load_township(ROOT / "data", root=ROOT)


def reference_stars(score: Decimal) -> int:
    """The seed rule, written out plainly: round to 0.1 half-up, ≥90 ★★★, ≥80 ★★, ≥60 ★."""
    rounded = score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return 3 if rounded >= 90 else 2 if rounded >= 80 else 1 if rounded >= 60 else 0


@pytest.mark.parametrize("year", [2024, 2025])
def test_demo_branch_stars_follow_the_rule(demo: Registry, year: int) -> None:
    results = rate_year(demo, year, dt.date(2026, 1, 5))
    for result in results.branches:
        assessment = result.branch.assessments.get(year)
        if assessment is None:
            assert result.rating is None
            continue
        score = assessment.get("score", (assessment.get("points", 0) + assessment.get("target", 0)) / 2)
        assert result.rating is not None and result.rating.stars == reference_stars(Decimal(score)), (
            result.branch.id
        )


@pytest.mark.parametrize("year", [2024, 2025])
def test_demo_member_stars_follow_the_rule(demo: Registry, year: int) -> None:
    results = rate_year(demo, year, dt.date(2026, 1, 5))
    for result in results.members:
        member = result.member
        if year in member.exempt:
            assert result.status == "exempt" and result.rating is None
        elif year in member.points:
            assert result.rating is not None and result.rating.stars == reference_stars(member.points[year])
        elif member.id in demo.ledgers.get(year, {}):
            total = 60 + sum(entry.points for entry in demo.ledgers[year][member.id])
            assert result.rating is not None
            assert result.rating.stars == reference_stars(min(max(total, Decimal(0)), Decimal(100)))
        else:
            assert result.status == "unrated"


def test_the_boundary_branch_in_the_demo_is_three_stars(demo: Registry) -> None:
    result = next(
        r for r in rate_year(demo, 2025, dt.date(2026, 1, 5)).branches if r.branch.id == "qingshan-1"
    )
    assert result.rating is not None
    assert (result.rating.unrounded, result.rating.score, result.rating.words) == (
        Decimal("89.95"),
        Decimal("90.0"),
        "三星",
    )


def test_the_branch_founded_this_year_is_unrated_last_year(demo: Registry) -> None:
    result = next(
        r for r in rate_year(demo, 2024, dt.date(2026, 1, 5)).branches if r.branch.id == "tongda-meikuang"
    )
    assert result.rating is None


def test_summary_counts_the_small_township(town: Township) -> None:
    registry = town.load()
    summary = summarize(rate_year(registry, 2025, dt.date(2026, 1, 5))).as_dict()
    assert summary == {
        "year": 2025,
        "branches": {"stars": {"3": 1, "2": 1, "1": 0, "0": 0}, "unrated": 0, "total": 2},
        "members": {"stars": {"3": 2, "2": 0, "1": 0, "0": 1}, "exempt": 1, "unrated": 0, "total": 4},
        "commitments": {
            "planned": 0,
            "in_progress": 1,
            "fulfilled": 1,
            "unfulfilled": 0,
            "overdue": 1,
            "total": 2,
            # c1 due 2025-12-01 and c2 due 2025-11-30 have both fallen due by 2026-01-05; c2 was kept.
            "due": 2,
            "due_fulfilled": 1,
            "not_due": 0,
        },
    }


def test_ledger_member_total_is_clamped(town: Township) -> None:
    result = next(
        r for r in rate_year(town.load(), 2025, dt.date(2026, 1, 5)).members if r.member.id == "m101"
    )
    assert result.ledger is not None and result.ledger.clamped
    assert result.rating is not None and (result.rating.score, result.rating.stars) == (Decimal("100.0"), 3)


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [(dt.date(2025, 12, 1), False), (dt.date(2025, 12, 2), True)],
)
def test_overdue_is_due_before_as_of_and_not_finished(town: Township, as_of: dt.date, overdue: bool) -> None:
    results = rate_year(town.load(), 2025, as_of)
    assert [r.overdue for r in results.commitments] == [overdue, False]


def test_unstarred_and_exempt_members_are_not_named_by_default(town: Township) -> None:
    results = {r.member.id: r for r in rate_year(town.load(), 2025, dt.date(2026, 1, 5)).members}
    default = Privacy()
    assert [mid for mid, r in results.items() if is_listed(r, default)] == ["m001", "m101"]
    everyone = Privacy(list_unstarred=True, list_exempt=True)
    assert [mid for mid, r in results.items() if is_listed(r, everyone)] == ["m001", "m002", "m003", "m101"]


def test_members_with_equal_totals_written_differently_keep_their_own_score(town: Township) -> None:
    """Ratings are shared between equal totals only when written alike: 78.0 is published as 78.0."""
    town.replace("data/members/qingshan-1.yml", "    2025: 91", "    2025: 78.0")
    town.replace("data/members/qingshan-1.yml", "    2025: 59.94", "    2025: 78")
    results = rate_year(town.load(), 2025, dt.date(2026, 1, 5))
    written = {result.member.id: str(result.rating.unrounded) for result in results.members if result.rating}
    assert written["m001"] == "78.0" and written["m002"] == "78"


def _joining(town: Township, member: str, joined: str) -> Registry:
    """``town`` with ``joined`` written for the member named ``member``, who has none."""
    town.replace(
        "data/members/qingshan-1.yml", f"  name: {member}\n", f"  name: {member}\n  joined: {joined}\n"
    )
    return town.load()


def test_a_member_who_joined_after_a_year_is_not_counted_in_it(town: Township) -> None:
    as_of = dt.date(2026, 1, 5)
    before = {year: rate_year(town.load(), year, as_of) for year in (2024, 2025)}
    registry = _joining(town, "唐德华", "2025-06-01")  # m002: points for 2025 only
    after = {year: rate_year(registry, year, as_of) for year in (2024, 2025)}
    assert [r.member.id for r in before[2024].members if r.status == "unrated"] == ["m002", "m003", "m101"]
    # 2024: not yet a member, so on no board of it and in none of its counts; 谭德华 (joining not
    # written) and 周丽娟 (joined long before) are still 未评定.
    assert [r.member.id for r in after[2024].members if r.status == "unrated"] == ["m003", "m101"]
    earlier = summarize(after[2024]).as_dict()["members"]
    assert (earlier["unrated"], earlier["total"]) == (2, 3)
    assert summarize(after[2025]) == summarize(before[2025])  # the year of joining: rated as written


def test_a_member_with_points_before_joining_is_still_rated_as_written(town: Township) -> None:
    # A joining date later than a year's points is a mistake in one of them; the points are not dropped.
    town.replace("data/members/qingshan-1.yml", "joined: 2009-11-18", "joined: 2025-03-01")  # m001: 2024: 77
    registry = town.load()
    result = next(r for r in rate_year(registry, 2024, dt.date(2026, 1, 5)).members if r.member.id == "m001")
    assert result.status == "rated" and result.rating is not None and result.rating.score == Decimal("77.0")


def test_joining_in_the_last_days_of_the_year_counts_for_that_year(town: Township) -> None:
    registry = _joining(town, "唐德华", "2024-12-31")
    unrated = [
        r.member.id for r in rate_year(registry, 2024, dt.date(2026, 1, 5)).members if r.status == "unrated"
    ]
    assert "m002" in unrated


STATES = st.tuples(st.sampled_from(sorted(STATUS_LABELS)), st.booleans(), st.booleans())


@given(st.lists(STATES, max_size=40))
def test_commitments_are_counted_one_by_one(states: list[tuple[str, bool, bool]]) -> None:
    """Whatever mix of states a group has, each count is the number of its commitments that fit it."""
    counts = count_commitments(iter(states))  # (an iterator, as the boards pass it: read once)
    assert list(counts) == [*STATUS_LABELS, "overdue", "total", "due", "due_fulfilled", "not_due"]
    for status in STATUS_LABELS:
        assert counts[status] == sum(s == status for s, _, _ in states)
    assert counts["overdue"] == sum(late for _, late, _ in states)
    assert counts["total"] == len(states)
    assert counts["due"] == sum(due for _, _, due in states)
    assert counts["due_fulfilled"] == sum(due and s == "fulfilled" for s, _, due in states)
    assert counts["not_due"] == counts["total"] - counts["due"]
