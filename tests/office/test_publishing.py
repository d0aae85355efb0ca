"""Publishing by git: the shipped CI configurations and the generic publishing script."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import ROOT
from support.build import BUILD_ENV, demo_project


def test_github_actions_validates_diffs_builds_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert (
        workflow[True]["push"]["branches"] == ["main"] and "pull_request" in workflow[True]
    )  # YAML 1.1: on → True
    build = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in build)
    assert "python -m noticeboard validate data" in runs
    assert "--format markdown" in runs and "python -m noticeboard diff" in runs
    assert "mkdocs build --strict" in runs
    assert build[0]["with"]["fetch-depth"] == 0
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    # The cache keeps the site the build publishes: an unchanged page is kept from it, not rendered again.
    cached = next(
        step["with"]["path"].split() for step in build if step.get("uses", "").startswith("actions/cache")
    )
    published = next(
        step["with"]["path"] for step in build if "upload-pages-artifact" in step.get("uses", "")
    )
    assert cached == [".cache/noticeboard", published]
    assert "gh pr comment" in workflow["jobs"]["comment"]["steps"][1]["run"]


def test_gitlab_ci_publishes_pages_and_comments_on_merge_requests() -> None:
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any("python -m noticeboard validate data" in line for line in config["validate"]["script"])
    assert config["pages"]["artifacts"]["paths"] == ["public"]
    assert config["pages"]["cache"]["paths"] == [
        ".cache/noticeboard",
        "public",
    ]  # (the site, to keep pages from)
    assert any("mkdocs build --strict -d public" in line for line in config["pages"]["script"])
    diff = "\n".join(config["board-changes"]["script"])
    assert "python -m noticeboard diff" in diff and "merge_requests" in diff
    assert config["variables"]["GIT_DEPTH"] == "0"


def _publish(project: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(project / "deploy" / "publish.sh"), str(target)],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
        cwd=target.parent,
    )


@pytest.mark.slow  # the script builds the whole demo site, twice
def test_the_generic_script_publishes_a_whole_site_to_a_folder(tmp_path: Path) -> None:
    project = demo_project(tmp_path / "project")  # (the script builds into the project's site/)
    shutil.copytree(ROOT / "deploy", project / "deploy")
    (project / ".venv").symlink_to(ROOT / ".venv")
    target = tmp_path / "www" / "dangjian"
    target.mkdir(parents=True)
    (target / "stale.html").write_text("old", encoding="utf-8")
    result = _publish(project, target)
    assert result.returncode == 0, result.stderr
    assert (target / "index.html").is_file() and (target / "branches" / "qingshan-1" / "index.html").is_file()
    assert not (target / "stale.html").exists(), "the old site is replaced as a whole"
    assert not list(target.parent.glob("*.old")) and not list(target.parent.glob("*.new"))
    # Published again after an edit: what did not change is kept from the last build, not rendered again.
    board = target / "branches" / "qingshan-1" / "index.html"
    assert '<td class="nb-num">91.3</td>' not in board.read_text(encoding="utf-8")
    members = project / "data" / "members" / "qingshan-1.yml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("2025: 91\n", "2025: 91.3\n", 1), encoding="utf-8"
    )
    untouched = project / "site" / "commitments" / "index.html"
    inode = untouched.stat().st_ino
    assert _publish(project, target).returncode == 0
    assert untouched.stat().st_ino == inode
    assert '<td class="nb-num">91.3</td>' in board.read_text(encoding="utf-8")
