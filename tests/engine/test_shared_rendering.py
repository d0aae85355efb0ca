"""A build that renders many pages shares them with a second process (issue 16: both cores on a cold
build); the site is the very one a build in one process makes (``NOTICEBOARD_ONE_PROCESS=1``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT
from support.build import BUILD_ENV, pages_line

pytestmark = pytest.mark.slow  # a township of 120 branches generated and built twice


def _project(target: Path, data: Path) -> Path:
    for name in ("docs", "hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(data, target / "data")
    for post in (target / "docs" / "stories" / "posts").glob("*.md"):
        post.unlink()  # the demo's stories name the demo's branches
    return target


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def test_pages_rendered_by_two_processes_are_the_pages_one_process_renders(tmp_path: Path) -> None:
    data = tmp_path / "generated"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "noticeboard",
            "demo",
            "--out",
            str(data),
            "--branches",
            "120",
            "--members",
            "900",
        ],
        env=BUILD_ENV,
        check=True,
        capture_output=True,
    )
    shared, alone = _project(tmp_path / "shared", data), _project(tmp_path / "alone", data)
    said = pages_line(shared)
    assert re.search(r"其中 \d+ 个由另一个进程生成", said), said
    assert "另一个进程" not in pages_line(alone, NOTICEBOARD_ONE_PROCESS="1")
    two, one = _files(shared / "site"), _files(alone / "site")
    assert sorted(two) == sorted(one)
    assert [path for path in two if two[path] != one[path]] == []
    index = json.loads((shared / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    branches = {doc["location"] for doc in index["docs"] if re.fullmatch(r"branches/[^/]+/", doc["location"])}
    assert len(branches) == 120, "every branch page is searched, those the second process rendered too"
    shutil.rmtree(shared / "site")  # as in CI: the cache kept, not the site; every page from the store
    by_other = int(re.search(r"其中 (\d+) 个由另一个进程生成", said)[1])  # type: ignore[index]
    kept = re.search(r"重新生成 (\d+) 个，(\d+) 个沿用", pages_line(shared))
    assert kept is not None
    rendered, reused = (int(number) for number in kept.groups())
    assert reused >= by_other and rendered < 10, "the pages spooled back are stored for the next build"
    again = _files(shared / "site")
    assert sorted(again) == sorted(one)
    assert [path for path in again if again[path] != one[path]] == []
