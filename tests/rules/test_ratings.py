"""The published rules at every boundary (渔洋镇评星方案: ≥90 三星, 80–89 二星, 60–79 一星, <60 无星)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from noticeboard.registries.models import BranchScheme, LedgerScheme, MemberScheme
from noticeboard.rules.ratings import (
    describe_tiers,
    ledger_total,
    rate_branch,
    rate_member,
    stars_for,
)

DEFAULT_TIERS = (D(90), D(80), D(60))


@pytest.mark.parametrize(
    ("total", "score", "stars"),
    [
        ("0", "0.0", 0),
        ("59.94", "59.9", 0),
        ("59.95", "60.0", 1),
        ("60", "60.0", 1),
        ("79.94", "79.9", 1),
        ("79.95", "80.0", 2),
        ("80", "80.0", 2),
        ("89.9", "89.9", 2),
        ("89.94", "89.9", 2),
        ("89.95", "90.0", 3),
        ("90", "90.0", 3),
        ("100", "100.0", 3),
    ],
)
def test_member_stars_at_the_boundaries(total: str, score: str, stars: int) -> None:
    rating = rate_member(D(total), MemberScheme())
    assert (rating.score, rating.stars) == (D(score), stars)
    assert rating.unrounded == D(total)


@pytest.mark.parametrize(
    ("points", "target", "column", "total"),
    [
        ("87", "82.8", ("43.50", "41.40"), "84.90"),  # printed as they came: 43.5 above 41.40 and 84.90
        ("87", "83", ("43.5", "41.5"), "85.0"),
        ("100", "100", ("50.0", "50.0"), "100.0"),
        ("89.95", "90", ("44.975", "45.000"), "89.975"),
    ],
)
def test_the_working_of_a_branch_score_is_printed_at_one_number_of_decimals_and_exact(
    points: str, target: str, column: tuple[str, str], total: str
) -> None:
    rating = rate_branch({"points": D(points), "target": D(target)}, BranchScheme())
    assert tuple(text for _, text in rating.worked) == column
    assert rating.unrounded_text == total
    assert [D(text) for _, text in rating.worked] == [
        part.weighted for part in rating.parts
    ]  # only zeros added
    assert D(rating.unrounded_text) == rating.unrounded


@pytest.mark.parametrize(
    ("points", "target", "unrounded", "score", "stars"),
    [
        ("89.9", "90.0", "89.95", "90.0", 3),  # half-up: 89.95 → 90.0
        ("89.9", "89.9", "89.9", "89.9", 2),
        ("79.9", "80.0", "79.95", "80.0", 2),
        ("59.9", "60.0", "59.95", "60.0", 1),
        ("59.9", "59.97", "59.935", "59.9", 0),
        ("100", "100", "100", "100.0", 3),
    ],
)
def test_branch_weighs_two_components_exactly(
    points: str, target: str, unrounded: str, score: str, stars: int
) -> None:
    rating = rate_branch({"points": D(points), "target": D(target)}, BranchScheme())
    assert rating.unrounded == D(unrounded)
    assert (rating.score, rating.stars) == (D(score), stars)
    assert [(p.key, p.label, p.weight) for p in rating.parts] == [
        ("points", "积分制管理考核", D("0.5")),
        ("target", "年终目标考核", D("0.5")),
    ]


def test_exact_decimals_where_floats_would_lose_a_star() -> None:
    # As binary floats, 50.3 × 0.5 + 69.6 × 0.5 is 59.949999999999996, which rounds to 59.9: no star.
    assert round(50.3 * 0.5 + 69.6 * 0.5, 1) == 59.9
    rating = rate_branch({"points": D("50.3"), "target": D("69.6")}, BranchScheme())
    assert (rating.unrounded, rating.score, rating.stars) == (D("59.95"), D("60.0"), 1)


def test_a_total_score_skips_the_weighting() -> None:
    rating = rate_branch({"score": D("79.95")}, BranchScheme())
    assert (rating.score, rating.stars, rating.parts) == (D("80.0"), 2, ())


def test_custom_scheme_weights_tiers_and_rounding() -> None:
    scheme = BranchScheme.model_validate(
        {"components": {"points": D("0.4"), "target": D("0.6")}, "tiers": [95, 85, 70], "round": 0}
    )
    rating = rate_branch({"points": D("90"), "target": D("99")}, scheme)
    assert rating.unrounded == D("95.4")
    assert (rating.score, rating.stars) == (D("95"), 3)
    assert rate_branch({"points": D("84"), "target": D("85")}, scheme).stars == 2  # 84.6 → 85


@pytest.mark.parametrize(
    ("score", "stars"),
    [(D("90"), 3), (D("89.99"), 2), (D("80"), 2), (D("79.99"), 1), (D("60"), 1), (D("59.99"), 0)],
)
def test_tiers_are_inclusive_minimums(score: D, stars: int) -> None:
    assert stars_for(score, DEFAULT_TIERS) == stars


@pytest.mark.parametrize(
    ("entries", "total", "clamped"),
    [
        ([], "60", False),
        (["10", "5.5", "-3"], "72.5", False),
        (["30", "15"], "100", True),  # 105 clamped to the maximum
        (["-50", "-20"], "0", True),  # -10 clamped to the minimum
        (["40"], "100", False),  # exactly the maximum
    ],
)
def test_ledger_total_is_base_plus_entries_clamped(entries: list[str], total: str, clamped: bool) -> None:
    result = ledger_total([D(e) for e in entries], LedgerScheme())
    assert (result.total, result.clamped) == (D(total), clamped)
    assert result.base == D(60)


def test_the_rule_is_described_in_words() -> None:
    assert (
        describe_tiers(DEFAULT_TIERS, 1) == "90 分及以上三星；80–89.9 分二星；60–79.9 分一星；60 分以下无星"
    )
    assert describe_tiers(DEFAULT_TIERS, 0) == "90 分及以上三星；80–89 分二星；60–79 分一星；60 分以下无星"
