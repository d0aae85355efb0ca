"""Properties of the rating rules over many random cases (hypothesis), against an independent reference."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.boards.kinds import load_township
from noticeboard.demo import dump
from noticeboard.registries.models import BranchScheme, MemberScheme
from noticeboard.rules.ratings import rate_branch, rate_member
from noticeboard.rules.results import rate_year

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
places = st.integers(min_value=0, max_value=3)


@st.composite
def tiers(draw: st.DrawFn) -> list[Decimal]:
    values = draw(st.lists(st.integers(min_value=1, max_value=100), min_size=3, max_size=3, unique=True))
    return [Decimal(v) for v in sorted(values, reverse=True)]


def reference(value: Fraction, tier: list[Decimal], digits: int) -> tuple[Fraction, int]:
    """Half-up rounding and inclusive tiers, written with exact fractions and nothing shared with the code."""
    scale = 10**digits
    rounded = Fraction(int(value * scale + Fraction(1, 2)), scale)  # floor(x + ½) for x ≥ 0
    stars = 3 if rounded >= tier[0] else 2 if rounded >= tier[1] else 1 if rounded >= tier[2] else 0
    return rounded, stars


@settings(max_examples=300)
@given(a=scores, b=scores, tier=tiers(), digits=places)
def test_stars_never_fall_when_the_score_rises(
    a: Decimal, b: Decimal, tier: list[Decimal], digits: int
) -> None:
    scheme = MemberScheme.model_validate({"tiers": tier, "round": digits})
    low, high = sorted((a, b))
    assert rate_member(low, scheme).stars <= rate_member(high, scheme).stars


@st.composite
def weights(draw: st.DrawFn) -> list[Fraction]:
    """Two to four weights in twentieths that sum to exactly 1 (as a scheme must)."""
    cuts = draw(st.lists(st.integers(min_value=1, max_value=19), min_size=1, max_size=3, unique=True))
    bounds = [0, *sorted(cuts), 20]
    return [Fraction(b - a, 20) for a, b in itertools.pairwise(bounds)]


@settings(max_examples=300)
@given(share=weights(), values=st.lists(scores, min_size=4, max_size=4), tier=tiers(), digits=places)
def test_weighted_score_matches_an_exact_reference(
    share: list[Fraction], values: list[Decimal], tier: list[Decimal], digits: int
) -> None:
    keys = [f"c{i}" for i in range(len(share))]
    components = {
        key: Decimal(w.numerator) / Decimal(w.denominator) for key, w in zip(keys, share, strict=True)
    }
    scheme = BranchScheme.model_validate({"components": components, "tiers": tier, "round": digits})
    rating = rate_branch(dict(zip(keys, values, strict=False)), scheme)
    exact = sum((Fraction(v) * w for v, w in zip(values, share, strict=False)), Fraction(0))
    rounded, stars = reference(exact, tier, digits)
    assert Fraction(rating.unrounded) == exact
    assert Fraction(rating.score) == rounded
    assert rating.stars == stars


SITE = {
    "organisation": "测试镇党委",
    "office": "测试镇党委组织办",
    "year": 2025,
    "as_of": dt.date(2026, 1, 5),
    "notice": {"start": dt.date(2026, 1, 5)},
}


@settings(max_examples=40, deadline=None)
@given(
    branch_scores=st.lists(st.tuples(scores, scores), min_size=1, max_size=4),
    member_points=st.lists(scores, min_size=1, max_size=8),
)
def test_a_registry_written_out_and_read_back_rates_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    branch_scores: list[tuple[Decimal, Decimal]],
    member_points: list[Decimal],
) -> None:
    data: Path = tmp_path_factory.mktemp("roundtrip") / "data"
    branches = [
        {
            "id": f"b{i}",
            "name": f"第{i}党支部",
            "kind": "village",
            "assessments": {2025: {"points": p, "target": t}},
        }
        for i, (p, t) in enumerate(branch_scores)
    ]
    members = [
        {"id": f"m{i}", "name": f"党员{i}", "gender": "男", "points": {2025: v}}
        for i, v in enumerate(member_points)
    ]
    (data / "members").mkdir(parents=True)
    (data / "site.yml").write_text(dump(SITE), encoding="utf-8")
    (data / "branches.yml").write_text(dump(branches), encoding="utf-8")
    (data / "members" / "b0.yml").write_text(dump(members), encoding="utf-8")
    results = rate_year(load_township(data, root=data.parent), 2025, dt.date(2026, 1, 5))
    expected_branches = [rate_branch({"points": p, "target": t}, BranchScheme()) for p, t in branch_scores]
    assert [r.rating for r in results.branches] == expected_branches
    assert [r.rating for r in results.members] == [rate_member(v, MemberScheme()) for v in member_points]
