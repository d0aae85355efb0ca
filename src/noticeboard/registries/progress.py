"""Progress bars for long work: reading a county's registries, ``export``, ``import`` of large sheets.

Shown only on a terminal, and only for large data (a township's few files need none); never in a
CI log or when the output goes to a file or a pipe. Whether the output is a terminal is not enough:
some CI runners give jobs one, so ``CI`` set (GitHub Actions and GitLab CI set ``CI=true``) keeps it
quiet too. A bar is removed when its work is done
(``leave=False``), so what a command prints stays as it was.

A bar starts no thread (:func:`_bar`): a build forks second processes only while it runs no other thread.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:  # imported when a bar is shown: most builds show none
    from tqdm import tqdm

T = TypeVar("T")


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this runs in CI (``CI`` set to anything but empty, 0, false or no)."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


def progress(
    items: Iterable[T],
    *,
    desc: str,
    unit: str,
    at_least: int,
    total: int | None = None,
    file: TextIO | None = None,
) -> Iterator[T]:
    """``items``, with a bar on a terminal when there are ``at_least`` of them (``total`` when
    ``items`` has no length); ``file`` is where the bar goes (standard error)."""
    count = len(items) if total is None and isinstance(items, Collection) else total
    if in_ci() or count is None or count < at_least or not _is_terminal(sys.stderr if file is None else file):
        return iter(items)
    return iter(_bar()(items, desc=desc, unit=unit, total=count, leave=False, file=file, mininterval=0.5))


class Meter:
    """A bar advanced by hand (bytes of files read, cells written), shown under the same conditions
    as :func:`progress`; ``total`` may be a function, called only when the bar could be shown."""

    def __init__(
        self,
        total: int | Callable[[], int],
        *,
        desc: str,
        unit: str,
        at_least: int,
        unit_scale: bool = False,
        file: TextIO | None = None,
    ) -> None:
        self.bar: tqdm[Any] | None = None
        if in_ci() or not _is_terminal(sys.stderr if file is None else file):
            return
        count = total() if callable(total) else total
        if count >= at_least:
            self.bar = _bar()(
                desc=desc,
                total=count,
                unit=unit,
                unit_scale=unit_scale,
                leave=False,
                file=file,
                mininterval=0.5,
            )

    def advance(self, done: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(done)

    def read(self, path: Path) -> None:
        """The file ``path`` has been read: its bytes are done."""
        if self.bar is not None:
            with contextlib.suppress(OSError):
                self.bar.update(path.stat().st_size)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def yaml_bytes(folder: Path) -> int:
    """The size of the YAML files under ``folder`` (links to folders not followed)."""
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            if name.endswith((".yml", ".yaml")):
                with contextlib.suppress(OSError):
                    total += (Path(parent) / name).stat().st_size
    return total


@functools.cache
def _bar() -> type[tqdm[Any]]:
    """tqdm's bar without its monitor thread, which tqdm starts for every bar it makes, even one it does not
    show, and which lives on after it.

    Why: a build forks second processes (parsing, pages, posters) only while no other thread runs, since a
    fork copies no thread and may copy a lock one holds; and a thread alive is how the hooks tell the preview
    server. The change log's bar made every ``mkdocs build`` on a terminal, and every one with data in git,
    build in one process, as a preview. The monitor only wakes bars left without an update for ten
    seconds; ours are updated as their work goes."""
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0

    return Bar


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
