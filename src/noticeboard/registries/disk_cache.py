"""A folder of values kept by a hash of what they were made from, shared between builds.

Why: parsing a registry file and drawing a QR code are the slow steps of a
rebuild, and both give the same result for the same input. A value is stored
under the hash of its input (and of a salt naming the code that made it), so a
change to either simply misses. Writes are atomic, so two builds at once never
read half a file, and a read-only checkout still builds, only slower. Every value is stored
after the hash of its bytes and checked when read: a damaged entry (a full disk, a copy cut
short, a hand edit) is removed and made again, never used.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

DIGEST = 32
"""Bytes of the SHA-256 of a value, stored before it."""


class DiskCache:
    """Bytes by key, under ``folder/ab/cdef….suffix``."""

    def __init__(self, folder: Path, salt: bytes, suffix: str) -> None:
        self.folder = folder
        self.salt = salt
        self.suffix = suffix

    def _path(self, key: bytes) -> Path:
        digest = hashlib.sha256(self.salt + key).hexdigest()
        return self.folder / digest[:2] / f"{digest[2:]}{self.suffix}"

    def get(self, key: bytes) -> bytes | None:
        path = self._path(key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        value = stored[DIGEST:]
        if len(stored) < DIGEST or hashlib.sha256(value).digest() != stored[:DIGEST]:
            path.unlink(missing_ok=True)  # damaged: made again by the caller
            return None
        return value

    def put(self, key: bytes, value: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_bytes(hashlib.sha256(value).digest() + value)
            partial.replace(path)
        except OSError:
            pass


@cache
def source_fingerprint(folder: Path) -> bytes:
    """A hash of every Python file under ``folder`` (names and contents), for a salt.

    Why: a value made by code spread over many modules (the change log's reports are made by every
    board kind's snapshot) cannot be named by a hand-kept version: one forgotten bump and an old
    report is served. With this in the salt, any change to the code simply misses.
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest().encode()
