"""A county's CI templates (deploy/county/): one job per township builds its site from its own
repository and hands on only its open data; one job after them rolls up what was published into
townships/<id>/data (county.yml's open_data) and publishes the county site, even when a township
failed."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from support import ROOT

GITHUB = ROOT / "deploy" / "county" / "github-actions.yml"
GITLAB = ROOT / "deploy" / "county" / "gitlab-ci.yml"
ROLL_UP = "python -m noticeboard county county.yml --out public"


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _runs(steps: list[dict[str, Any]]) -> str:
    return "\n".join(step.get("run", "") for step in steps)


def _uses(steps: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [step for step in steps if step.get("uses", "").startswith(action + "@")]


def test_github_builds_every_township_on_its_own_and_hands_on_only_its_open_data() -> None:
    workflow = _load(GITHUB)
    on = workflow[True]  # YAML 1.1: on → True
    assert {"push", "workflow_dispatch", "schedule"} <= set(on) and on["schedule"][0]["cron"]
    job = workflow["jobs"]["townships"]
    assert job["strategy"]["fail-fast"] is False, "one township's failure must not cancel the others"
    townships = job["strategy"]["matrix"]["include"]
    assert townships and all(set(township) == {"id", "repository"} for township in townships)
    steps = job["steps"]
    (checkout,) = _uses(steps, "actions/checkout")
    assert checkout["with"]["repository"] == "${{ matrix.repository }}"
    assert checkout["with"]["fetch-depth"] == 0, "the git history dates the boards"
    assert "secrets.TOWNSHIPS_TOKEN" in checkout["with"]["token"]
    (cache,) = _uses(steps, "actions/cache")
    assert cache["with"]["path"].split() == [".cache/noticeboard", "site"]  # the site built below, kept
    assert "matrix.id" in cache["with"]["key"] and "matrix.id" in cache["with"]["restore-keys"]
    runs = _runs(steps)
    assert "pip install --disable-pip-version-check -r requirements.lock" in runs
    assert "--no-deps --no-build-isolation -e ." in runs
    assert "python -m mkdocs build --strict -d site" in runs
    uploads = _uses(steps, "actions/upload-artifact") + _uses(steps, "actions/upload-pages-artifact")
    assert [upload["with"]["path"] for upload in uploads] == ["site/data"], "the open data and nothing else"
    assert uploads[0]["with"]["name"] == "township-${{ matrix.id }}"
    assert 1 <= uploads[0]["with"]["retention-days"] <= 7


def test_github_rolls_up_and_publishes_even_when_a_township_failed() -> None:
    jobs = _load(GITHUB)["jobs"]
    county = jobs["county"]
    assert county["needs"] == "townships"
    assert county["if"] == "${{ !cancelled() }}", "runs after a failed township, not after a cancelled run"
    (download,) = _uses(county["steps"], "actions/download-artifact")
    assert download["with"] == {"pattern": "township-*", "path": "townships", "merge-multiple": False}
    assert ROLL_UP in _runs(county["steps"])
    (pages,) = _uses(county["steps"], "actions/upload-pages-artifact")
    assert pages["with"]["path"] == "public"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "county"
    # without its own condition GitHub skips it whenever a township (two jobs up) failed
    assert "!cancelled()" in deploy["if"] and "needs.county.result == 'success'" in deploy["if"]
    assert _uses(deploy["steps"], "actions/deploy-pages")


def test_github_puts_each_downloaded_artifact_where_county_yml_looks(tmp_path: Path) -> None:
    """download-artifact (several, not merged) makes townships/<artifact name>/; county.yml reads
    townships/<id>/data."""
    steps = _load(GITHUB)["jobs"]["county"]["steps"]
    (move,) = [step for step in steps if "townships/<id>/data" in step.get("name", "")]
    for artifact, files in {
        "township-qingshan": ["summary.json", "2024/summary.json"],
        "township-bai-sha": ["summary.json"],
    }.items():
        for name in files:
            (tmp_path / "townships" / artifact / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "townships" / artifact / name).write_text("{}", encoding="utf-8")
    subprocess.run(["bash", "-e", "-c", move["run"]], cwd=tmp_path, check=True)
    found = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.json"))
    assert found == [
        "townships/bai-sha/data/summary.json",
        "townships/qingshan/data/2024/summary.json",
        "townships/qingshan/data/summary.json",
    ]
    # no township published anything (all failed): the roll-up still runs, showing each as missing
    empty = tmp_path / "empty"
    (empty / "townships").mkdir(parents=True)
    subprocess.run(["bash", "-e", "-c", move["run"]], cwd=empty, check=True)


def test_gitlab_builds_every_township_in_a_parallel_matrix() -> None:
    config = _load(GITLAB)
    assert config["variables"]["GIT_DEPTH"] == "0"
    job = config["township"]
    townships = job["parallel"]["matrix"]
    assert townships and all(set(township) == {"TOWNSHIP", "REPO"} for township in townships)
    script = "\n".join(job["script"])
    assert "gitlab-ci-token:${CI_JOB_TOKEN}" in script and "TOWNSHIPS_TOKEN" in script
    assert "git clone" in script and "--depth" not in script, "the git history dates the boards"
    assert "pip install -r requirements.lock" in script
    assert "--no-deps --no-build-isolation -e ." in script
    assert 'python -m mkdocs build --strict -d "$CI_PROJECT_DIR/site"' in script
    assert 'cp -R "$CI_PROJECT_DIR/site/data" "$CI_PROJECT_DIR/townships/$TOWNSHIP/data"' in script
    assert job["artifacts"]["paths"] == ["townships/$TOWNSHIP/data"], "the open data and nothing else"
    # the site built above, kept (township-repo is cloned anew each time)
    assert job["cache"]["paths"] == [".cache/noticeboard", "site"] and "$TOWNSHIP" in job["cache"]["key"]
    assert ".cache" in script and "township-repo/.cache" in script  # the cache is where the build looks


def test_gitlab_rolls_up_into_pages_even_when_a_township_failed() -> None:
    config = _load(GITLAB)
    pages = config["pages"]
    stages = config["stages"]
    assert stages.index(pages["stage"]) > stages.index(config["township"]["stage"])
    assert pages["needs"] == [{"job": "township", "artifacts": True}]
    # a job that needs a failed job runs only with when: always (a rule's, or the job's own)
    whens = [rule.get("when") for rule in pages.get("rules", [])] or [pages.get("when")]
    assert whens and all(when == "always" for when in whens)
    assert ROLL_UP in "\n".join(pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
