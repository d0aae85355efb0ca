"""The branch page, poster and screen state and apply the *branch* rule to the branch, the member rule to members.

A township may set different tiers for branches and members in ``schemes.yml``; before the
board kinds were declared, the branch page printed the member rule under 支部评星得分.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from noticeboard.boards.kinds.branch_stars import BranchStars
from noticeboard.boards.kinds.member_stars import MemberBoard
from noticeboard.boards.paper import PrintContext
from noticeboard.boards.township import build_boards
from noticeboard.outputs import print_pages, screens
from support.build import build_site, make_project
from support.township import Township

SCHEMES = """\
branch:
  tiers: [95, 85, 70]
member:
  tiers: [90, 80, 60]
"""
BRANCH_RULE = "95 分及以上三星；85–94.9 分二星；70–84.9 分一星；70 分以下无星"
MEMBER_RULE = "90 分及以上三星；80–89.9 分二星；60–79.9 分一星；60 分以下无星"
AS_OF = dt.date(2026, 1, 5)


@pytest.fixture
def differing(town: Township) -> Township:
    town.set("data/schemes.yml", SCHEMES)
    return town


def test_branch_page_parts_carry_their_own_rules(differing: Township) -> None:
    page = build_boards(differing.load(), AS_OF).current.pages["qingshan-1"]
    views = {section.template: section.view for section in page.sections}
    stars = views["partials/nb/branch-stars.html"]
    members = views["partials/nb/member-board.html"]
    assert isinstance(stars, BranchStars) and isinstance(members, MemberBoard)
    assert stars.rule.startswith(BRANCH_RULE + "（本镇规定：") and "各星级的分数线" in stars.rule
    assert members.rule.startswith(MEMBER_RULE + "（不合格）（本镇规定：")
    # 89.9 × 0.5 + 90.0 × 0.5 = 89.95 → 90.0: 三星 under 90/80/60, 二星 under 95/85/70.
    assert stars.branch.rating is not None and stars.branch.rating.stars == 2


def test_posters_and_screen_follow_the_branch_rule(differing: Township) -> None:
    boards = build_boards(differing.load(), AS_OF)
    printing = PrintContext(
        live=lambda kind, key: f"https://x/{kind}/{key}",
        photo=str,
        organisation="青山镇党委",
    )
    posters = {page.key: page.posters[0] for page in print_pages.catalogue(boards, printing) if page.posters}
    assert posters["boards/branches"].rule.startswith(f"评星规则：{BRANCH_RULE}（本镇规定：")
    assert (
        MEMBER_RULE in posters["members/qingshan-1"].rule
        and BRANCH_RULE not in posters["members/qingshan-1"].rule
    )
    slides = screens.slides(boards, [], "qingshan-1")
    assert "2025 年度：二星（90.0 分）" in slides[1].lines
    township = screens.slides(boards, [], None)
    assert any(
        slide.heading == "2025 年度二星党支部" and "青山村第一党支部" in slide.names for slide in township
    )


@pytest.mark.slow
def test_the_built_branch_page_states_each_rule_where_it_applies(differing: Township, tmp_path: Path) -> None:
    project = make_project(differing.root)
    result = build_site(tmp_path / "site", project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    score = html[html.index('id="score"') : html.index('id="members"')]
    board = html[html.index('id="members"') :]
    assert f"<strong>评星规则</strong>：{BRANCH_RULE}" in score and MEMBER_RULE not in score
    assert MEMBER_RULE in board and BRANCH_RULE not in board
