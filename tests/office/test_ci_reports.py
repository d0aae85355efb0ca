"""Problems where the office reviews: ``validate`` (and a build stopped by the data) print GitHub workflow
annotations in GitHub Actions, and ``validate --code-quality FILE`` writes a GitLab Code Quality report;
the CI templates wire both. Checked by parsing what is printed and written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from noticeboard.cli import main
from noticeboard.office.ci_reports import annotation
from noticeboard.registries.errors import Problem
from support import ROOT
from support.build import build_site, make_project
from support.township import Township, with_extras

MEMBERS = "data/members/qingshan-1.yml"
COMMAND = re.compile(r"^::(error|warning) (.*?)::(.*)$")


def _unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    """Each ``::level k=v,…::message`` line as GitHub reads it: (level, properties, message)."""
    found = []
    for line in out.splitlines():
        match = COMMAND.match(line)
        if match:
            level, props, message = match.groups()
            properties = dict(part.split("=", 1) for part in props.split(","))
            found.append((level, {k: _unescape(v) for k, v in properties.items()}, _unescape(message)))
    return found


def broken(town: Township) -> Township:
    town.replace(MEMBERS, "gender: 女", "gender: yes")
    town.replace("data/branches.yml", "2025: {score: 79.95}", "2025: {score: 179.95}")
    return town


def validate(
    town: Township,
    *args: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    **env: str,
) -> tuple[int, str, str]:
    monkeypatch.chdir(town.root)
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "CI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    status = main(["validate", "data", "--no-cache", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def problem_lines(err: str) -> list[tuple[str, str, str]]:
    """``FILE:LINE: message`` lines of the report, split."""
    return [
        (m.group(1), m.group(2), m.group(3))
        for line in err.splitlines()
        if (m := re.match(r"^(data/[^:]+):(\d+): (.*)$", line))
    ]


def test_errors_are_annotated_on_their_lines_in_github_actions(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = validate(broken(town), capsys=capsys, monkeypatch=monkeypatch, GITHUB_ACTIONS="true")
    assert status == 1
    printed = problem_lines(err)
    assert len(printed) == 2
    assert parse_annotations(out) == [
        ("error", {"file": file, "line": line, "title": "数据问题"}, message)
        for file, line, message in printed
    ]
    assert out.splitlines()[0].startswith("::error file=data/branches.yml,line=20,title=数据问题::")


def test_no_annotations_outside_github_actions(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = validate(broken(town), capsys=capsys, monkeypatch=monkeypatch, CI="true")
    assert status == 1 and out == ""


def test_reminders_are_warnings_and_strict_makes_them_errors(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_extras(town)
    status, out, err = validate(town, capsys=capsys, monkeypatch=monkeypatch, GITHUB_ACTIONS="true")
    assert status == 0
    assert (
        "data/branches.yml:33: 提醒：华新茶业党支部 2025 年分类定级为“较差”，书记陈立的述职考核却是“优秀”"
        in err
    )
    warnings = parse_annotations(out)
    assert (
        "warning",
        {"file": "data/branches.yml", "line": "33", "title": "公示栏提醒"},
        "华新茶业党支部 2025 年分类定级为“较差”，书记陈立的述职考核却是“优秀”",
    ) in warnings
    assert {level for level, _, _ in warnings} == {"warning"}
    status, out, _ = validate(town, "--strict", capsys=capsys, monkeypatch=monkeypatch, GITHUB_ACTIONS="true")
    assert status == 1
    assert {level for level, _, _ in parse_annotations(out)} == {"error"}


def test_workflow_commands_are_escaped_as_github_reads_them() -> None:
    problem = Problem("data/a,b:c%.yml", 7, "100% 不对\r\n第二行: 还有")
    line = annotation(problem)
    assert line == "::error file=data/a%2Cb%3Ac%25.yml,line=7,title=数据问题::100%25 不对%0D%0A第二行: 还有"
    assert parse_annotations(line) == [
        ("error", {"file": "data/a,b:c%.yml", "line": "7", "title": "数据问题"}, "100% 不对\r\n第二行: 还有")
    ]
    # A folder or a missing file has no line.
    assert annotation(Problem("data/commitment/", 0, "不认识的文件夹")) == (
        "::error file=data/commitment/,title=数据问题::不认识的文件夹"
    )


def read_report(path: Path) -> list[dict[str, Any]]:
    report = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(report, list)
    return report


def test_code_quality_report_of_errors(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report_file = town.root / "gl-code-quality-report.json"
    status, _, err = validate(
        broken(town),
        "--code-quality",
        report_file.name,
        capsys=capsys,
        monkeypatch=monkeypatch,
        GITLAB_CI="true",
    )
    assert status == 1
    report = read_report(report_file)
    assert [
        (entry["location"]["path"], str(entry["location"]["lines"]["begin"]), entry["description"])
        for entry in report
    ] == problem_lines(err)
    for entry in report:
        assert entry["severity"] == "major" and entry["check_name"] == "noticeboard/data"
        assert re.fullmatch(r"[0-9a-f]{64}", entry["fingerprint"])
    assert len({entry["fingerprint"] for entry in report}) == len(report)

    # The same problem after a line is added above it: another line, the same fingerprint.
    town.replace(MEMBERS, "- id: m001\n", "# 青山村第一党支部\n- id: m001\n")
    validate(town, "--code-quality", report_file.name, capsys=capsys, monkeypatch=monkeypatch)
    moved = read_report(report_file)
    assert [e["fingerprint"] for e in moved] == [e["fingerprint"] for e in report]
    assert [e["location"]["lines"]["begin"] for e in moved] == [20, 4]


def test_code_quality_report_of_reminders_and_of_clean_data(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report_file = town.root / "out" / "cq.json"
    status, _, _ = validate(town, "--code-quality", str(report_file), capsys=capsys, monkeypatch=monkeypatch)
    assert status == 0 and read_report(report_file) == []

    with_extras(town)
    status, _, _ = validate(town, "--code-quality", str(report_file), capsys=capsys, monkeypatch=monkeypatch)
    assert status == 0
    reminders = read_report(report_file)
    assert reminders and {e["severity"] for e in reminders} == {"minor"}
    assert {e["check_name"] for e in reminders} == {"noticeboard/reminder"}
    assert {
        "path": "data/branches.yml",
        "lines": {"begin": 33},
    } in [e["location"] for e in reminders]
    validate(town, "--strict", "--code-quality", str(report_file), capsys=capsys, monkeypatch=monkeypatch)
    assert {e["severity"] for e in read_report(report_file)} == {"major"}


def test_the_ci_templates_wire_both() -> None:
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["validate"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any(
        f"python -m noticeboard validate data --code-quality {report}" in line for line in job["script"]
    )
    assert job["artifacts"]["when"] == "always", "the report is kept when validation fails"
    conditions = " ".join(rule["if"] for rule in job["rules"])
    assert "merge_request_event" in conditions and "CI_DEFAULT_BRANCH" in conditions
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["build"]["steps"]
    check = next(step for step in steps if "noticeboard validate" in step.get("run", ""))
    assert "GITHUB_ACTIONS" not in json.dumps(check), "the runner sets GITHUB_ACTIONS=true itself"


@pytest.mark.slow  # runs MkDocs (it stops when the configuration is read)
def test_a_build_stopped_by_the_data_annotates_in_github_actions(town: Township) -> None:
    broken(town)
    make_project(town.root)
    result = build_site(town.root / "site", config=town.root / "mkdocs.yml", GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert "数据有误，网站没有生成" in result.stderr
    assert [(props["file"], props["line"]) for _, props, _ in parse_annotations(result.stdout)] == [
        ("data/branches.yml", "20"),
        (MEMBERS, "3"),
    ]
