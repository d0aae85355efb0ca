"""The statistics board's bands at their edges: ages, education, and shares rounded half-up."""

from __future__ import annotations

import datetime as dt

import pytest

from noticeboard.boards.figures import share
from noticeboard.boards.statistics import age_band, education_band

AS_OF = dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (1991, "35岁以下"),
        (1990, "36–59岁"),
        (1967, "36–59岁"),
        (1966, "60岁以上"),
        (1930, "60岁以上"),
        (None, "未填写"),
    ],
)
def test_age_bands_at_their_edges(born: int | None, band: str) -> None:
    # Age = 2026 − birth year: 35 → 35岁以下, 36 → 36–59岁, 59 → 36–59岁, 60 → 60岁以上.
    assert age_band(born, AS_OF) == band


@pytest.mark.parametrize(
    ("education", "band"),
    [
        ("研究生", "大专以上"),
        ("大学本科", "大专以上"),
        ("大专", "大专以上"),
        ("中专", "高中/中专"),
        ("高中", "高中/中专"),
        ("职高", "高中/中专"),
        ("初中", "初中及以下"),
        ("小学", "初中及以下"),
        (None, "未填写"),
        ("扫盲班", "其他"),
    ],
)
def test_education_bands(education: str | None, band: str) -> None:
    assert education_band(education) == band


@pytest.mark.parametrize(
    ("count", "total", "percent"),
    [
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 16, "6.3"),
        (3, 16, "18.8"),
        (1, 8, "12.5"),
        (0, 5, "0.0"),
        (0, 0, "0.0"),
        (7, 7, "100.0"),
    ],
)
def test_shares_are_rounded_half_up_to_one_decimal(count: int, total: int, percent: str) -> None:
    # 1/16 = 6.25 → 6.3 (half-up); rounding the float 6.25 half-even would print 6.2.
    assert str(share(count, total)) == percent
