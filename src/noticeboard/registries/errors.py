"""Error types: problems the user can fix (in the data, a file, a command) versus bugs (ours).

Why: office staff must get every problem in their files at once, each as
``FILE:LINE: message`` in Chinese, and never a Python traceback. Every error
meant for them is a :class:`UserError` (a :class:`RegistryError` carries the
problems of the data); any other exception is an internal error and is
allowed to show a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one data file, at one line (1-based).

    A problem about a whole file is at line 1, so that editors and CI annotations can point
    at it; ``line`` is 0 only for a folder or a file that does not exist (then ``file`` is
    shown without a line, a folder with a trailing ``/``).
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class UserError(Exception):
    """A problem the user can fix, said in Chinese: the CLI and the site print :meth:`report`, no traceback."""

    def report(self) -> str:
        return str(self)


_REFUSALS = {
    errno.EACCES: "没有权限读写；文件若正在 Excel 或 WPS 中打开，请先关闭再试",
    errno.EPERM: "没有权限读写；文件若正在 Excel 或 WPS 中打开，请先关闭再试",
    errno.EISDIR: "这是一个文件夹，这里要写文件名",
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EEXIST: "已经有同名的文件或文件夹",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "这个磁盘只能读、不能写",
    errno.EADDRINUSE: "端口已被占用（也许已有一个预览在运行）；请先关闭它，或换一个端口",
}


def system_refusal(error: OSError) -> str:
    """What the computer refused to do with a file, in Chinese, naming the file: never a traceback.

    Why: on Windows the office's last workbook is often still open in Excel or WPS when a command
    writes it again, and an export to a folder's name is an easy slip."""
    words = _REFUSALS.get(error.errno or 0, f"系统拒绝了这个操作（{error.strerror or error}）")
    names = "、".join(f"“{os.fsdecode(name)}”" for name in (error.filename, error.filename2) if name)
    return f"无法读写{names}：{words}" if names else f"无法完成：{words}"


class RegistryError(UserError):
    """The data cannot be published as it is; ``problems`` says where and why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, followed by a count."""
        lines = [str(problem) for problem in self.problems]
        lines.append(f"共发现 {len(self.problems)} 处问题，请改正后再试。")
        return "\n".join(lines)


@dataclass
class Problems:
    """Collects problems while loading, so that one run reports all of them.

    ``root`` is the directory that file names are shown relative to, so that a
    message reads ``data/branches.yml:12: …`` and an editor can jump to it.
    """

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str) -> None:
        """Record a problem; ``line`` 0 means the whole of ``path``: line 1 of a file, or a folder."""
        shown = display_path(path, self.root)
        if line == 0:
            if _is(path, Path.is_file):
                line = 1
            elif _is(path, Path.is_dir) and not shown.endswith("/"):
                shown += "/"
        self.items.append(Problem(shown, line, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise RegistryError(sorted(set(self.items), key=_reading_order))


def _reading_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line, problem.message)


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    try:
        return test(path)
    except OSError:
        return False


def display_path(path: Path, root: Path | None) -> str:
    """The path as the user should see it: relative to ``root`` when inside it, with ``/``.

    The file's own name is kept as it is written, even when it is a link to somewhere else.
    """
    if root is not None:
        try:
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
