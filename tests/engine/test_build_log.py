"""What a build says is for the office: no English notice that looks like a mistake when there is none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from support import ROOT
from support.build import BUILD_ENV, MKDOCS

pytestmark = pytest.mark.slow  # the demo built once


def test_boards_the_nav_does_not_list_are_placed_without_a_notice_of_pages_left_out(tmp_path: Path) -> None:
    """mkdocs.yml's nav does not list every board (a new board needs no edit): the hook places the others
    under 更多公示, so MkDocs' notice that they "are not included in the nav" is wrong and is not given."""
    for name in ("docs", "data", "hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    nav = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pairings.md" not in nav  # (the demo's nav leaves 结对共创 to the hook)
    result = subprocess.run(
        [*MKDOCS, "build", "--strict"],
        cwd=tmp_path,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "not included in the" not in result.stderr, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="pairings/" class="md-nav__link"' in home  # in the navigation all the same
