"""The rules of the other boards at their boundaries: duty-report grades, venue stars."""

from __future__ import annotations

from decimal import Decimal

import pytest

from noticeboard.registries.models import DutyReportScheme, VenueScheme
from noticeboard.rules.ratings import describe_venue_tiers, rate_duty_report, rate_venue

D = Decimal
DEFAULT_DUTY = DutyReportScheme()
DEFAULT_VENUE = VenueScheme()
ITEMS = DEFAULT_VENUE.items


def duty(value: str) -> dict[str, Decimal]:
    """The same score in all four parts: the weighted total is that score (weights sum to 1)."""
    return {key: D(value) for key in ("daily", "onsite", "annual", "review")}


@pytest.mark.parametrize(
    ("score", "published", "grade"),
    [
        ("100", "100.0", "优秀"),
        ("90", "90.0", "优秀"),
        ("89.95", "90.0", "优秀"),  # half-up to one decimal, then graded
        ("89.94", "89.9", "称职"),
        ("75", "75.0", "称职"),
        ("74.95", "75.0", "称职"),
        ("74.94", "74.9", "基本称职"),
        ("60", "60.0", "基本称职"),
        ("59.95", "60.0", "基本称职"),
        ("59.94", "59.9", "不称职"),
        ("0", "0.0", "不称职"),
    ],
)
def test_duty_report_grades_at_the_thresholds(score: str, published: str, grade: str) -> None:
    rating = rate_duty_report(duty(score), DEFAULT_DUTY)
    assert (str(rating.score), rating.words) == (published, grade)


def test_duty_report_weighs_20_20_40_20_exactly() -> None:
    # 90 × 0.2 + 90 × 0.2 + 89.9 × 0.4 + 89.95 × 0.2 = 89.95 exactly; binary floats give 89.94999….
    rating = rate_duty_report(
        {"daily": D(90), "onsite": D(90), "annual": D("89.9"), "review": D("89.95")}, DEFAULT_DUTY
    )
    assert rating.unrounded == D("89.95")
    assert (str(rating.score), rating.words) == ("90.0", "优秀")
    assert [(part.label, part.weight) for part in rating.parts] == [
        ("日常记实考核", D("0.2")),
        ("现场观摩考核", D("0.2")),
        ("年度综合考核", D("0.4")),
        ("述职评议考核", D("0.2")),
    ]
    # The annual assessment counts twice as much as each of the others.
    low_annual = rate_duty_report(
        {"daily": D(100), "onsite": D(100), "annual": D(50), "review": D(100)}, DEFAULT_DUTY
    )
    low_daily = rate_duty_report(
        {"daily": D(50), "onsite": D(100), "annual": D(100), "review": D(100)}, DEFAULT_DUTY
    )
    assert (low_annual.score, low_daily.score) == (D("80.0"), D("90.0"))


def test_duty_report_thresholds_come_from_the_scheme() -> None:
    scheme = DutyReportScheme.model_validate({"tiers": [85, 70, 55], "round": 0})
    assert rate_duty_report(duty("84.5"), scheme).words == "优秀"  # 84.5 → 85
    assert rate_duty_report(duty("84.49"), scheme).words == "称职"
    assert rate_duty_report(duty("54.5"), scheme).words == "基本称职"
    assert rate_duty_report(duty("54.4"), scheme).words == "不称职"


def checks(passing: int) -> dict[str, bool]:
    return {item: index < passing for index, item in enumerate(ITEMS)}


@pytest.mark.parametrize(
    ("passing", "stars", "words"),
    [
        (13, 5, "五星级"),
        (12, 4, "四星级"),
        (11, 4, "四星级"),
        (10, 3, "三星级"),
        (9, 3, "三星级"),
        (8, 0, "未达星级"),
        (0, 0, "未达星级"),
    ],
)
def test_venue_stars_follow_the_checklist(passing: int, stars: int, words: str) -> None:
    rating = rate_venue(None, checks(passing), DEFAULT_VENUE)
    assert (rating.stars, rating.words, rating.passed, rating.awarded) == (stars, words, passing, False)


def test_awarded_venue_stars_are_published_as_written() -> None:
    rating = rate_venue(4, checks(13), DEFAULT_VENUE)
    assert (rating.stars, rating.awarded, rating.derived) == (4, True, 5)
    assert rate_venue(3, {}, DEFAULT_VENUE).derived is None


def test_venue_thresholds_and_items_come_from_the_scheme() -> None:
    scheme = VenueScheme.model_validate(
        {
            "checklist": {"六有": ["有场所", "有牌子", "有党旗", "有制度", "有设施", "有资料"]},
            "tiers": [6, 5, 4],
        }
    )
    assert (
        rate_venue(
            None,
            {"有场所": True, "有牌子": True, "有党旗": True, "有制度": True, "有设施": False, "有资料": True},
            scheme,
        ).stars
        == 4
    )
    assert (
        describe_venue_tiers(scheme)
        == "共 6 项：6 项全部达标为五星级；达标 5 项为四星级；达标 4 项为三星级；不足 4 项未达星级"
    )
    assert describe_venue_tiers(DEFAULT_VENUE) == (
        "共 13 项：13 项全部达标为五星级；达标 11–12 项为四星级；达标 9–10 项为三星级；不足 9 项未达星级"
    )
