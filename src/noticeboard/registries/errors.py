"""Error types: problems the user can fix (in the data, a file, a command) versus bugs (ours).

Why: office staff must get every problem in their files at once, each as
``FILE:LINE: message`` in Chinese, and never a Python traceback. Every error
meant for them is a :class:`UserError` (a :class:`RegistryError` carries the
problems of the data); any other exception is an internal error and is
allowed to show a traceback.
"""

from __future__ import annotations

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
