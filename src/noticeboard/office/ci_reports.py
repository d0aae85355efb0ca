"""Problems where the office reviews: GitHub Actions annotations and GitLab Code Quality reports.

Why: the office reviews a change on its pull request (GitHub) or merge request (GitLab), not in a
CI log. Each ``FILE:LINE: message`` of ``validate`` (and of a build stopped by the data) is also
said in the form the service shows on that line of the change: a workflow command
``::error file=…,line=…,title=…::…`` on GitHub, an entry of a Code Quality report (a JSON
artifact) on GitLab. Errors are errors (``major``); reminders (``提醒：…``, boards that
contradict each other) are warnings (``minor``) unless ``--strict`` makes them errors.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from noticeboard.registries.errors import Problem

ERROR_TITLE = "数据问题"
REMINDER_TITLE = "公示栏提醒"
REMINDER = "提醒："
CODE_QUALITY_FILE = "gl-code-quality-report.json"
"""The report's usual name in GitLab's documentation; ``.gitlab-ci.yml`` passes it to ``--code-quality``."""


def in_github_actions(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (``file=…``, ``title=…``): also ``:`` and ``,``."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, *, reminder: bool = False, strict: bool = False) -> str:
    """One problem as a GitHub workflow command: ``::error`` (or ``::warning`` for a reminder)."""
    level = "warning" if reminder and not strict else "error"
    title = REMINDER_TITLE if reminder else ERROR_TITLE
    message = problem.message.removeprefix(REMINDER) if reminder else problem.message
    where = f"file={_property(problem.file)}"
    if problem.line:  # 0: a folder or a missing file, shown without a line
        where += f",line={problem.line}"
    return f"::{level} {where},title={_property(title)}::{_data(message)}"


def workflow_commands(
    errors: Iterable[Problem], reminders: Iterable[Problem] = (), *, strict: bool = False
) -> list[str]:
    """Every problem as a workflow command, errors first."""
    return [annotation(p) for p in errors] + [annotation(p, reminder=True, strict=strict) for p in reminders]


def announce(
    errors: Iterable[Problem],
    reminders: Iterable[Problem] = (),
    *,
    strict: bool = False,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
) -> None:
    """In GitHub Actions (``GITHUB_ACTIONS=true``), print the annotations; elsewhere nothing."""
    if not in_github_actions(os.environ if environ is None else environ):
        return
    stream = sys.stdout if out is None else out
    for line in workflow_commands(errors, reminders, strict=strict):
        print(line, file=stream)
    stream.flush()


def code_quality(
    errors: Iterable[Problem], reminders: Iterable[Problem] = (), *, strict: bool = False
) -> list[dict[str, Any]]:
    """A GitLab Code Quality report: one entry per problem (errors ``major``, reminders ``minor``).

    The fingerprint is the same for the same problem in the same file whatever its line, so a
    problem that only moved is not shown as new on the merge request; the same message twice in
    a file is told apart by its order.
    """
    found: list[dict[str, Any]] = []
    seen: Counter[tuple[str, str, str]] = Counter()
    tagged = [(p, False) for p in errors] + [(p, True) for p in reminders]
    for problem, reminder in tagged:
        check = "noticeboard/reminder" if reminder else "noticeboard/data"
        key = (check, problem.file, problem.message)
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()
        found.append(
            {
                "description": problem.message,
                "check_name": check,
                "fingerprint": fingerprint,
                "severity": "minor" if reminder and not strict else "major",
                "location": {"path": problem.file, "lines": {"begin": problem.line or 1}},
            }
        )
    return found


def write_code_quality(
    path: Path, errors: Iterable[Problem], reminders: Iterable[Problem] = (), *, strict: bool = False
) -> Path:
    """Write the report (``[]`` when there is nothing to say, so the merge request shows problems fixed)."""
    report = code_quality(errors, reminders, strict=strict)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
