"""The published star-rating rules (支部评星, 党员评星) as pure functions.

Source: 渔洋镇《党组织整建月活动的通知》 — 考评得分 90 分以上（包括 90 分）授予三星，
80–89 分二星，60–79 分一星，60 分以下无星；每年评定一次。Tiers and rounding come
from ``schemes.yml`` and default to exactly that rule.

All arithmetic is :class:`~decimal.Decimal` on the values as written in the
YAML files; rounding is half-up (89.95 → 90.0). Python's ``round`` (banker's
rounding on binary floats) would publish wrong stars at the boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from msgspec import field

from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import (
    BranchScheme,
    DutyReportScheme,
    LedgerScheme,
    MemberScheme,
    VenueScheme,
)
from noticeboard.registries.models.scheme import COMPONENT_LABELS, WeightedScheme

STAR_WORDS: dict[int, str] = {3: "三星", 2: "二星", 1: "一星", 0: "无星"}
DUTY_GRADES: dict[int, str] = {3: "优秀", 2: "称职", 1: "基本称职", 0: "不称职"}
"""述职考核 grades by level: the same four levels as stars, in the words of the 述职考核办法."""
VENUE_STARS: dict[int, int] = {3: 5, 2: 4, 1: 3, 0: 0}
"""Venue stars by level: the three tiers of a venue checklist are 五星, 四星 and 三星."""
VENUE_WORDS: dict[int, str] = {5: "五星级", 4: "四星级", 3: "三星级", 0: "未达星级"}


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero.

    >>> round_half_up(Decimal("89.95"), 1)
    Decimal('90.0')
    >>> round_half_up(Decimal("59.94"), 1)
    Decimal('59.9')
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def stars_for(score: Decimal, tiers: Sequence[Decimal]) -> int:
    """Stars for an already rounded ``score``: tiers are the inclusive minimums for 3, 2, 1 stars.

    With the default tiers (90, 80, 60): 90 and above → 3, 80 up to below 90 → 2,
    60 up to below 80 → 1, below 60 → 0. A score equal to a tier gets that tier.
    """
    for stars, minimum in zip((3, 2, 1), tiers, strict=True):
        if score >= minimum:
            return stars
    return 0


@frozen
class Part:
    """One weighted component of a score (e.g. 积分制管理考核 × 0.5)."""

    key: str
    label: str
    value: Decimal
    weight: Decimal

    @property
    def weighted(self) -> Decimal:
        return self.value * self.weight


@frozen
class Rating:
    """A rating with everything needed to explain it on a board."""

    score: Decimal
    """The published score: ``unrounded`` rounded half-up to ``places`` decimals."""
    unrounded: Decimal
    stars: int
    tiers: tuple[Decimal, Decimal, Decimal]
    places: int
    parts: tuple[Part, ...] = ()
    """The weighted components; empty when the score was given as a total."""
    names: Mapping[int, str] = field(default_factory=lambda: STAR_WORDS)
    """What each level is called: 三星 … 无星 for stars, 优秀 … 不称职 for duty reports."""

    @property
    def words(self) -> str:
        """The level in words (三星 … 无星, 优秀 … 不称职), for readers and screen readers."""
        return self.names[self.stars]

    @property
    def worked(self) -> tuple[tuple[Part, str], ...]:
        """Each part with its weighted value as the board prints it in the column above the total
        (:attr:`unrounded_text`): all at one number of decimals, the most any of them has.

        Why: 87 × 0.5 is 43.5 and 82.8 × 0.5 is 41.40, exactly; printed as they come, one column read 43.5
        above 41.40 and 84.90. Only zeros are added, so every figure is still the exact product."""
        places = self._column_places()
        return tuple((part, _fixed(part.weighted, places)) for part in self.parts)

    @property
    def unrounded_text(self) -> str:
        """The exact total before rounding, at the decimals of the column it closes (:attr:`worked`)."""
        return _fixed(self.unrounded, self._column_places())

    def _column_places(self) -> int:
        return max(_places(value) for value in (self.unrounded, *(part.weighted for part in self.parts)))


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _fixed(value: Decimal, places: int) -> str:
    """``value`` with exactly ``places`` decimals, never fewer than it has (so never rounded)."""
    return format(value, f".{max(places, _places(value))}f")


def rate_score(
    unrounded: Decimal,
    tiers: Sequence[Decimal],
    places: int,
    parts: tuple[Part, ...] = (),
    names: Mapping[int, str] = STAR_WORDS,
) -> Rating:
    """Round ``unrounded`` half-up to ``places`` decimals, then give the level by ``tiers``.

    The rounded value is the published score and the one compared with the tiers.
    """
    score = round_half_up(unrounded, places)
    low3, low2, low1 = tiers
    return Rating(
        score=score,
        unrounded=unrounded,
        stars=stars_for(score, tiers),
        tiers=(low3, low2, low1),
        places=places,
        parts=parts,
        names=names,
    )


def rate_weighted(
    assessment: Mapping[str, Decimal], scheme: WeightedScheme, names: Mapping[int, str] = STAR_WORDS
) -> Rating:
    """Rate a weighted assessment: the one mechanism behind 支部评星 and 述职考核.

    The assessment is either ``{score: N}`` (the total as decided) or one value
    per scheme component; then the score is the sum of value × weight, exactly.
    The sum is rounded half-up to ``scheme.round`` decimals and compared with
    ``scheme.tiers`` (inclusive minimums of the top three levels).
    """
    if "score" in assessment:
        return rate_score(assessment["score"], scheme.tiers, scheme.round, names=names)
    parts = tuple(
        Part(key=key, label=COMPONENT_LABELS.get(key, key), value=assessment[key], weight=weight)
        for key, weight in scheme.components.items()
    )
    unrounded = sum((part.weighted for part in parts), Decimal(0))
    return rate_score(unrounded, scheme.tiers, scheme.round, parts, names)


def rate_branch(assessment: Mapping[str, Decimal], scheme: BranchScheme) -> Rating:
    """Rate one branch for one year (支部评星).

    Default: 积分制管理考核 × 0.5 + 年终目标考核 × 0.5, rounded half-up to one
    decimal; 90 and above 三星, 80 up to below 90 二星, 60 up to below 80 一星,
    below 60 无星.
    """
    return rate_weighted(assessment, scheme)


def rate_duty_report(scores: Mapping[str, Decimal], scheme: DutyReportScheme) -> Rating:
    """Grade a secretary's duty report for one year (述职考核).

    Default: 日常记实 × 0.2 + 现场观摩 × 0.2 + 年度综合 × 0.4 + 述职评议 × 0.2
    (20:20:40:20), rounded half-up to one decimal; 90 and above 优秀, 75 up to
    below 90 称职, 60 up to below 75 基本称职, below 60 不称职.
    """
    return rate_weighted(scores, scheme, DUTY_GRADES)


@frozen
class VenueRating:
    """A venue's stars for a year and how they were reached."""

    stars: int
    """5, 4, 3, or 0 for 未达星级."""
    awarded: bool
    """True when the township wrote the stars; False when they follow from the checklist."""
    passed: int
    checked: int
    derived: int | None
    """The stars the checklist alone gives (None when no checks were written)."""

    @property
    def words(self) -> str:
        return VENUE_WORDS[self.stars]


