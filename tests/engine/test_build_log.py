"""What a build says is for the office: no English notice that looks like a mistake when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.build import build_log, demo_project

pytestmark = pytest.mark.slow  # the demo built once


def test_boards_the_nav_does_not_list_are_placed_without_a_notice_of_pages_left_out(tmp_path: Path) -> None:
    """mkdocs.yml's nav does not list every board (a new board needs no edit): the hook places the others
    under 更多公示, so MkDocs' notice that they "are not included in the nav" is wrong and is not given."""
    project = demo_project(tmp_path / "project")
    assert "pairings.md" not in (project / "mkdocs.yml").read_text(encoding="utf-8")  # (left to the hook)
    log = build_log(project)
    assert "not included in the" not in log, log
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="pairings/" class="md-nav__link"' in home  # in the navigation all the same
