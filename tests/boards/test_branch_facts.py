"""A branch page's facts section (分类定级 · 述职考核 · 活动场所) is headed by the facts the branch has.

A branch of a 党总支 uses the general branch's venue and has no venue line of its own; its heading named
活动场所 all the same, over two lines (seen on the demo's 青山村第一党支部)."""

from __future__ import annotations

import datetime as dt

from noticeboard.boards.township import BranchFacts, build_boards
from support.township import BRANCH_EXTRAS, BRANCHES, Township

AS_OF = dt.date(2026, 1, 5)
GRADED = BRANCHES.replace(
    "    2025:\n      points: 89.9\n      target: 90.0\n",
    "    2025:\n      points: 89.9\n      target: 90.0\n  grade:\n    2025: 好\n"
    "  duty_report:\n    2025: {daily: 90, onsite: 90, annual: 89.9, review: 89.95}\n",
)


def _facts(town: Township, branch: str) -> BranchFacts | None:
    page = build_boards(town.load(), AS_OF).current.pages[branch]
    found = [section.view for section in page.sections if isinstance(section.view, BranchFacts)]
    return found[0] if found else None


def test_heading_names_only_the_facts_a_branch_has(town: Township) -> None:
    town.set("data/branches.yml", GRADED + BRANCH_EXTRAS)
    town.set("data/members/huaxin.yml", "[]\n")
    without_venue = _facts(town, "qingshan-1")
    assert without_venue is not None
    assert [fact.label for fact in without_venue.facts] == ["分类定级", "书记述职考核"]
    assert without_venue.heading == "分类定级 · 述职考核"
    with_venue = _facts(town, "huaxin")
    assert with_venue is not None
    assert with_venue.heading == "分类定级 · 述职考核 · 活动场所"
    assert [fact.label for fact in with_venue.facts] == ["分类定级", "书记述职考核", "活动场所"]


def test_no_facts_no_section(town: Township) -> None:
    assert _facts(town, "zhen-jiguan") is None
