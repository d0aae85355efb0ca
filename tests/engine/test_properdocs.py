"""The site keeps building after MkDocs 1.x is abandoned: properdocs (the maintained 1.x fork) builds the same pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT
from support.build import BUILD_ENV

pytestmark = pytest.mark.slow  # the whole site built twice (MkDocs and properdocs)

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--quiet",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(map(str, ours)) == sorted(map(str, theirs))
    differing = [
        str(name) for name in ours if GENERATOR.sub(b"", ours[name]) != GENERATOR.sub(b"", theirs[name])
    ]
    assert differing == []
