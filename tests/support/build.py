"""The site built as a user builds it (``mkdocs build --strict``), from this project or a copy of it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PACKAGE_AS_THE_HOOKS_KEEP_IT = """
import importlib.util
fresh = importlib.util.spec_from_file_location("fresh", "hooks/fresh_package.py")
fresh.loader.exec_module(importlib.util.module_from_spec(fresh))
"""
"""The start of a script that patches the package before it runs ``mkdocs build`` in a project: the package
marked as the hooks find it unchanged (``hooks/fresh_package.py`` would import it anew, without the patch)."""


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml", **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a user runs it; returns the finished process."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--quiet", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**BUILD_ENV, **env},
        check=False,
        cwd=config.parent,
    )


def build_log(project: Path, **env: str) -> str:
    """``mkdocs build --strict`` in ``project``, not quiet, as the office runs it: what it said (it succeeded)."""
    result = subprocess.run(
        [*MKDOCS, "build", "--strict"],
        cwd=project,
        env={**BUILD_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def pages_line(project: Path, **env: str) -> str:
    """``mkdocs build --strict`` in ``project``, not quiet: the line where the build says how many pages it
    rendered and kept (``网页 133 个：重新生成 17 个，116 个沿用以前生成的结果。``)."""
    log = build_log(project, **env)
    said = re.search(r"INFO\s+-\s+(网页 .*)", log)
    assert said is not None, log
    return said.group(1)


def demo_project(root: Path) -> Path:
    """A copy of this project in ``root``: the demo's data, the pages, theme, hooks and ``mkdocs.yml`` (no
    cache, no site)."""
    for name in ("docs", "data", "hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def make_project(root: Path) -> Path:
    """Make ``root`` (holding a Township's ``data/``) a site project: this project's pages, theme and hooks."""
    for name in ("docs/index.md", "docs/open-data.md", "docs/stories/index.md", "docs/assets", "docs/schema"):
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy(source, target)
    for name in ("hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in it: two sites compared byte for byte."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def run_patched(script: str, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``script`` (one that patches the package, then runs ``mkdocs build``: :data:`PACKAGE_AS_THE_HOOKS_KEEP_IT`
    first) run in ``project`` with ``args``; it must succeed."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )


def demo_site_in_one_process(folder: Path) -> dict[str, bytes]:
    """The demo's site built cold in one process (``NOTICEBOARD_ONE_PROCESS=1``), in ``folder``: what a
    build whose second processes went ahead must equal byte for byte."""
    project = demo_project(folder / "project")
    built = build_site(folder / "site", project / "mkdocs.yml", NOTICEBOARD_ONE_PROCESS="1")
    assert built.returncode == 0, built.stderr
    return site_files(folder / "site")
