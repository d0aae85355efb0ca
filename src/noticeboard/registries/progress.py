"""Progress bars for long work: reading a county's registries, ``export``, ``import`` of large sheets.

Shown only on a terminal, and only for large data (a township's few files need none); never in a
CI log or when the output goes to a file or a pipe. tqdm's ``disable=None`` checks only whether
the output is a terminal, and some CI runners give jobs one: ``CI`` set (GitHub Actions and
GitLab CI set ``CI=true``) keeps it quiet too. A bar is removed when its work is done
(``leave=False``), so what a command prints stays as it was.
"""

from __future__ import annotations

import contextlib
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
    if in_ci() or count is None or count < at_least:
        return iter(items)
    from tqdm import tqdm

    return iter(
        tqdm(items, desc=desc, unit=unit, total=count, disable=None, leave=False, file=file, mininterval=0.5)
    )


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
            from tqdm import tqdm

            self.bar = tqdm(
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


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
