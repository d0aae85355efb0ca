"""A page's key (the hash of everything it is made from) is the same in every process, and changes with
what the page shows.

Rebuilds keep a page when its key is the one it was rendered from (issue 16). A key that changed from
process to process (Python orders sets and hashes strings differently in each) would render every page
again on every build; a key that did not follow the data would publish a stale page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.township import Township, with_extras

KEYS = """
import json, sys
from pathlib import Path
from noticeboard.boards.kinds import load_township
from noticeboard.boards.statistics import build_stats
from noticeboard.boards.township import build_boards
from noticeboard.outputs.catalogue import build_catalogue
from noticeboard.outputs.rendered import fingerprint
root = Path(sys.argv[1])
registry = load_township(root / "data", stories_dir=root / "docs" / "stories" / "posts", root=root)
boards = build_boards(registry, registry.site.as_of)
catalogue = build_catalogue(boards, build_stats(boards), changes=(), updated={},
                            site_url="https://example.org/", directory_urls=True, cache_dir=None)
print(json.dumps({src: fingerprint(src, page).hex() for src, page in catalogue.pages.items()}))
"""


def _keys(root: Path, seed: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", KEYS, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    keys: dict[str, str] = json.loads(result.stdout)
    return keys


def test_every_pages_key_is_the_same_in_another_process(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path))
    first, second = _keys(town.root, "1"), _keys(town.root, "2")
    assert len(first) > 20
    assert first == second


def test_an_edit_changes_the_key_of_the_pages_that_show_it_and_not_of_the_others(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path))
    before = _keys(town.root, "1")
    town.replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92")  # still three stars
    after = _keys(town.root, "2")
    changed = {src for src in before if before[src] != after[src]}
    assert "branches/qingshan-1.md" in changed  # the member's points are on the branch page
    assert "branches/zhen-jiguan.md" not in changed
    assert "commitments.md" not in changed
