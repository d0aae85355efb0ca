"""``--strict`` stops a build at any warning, ``--quiet`` or not.

MkDocs' ``--quiet`` silences warnings, and its strict mode counts only the warnings it logs: with both
(as ``deploy/publish.sh``, the tests and ``python -m noticeboard build --quiet`` run it) a site with a
broken link was published. The hook keeps warnings on in a strict build; ``--quiet`` hides the rest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.build import build_site, make_project
from support.township import Township

pytestmark = pytest.mark.slow  # two site builds


def test_a_quiet_strict_build_with_a_broken_link_stops_and_publishes_nothing(tmp_path: Path) -> None:
    root = make_project(Township(tmp_path / "project").root)
    first = build_site(root / "site", config=root / "mkdocs.yml")  # --strict --quiet
    assert first.returncode == 0, first.stderr
    before = (root / "site" / "open-data" / "index.html").read_bytes()
    page = root / "docs" / "open-data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[旧的说明](old-notes.md)\n", encoding="utf-8")
    broken = build_site(root / "site", config=root / "mkdocs.yml")
    assert broken.returncode != 0
    assert "old-notes.md" in broken.stderr
    assert (root / "site" / "open-data" / "index.html").read_bytes() == before
