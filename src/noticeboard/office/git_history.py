"""Reading the registries as they were at a git revision, and when each file last changed.

Why git: the office publishes by pushing to a git repository, so the history of
``data/`` is the history of the public boards. Only the ``git`` command is
used (no library), and its absence or a wrong revision is a clear message.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from noticeboard.registries.errors import UserError


class GitError(UserError):
    """Git could not answer: not a checkout, no git, or an unknown revision (message in Chinese)."""


def _git(folder: Path, *args: str) -> bytes:
    if shutil.which("git") is None:
        raise GitError("找不到 git 命令，请先安装 git")
    result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])} 失败：{detail[-1] if detail else result.returncode}")
    return result.stdout


def repository_path(folder: Path) -> tuple[Path, str]:
    """The repository's top folder and ``folder`` relative to it (``data``)."""
    if not folder.exists():
        raise GitError(f"找不到文件夹 {folder}")
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    return top, folder.resolve().relative_to(top.resolve()).as_posix()


def checkout_folder(folder: Path, revision: str, into: Path) -> Path | None:
    """Write ``folder`` as it was at ``revision`` into ``into``; None when it did not exist then."""
    top, relative = repository_path(folder)
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"找不到版本“{revision}”（可以写提交编号、分支名或 HEAD~1 等）") from None
    listed = _git(top, "ls-tree", "--name-only", revision, "--", relative).strip()
    if not listed:
        return None
    archive = _git(top, "archive", "--format=tar", revision, "--", relative)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / relative


@dataclass(frozen=True)
class Commit:
    """A commit that changed the data folder."""

    hash: str
    date: dt.date
    subject: str
    files: tuple[str, ...]
    """The data files it changed, relative to the data folder."""


def data_history(folder: Path, limit: int | None = None) -> list[Commit]:
    """The commits that changed ``folder``, newest first (empty outside a git checkout).

    One ``git log`` for the whole history: asking per file would take seconds for a county.
    """
    try:
        top, relative = repository_path(folder)
        args = ["log", "--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--no-renames"]
        if limit is not None:
            args.append(f"-{limit}")
        output = _git(top, *args, "--", relative).decode("utf-8", "replace")
    except GitError:
        return []
    commits = []
    prefix = relative.rstrip("/") + "/"
    for block in output.split("\x1e")[1:]:
        head, _, names = block.partition("\n")
        commit, date, subject = head.split("\x1f", 2)
        files = tuple(n.removeprefix(prefix) for n in names.splitlines() if n.startswith(prefix))
        commits.append(Commit(commit, dt.date.fromisoformat(date), subject, files))
    return commits


def last_changed(commits: list[Commit]) -> dict[str, dt.date]:
    """Each data file and folder (``members/``) → the date of the newest commit that changed it."""
    dates: dict[str, dt.date] = {}
    for commit in commits:  # newest first: the first date seen is the last change
        for name in commit.files:
            dates.setdefault(name, commit.date)
            parts = name.split("/")
            for depth in range(1, len(parts)):
                dates.setdefault("/".join(parts[:depth]) + "/", commit.date)
    return dates
