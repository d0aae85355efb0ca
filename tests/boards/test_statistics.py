"""The statistics board's bands at their edges: ages, education, and shares rounded half-up."""

from __future__ import annotations

import datetime as dt

import pytest

from noticeboard.boards.figures import share
from noticeboard.boards.statistics import age_band, build_stats, education_band
from noticeboard.boards.township import build_boards
from support.township import Township

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


def test_statistics_count_members_newly_admitted_in_the_year_and_floating_members(town: Township) -> None:
    """新发展党员 by ``joined`` in the site's year; 流动党员 by category (as township reports quote them)."""
    town.replace("data/members/qingshan-1.yml", "  joined: 2009-11-18\n", "  joined: 2025-07-01\n")
    town.replace(
        "data/members/qingshan-1.yml",
        "- id: m002\n  name: 唐德华\n  gender: 男\n  category: rural",
        "- id: m002\n  name: 唐德华\n  gender: 男\n  category: floating",
    )
    stats = build_stats(build_boards(town.load(), dt.date(2026, 1, 5)))
    assert (stats.joined, stats.floating) == (1, 1)
    assert stats.headline == "党员总数 4 名，其中 2025 年新发展党员 1 名，流动党员 1 名"
    assert stats.as_dict()["joined_in_year"] == 1 and stats.as_dict()["floating"] == 1


def test_a_member_admitted_after_the_year_is_in_no_figure_of_it(town: Township) -> None:
    """A member who joined in January, during the notice period, with nothing written for the year: the
    statistics count the members the star boards and ``summary.json`` count, in every figure."""
    town.set(
        "data/members/zhen-jiguan.yml",
        town.files["data/members/zhen-jiguan.yml"]
        + "- id: m102\n  name: 新党员\n  gender: 女\n  joined: 2026-01-02\n  category: floating\n"
        "  education: 本科\n  born: 2000\n",
    )
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    stats = build_stats(boards)
    summary = boards.current.summary.as_dict()["members"]
    assert stats.members == summary["total"] == 4
    assert stats.headline == "党员总数 4 名，其中 2025 年新发展党员 0 名，流动党员 0 名"
    for figure in stats.figures:
        if figure.key in ("category", "education", "age", "gender", "ethnicity", "members_stars"):
            assert figure.total == 4, figure.key


def test_the_total_row_compares_with_the_previous_years_column(town: Township) -> None:
    """合计 has last year's total and the change too (they were blank cells). 唐德华 joined in 2025 and has
    nothing for 2024, so 2024 counted three members, 2025 four."""
    town.replace(
        "data/members/qingshan-1.yml",
        "- id: m002\n  name: 唐德华\n  gender: 男\n",
        "- id: m002\n  name: 唐德华\n  gender: 男\n  joined: 2025-07-01\n",
    )
    stats = build_stats(build_boards(town.load(), dt.date(2026, 1, 5)))
    figures = {figure.key: figure for figure in stats.figures}
    members, branches = figures["members_stars"], figures["branches_stars"]
    assert (members.total, members.previous_total, members.total_change) == (4, 3, 1)
    assert (branches.total, branches.previous_total, branches.total_change) == (2, 2, 0)
    assert figures["age"].previous_total is None  # not compared: no such column
