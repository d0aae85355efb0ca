"""One mistake, one message: a file that cannot be read leaves its ids unknown, and what names them is not
reported as well (a fuzzing of office mistakes found three to thirty-seven false messages around the one
that mattered)."""

from __future__ import annotations

from support.township import COMMITMENTS, SITE, Township

LEADER = "leaders:\n  - id: l-shuji\n    name: 王书记\n    post: 镇党委书记\n"
BY_LEADER = (
    "- id: c9\n  by: l-shuji\n  text: 包联青山村\n  made: 2025-02-01\n  due: 2025-12-01\n  status: planned\n"
)


def test_a_mistake_in_site_yml_does_not_make_its_leaders_commitments_wrong_too(town: Township) -> None:
    town.set("data/commitments/2025.yml", COMMITMENTS + BY_LEADER)
    town.set("data/site.yml", SITE + LEADER)
    town.load()  # (the leader and the commitment are right)
    town.set("data/site.yml", SITE.replace("days: 7", "days: 0") + LEADER)
    problems = town.problems()
    assert len(problems) == 1 and problems[0].startswith("data/site.yml:"), problems


def test_a_member_file_saved_with_another_ending_does_not_make_every_reference_to_its_members_wrong_too(
    town: Township,
) -> None:
    members = town.root / "data" / "members"
    (members / "qingshan-1.yml").rename(members / "qingshan-1.YML")
    problems = town.problems()
    assert len(problems) == 1 and problems[0].startswith("data/members/qingshan-1.YML:"), problems


def test_a_member_joining_next_year_is_valid_whatever_years_the_member_before_has_points_for(
    town: Township,
) -> None:
    """The check of joining days compares with the site's year, not a year of the previous member's points
    (a loop over points once reused its name)."""
    town.replace("data/members/qingshan-1.yml", "    2024: 77\n    2025: 91\n", "    2024: 77\n")
    town.replace(
        "data/members/qingshan-1.yml",
        "- id: m002\n",
        "- id: m004\n  name: 周新\n  gender: 男\n  joined: 2026-02-01\n  category: rural\n- id: m002\n",
    )
    town.load()
