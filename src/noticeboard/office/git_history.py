"""Reading the registries as they were at a git revision, and when each file last changed.

Why git: the office publishes by pushing to a git repository, so the history of
``data/`` is the history of the public boards. Only the ``git`` command is
used (no library), and its absence or a wrong revision is a clear message.

A commit message is the office's own: its subject, its remarks and its author
never leave this module. Only a line the office marks for the public, a
``公示说明：…`` trailer, is read out of it (:func:`public_notes`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from noticeboard.registries.errors import UserError
from noticeboard.registries.frozen import frozen


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


NOTE_KEY = "公示说明"
"""The trailer that marks a line of a commit message for the 变更记录 page: ``公示说明：…``."""

_NOTE = re.compile(rf"^\s*{NOTE_KEY}\s*[:：]\s*(.*?)\s*$")


def public_notes(message: str) -> tuple[str, ...]:
    """The ``公示说明`` lines of a commit message: what the office wrote for the public, nothing else.

    A line ``公示说明：…`` (full-width or ASCII colon, spaces allowed around it) anywhere in the
    message, as a git trailer is written; the indented lines after it continue it. Git's own trailer
    parser is not used: it knows only the ASCII colon and only a last paragraph made of trailers,
    which a clerk writing Chinese cannot be expected to keep. A key with nothing after it is no note.
    """
    notes: list[list[str]] = []
    current: list[str] | None = None
    for line in message.splitlines():
        found = _NOTE.match(line)
        if found:
            current = [found.group(1)]
            notes.append(current)
        elif current is not None and line[:1].isspace() and line.strip():
            current.append(line.strip())
        else:
            current = None
    return tuple(text for parts in notes if (text := _join([part for part in parts if part])))


def _join(parts: list[str]) -> str:
    """Continuation lines joined as git unfolds them (one space), without a space inside Chinese text."""
    text = ""
    for part in parts:
        ascii_seam = text[-1:].isascii() and part[:1].isascii()
        text += (" " if text and ascii_seam else "") + part
    return text


@frozen
class Commit:
    """A commit that changed the data folder, as far as the public may see it (no subject, no author)."""

    hash: str
    date: dt.date
    notes: tuple[str, ...]
    """Its ``公示说明`` trailers (:func:`public_notes`), in message order."""
    files: tuple[str, ...]
    """The data files it changed, relative to the data folder."""


def data_history(folder: Path, limit: int | None = None) -> list[Commit]:
    """The commits that changed ``folder``, newest first (empty outside a git checkout).

    One ``git log`` for the whole history: asking per file would take seconds for a county. Records
    and file names are NUL-separated (``-z``): a commit message cannot hold a NUL, so no message
    breaks the reading, and file names with Chinese characters come unquoted.
    """
    try:
        top, relative = repository_path(folder)
        args = [
            "log",
            "-z",
            "--encoding=UTF-8",
            "--format=%x1e%H%x1f%cs%x1f%B",
            "--name-only",
            "--no-renames",
        ]
        if limit is not None:
            args.append(f"-{limit}")
        output = _git(top, *args, "--", relative).decode("utf-8", "replace")
    except GitError:
        return []
    commits: list[Commit] = []
    files: list[str] = []
    prefix = "" if relative == "." else relative.rstrip("/") + "/"
    head: tuple[str, dt.date, tuple[str, ...]] | None = None
    for token in output.split("\0"):
        if token.startswith("\x1e"):
            if head is not None:
                commits.append(Commit(*head, tuple(files)))
            commit, date, message = token[1:].split("\x1f", 2)
            head, files = (commit, dt.date.fromisoformat(date), public_notes(message)), []
        elif (name := token.lstrip("\n")).startswith(prefix) and name:
            files.append(name.removeprefix(prefix))
    if head is not None:
        commits.append(Commit(*head, tuple(files)))
    return commits


def data_commits_before(folder: Path, revision: str, limit: int) -> list[str]:
    """The commits before ``revision`` that changed ``folder``, newest first along the first parents.

    The data just before ``revision`` is the data of the first of them. Empty for a first commit.
    """
    top, relative = repository_path(folder)
    try:
        listed = _git(
            top, "rev-list", "--first-parent", f"--max-count={limit}", f"{revision}^", "--", relative
        )
    except GitError:
        return []  # no parent: nothing was published before it
    return listed.decode().split()


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
