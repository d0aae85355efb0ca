"""Reading a whole file with as few questions to the file system as it takes.

Why not ``Path.read_bytes``: every build reads each of a county's 2,300 data files (and hashes them with
the site's other inputs), and ``read_bytes`` makes nine calls to the system per file (open, two ``fstat``,
a terminal check, two seeks, two reads and the close, ``strace``). Here it is five: open, one ``fstat``, the
two reads and the close. That is 9 µs a file instead of 20 µs where a call costs a few microseconds (a
virtual machine), and more where it costs more (Windows, a network drive).
"""

from __future__ import annotations

import os

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # (Windows: no newline translation)
_CHUNK = 1 << 20


class TooLarge(Exception):
    """The file is larger than the caller reads (:func:`whole_file`'s ``limit``); ``size`` says how large."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def whole_file(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The bytes of the file at ``path``, all of them also if it grew since its size was asked.

    Raises :class:`OSError` as ``open`` does, and :class:`TooLarge` (nothing read) when the file is larger
    than ``limit`` bytes."""
    fd = os.open(path, _FLAGS)
    try:
        size = os.fstat(fd).st_size
        if limit is not None and size > limit:
            raise TooLarge(size)
        first = os.read(fd, size + 1)  # (one more than its size: a file that ends there gives it all at once)
        if not first:
            return first
        parts = [first]
        while part := os.read(fd, _CHUNK):
            parts.append(part)
        return first if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)
