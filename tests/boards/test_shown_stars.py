"""A row's stars: the level and its words, as boards and posters show them, for every level."""

from __future__ import annotations

from decimal import Decimal

import pytest

from noticeboard.boards.parts import shown_stars
from noticeboard.rules.ratings import rate_score

TIERS = (Decimal(90), Decimal(80), Decimal(60))


@pytest.mark.parametrize(
    ("score", "stars", "words"),
    [("90", 3, "三星"), ("89.9", 2, "二星"), ("80", 2, "二星"), ("60", 1, "一星"), ("59.9", 0, "无星")],
)
def test_a_row_shows_the_level_and_its_words(score: str, stars: int, words: str) -> None:
    shown = shown_stars(rate_score(Decimal(score), TIERS, 1))
    assert shown is not None
    assert (shown.stars, shown.words) == (stars, words)


def test_an_unrated_row_shows_no_stars() -> None:
    assert shown_stars(None) is None  # boards print 未评定
