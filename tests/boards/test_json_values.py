"""Scores in the open data: a whole score is a JSON integer, any other an exact decimal number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from noticeboard.boards import json_values


@pytest.mark.parametrize(
    ("score", "published"),
    [
        ("90", 90),
        ("0", 0),
        ("-3", -3),
        ("90.0", 90.0),
        ("89.5", 89.5),
        ("59.95", 59.95),
        ("1E+1", 10.0),
        ("0.0001", 0.0001),
    ],
)
def test_a_score_is_published_as_written(score: str, published: float) -> None:
    value = json_values.number(Decimal(score))
    assert value == published
    assert type(value) is type(published)  # 90 stays 90, 90.0 stays 90.0: the board printed it so


def test_no_score_is_null() -> None:
    assert json_values.number(None) is None
