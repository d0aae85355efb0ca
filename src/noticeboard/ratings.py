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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import BranchScheme, LedgerScheme, MemberScheme
from .models.scheme import COMPONENT_LABELS

STAR_WORDS: dict[int, str] = {3: "三星", 2: "二星", 1: "一星", 0: "无星"}


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


@dataclass(frozen=True)
class Part:
    """One weighted component of a score (e.g. 积分制管理考核 × 0.5)."""

    key: str
    label: str
    value: Decimal
    weight: Decimal

    @property
    def weighted(self) -> Decimal:
        return self.value * self.weight


@dataclass(frozen=True)
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

    @property
    def words(self) -> str:
        """The star level in words (三星 … 无星), for readers and screen readers."""
        return STAR_WORDS[self.stars]


def rate_score(
    unrounded: Decimal, tiers: Sequence[Decimal], places: int, parts: tuple[Part, ...] = ()
) -> Rating:
    """Round ``unrounded`` half-up to ``places`` decimals, then give stars by ``tiers``.

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
    )


def rate_branch(assessment: Mapping[str, Decimal], scheme: BranchScheme) -> Rating:
    """Rate one branch for one year (支部评星).

    The assessment is either ``{score: N}`` (the total as decided) or one value
    per scheme component; then the score is the sum of value × weight, exactly
    (default: 积分制管理考核 × 0.5 + 年终目标考核 × 0.5). The sum is rounded
    half-up to ``scheme.round`` decimals and compared with ``scheme.tiers``.
    """
    if "score" in assessment:
        return rate_score(assessment["score"], scheme.tiers, scheme.round)
    parts = tuple(
        Part(key=key, label=COMPONENT_LABELS.get(key, key), value=assessment[key], weight=weight)
        for key, weight in scheme.components.items()
    )
    unrounded = sum((part.weighted for part in parts), Decimal(0))
    return rate_score(unrounded, scheme.tiers, scheme.round, parts)


@dataclass(frozen=True)
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


def describe_tiers(tiers: Sequence[Decimal], places: int) -> str:
    """The rule in words, e.g. ``90 分及以上三星；80–89.9 分二星；60–79.9 分一星；60 分以下无星``."""
    step = Decimal(1).scaleb(-places)
    low3, low2, low1 = (round_half_up(tier, places) for tier in tiers)
    return (
        f"{_plain(low3)} 分及以上三星；{_plain(low2)}–{_plain(low3 - step)} 分二星；"
        f"{_plain(low1)}–{_plain(low2 - step)} 分一星；{_plain(low1)} 分以下无星"
    )


def _plain(value: Decimal) -> str:
    """A tier as people write it: 90 rather than 90.0, but 89.9 kept."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
