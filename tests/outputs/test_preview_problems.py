"""While the office previews (``mkdocs serve``) data with problems, every page says so above the last data
without problems: how many, and each one as the build reports it (``FILE:LINE: message``)."""

from __future__ import annotations

from pathlib import Path

from noticeboard.registries.errors import Problems
from noticeboard.website import preview_problems


def test_the_preview_names_every_problem_and_says_what_the_page_below_shows(tmp_path: Path) -> None:
    problems = Problems(tmp_path)
    problems.add(tmp_path / "data" / "members" / "a.yml", 4, "YAML 格式错误：这一行的引号没有配对")
    problems.add(tmp_path / "data" / "branches.yml", 12, "“secretary”（书记）：不能为空")
    shown = preview_problems(list(problems))
    assert shown.heading == "数据有误（2 处），下面仍是上次没有错误时的内容。改正后保存，页面会自动更新："
    assert shown.problems == (
        "data/members/a.yml:4: YAML 格式错误：这一行的引号没有配对",
        "data/branches.yml:12: “secretary”（书记）：不能为空",
    )