def rate_venue(stars: int | None, checks: Mapping[str, bool], scheme: VenueScheme) -> VenueRating:
    """A village activity venue's stars (活动场所星级) for one year.

    Stars the township awarded (3–5) are published as written. Otherwise they
    follow from the number of checklist items that pass, against ``scheme.tiers``
    (inclusive minimums for 五星, 四星, 三星; default 13, 11, 9 of the 13 items of
    八有 and 五化); fewer passes than the lowest tier is 未达星级.
    """
    passed = sum(1 for item in scheme.items if checks.get(item) is True)
    derived = None
    if checks:
        level = stars_for(Decimal(passed), [Decimal(tier) for tier in scheme.tiers])
        derived = VENUE_STARS[level]
    if stars is not None:
        return VenueRating(stars, True, passed, len(checks), derived)
    assert derived is not None  # a venue record has stars or checks (validated)
    return VenueRating(derived, False, passed, len(checks), derived)


@frozen
class LedgerTotal:
    """How a ledger adds up: base + entries, clamped to the scheme's bounds."""

    base: Decimal
    entries: Decimal
    """Sum of the ledger entries (deductions are negative)."""
    total: Decimal
    """``base + entries`` limited to ``[min, max]``."""

    @property
    def clamped(self) -> bool:
        return self.total != self.base + self.entries


def ledger_total(entries: Iterable[Decimal], scheme: LedgerScheme) -> LedgerTotal:
    """A member's annual points from a ledger (积分台账): base + Σ entries, within [min, max]."""
    added = sum(entries, Decimal(0))
    raw = scheme.base + added
    return LedgerTotal(base=scheme.base, entries=added, total=min(max(raw, scheme.min), scheme.max))


def rate_member(total: Decimal, scheme: MemberScheme) -> Rating:
    """Rate one member for one year (党员评星) from the annual total points.

    Same thresholds as branches by default: ≥90 三星, 80–89 二星, 60–79 一星,
    below 60 无星 (the branch may then deem the member 不合格). The total is
    rounded half-up to ``scheme.round`` decimals before comparing.
    """
    return rate_score(total, scheme.tiers, scheme.round)


def describe_tiers(tiers: Sequence[Decimal], places: int, names: Mapping[int, str] = STAR_WORDS) -> str:
    """The rule in words, e.g. ``90 分及以上三星；80–89.9 分二星；60–79.9 分一星；60 分以下无星``."""
    step = Decimal(1).scaleb(-places)
    low3, low2, low1 = (round_half_up(tier, places) for tier in tiers)
    return (
        f"{_plain(low3)} 分及以上{names[3]}；{_plain(low2)}–{_plain(low3 - step)} 分{names[2]}；"
        f"{_plain(low1)}–{_plain(low2 - step)} 分{names[1]}；{_plain(low1)} 分以下{names[0]}"
    )


def describe_venue_tiers(scheme: VenueScheme) -> str:
    """The venue rule in words, e.g. ``13 项全部达标五星级；达标 11–12 项四星级；9–10 项三星级；不足 9 项未达星级``."""
    high, middle, low = scheme.tiers
    count = len(scheme.items)
    top = f"{count} 项全部达标" if high == count else f"达标 {high} 项及以上"
    return (
        f"共 {count} 项：{top}为五星级；达标 {_span(middle, high - 1)} 项为四星级；"
        f"达标 {_span(low, middle - 1)} 项为三星级；不足 {low} 项未达星级"
    )


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _plain(value: Decimal) -> str:
    """A tier as people write it: 90 rather than 90.0, but 89.9 kept."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
