"""Pioneer-post photos (党员先锋岗照片) as the data is read: each is checked to be a usable image.

Why when reading: a photo that is missing, huge or not a picture is a problem in
the data, reported with every other problem before anything is built. The
published web version is made by ``outputs.web_photos``.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import warnings
from pathlib import Path

import PIL

from noticeboard.registries.disk_cache import DiskCache
from noticeboard.registries.frozen import frozen

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png"})
"""What ``photos/`` holds (in any case: phones write ``IMG_0001.JPG``)."""
MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: no phone photo is that big, and a build must not swallow one."""
MAX_PIXELS = 60_000_000
"""Larger images are refused (a decompression bomb looks like a small file)."""


def check_photo(path: Path) -> str | None:
    """Why ``path`` cannot be used as a photo, in words for the office, or None when it can."""
    from PIL import Image  # (imported when first used: Pillow takes 40 ms of a build's start)

    if not path.is_file():
        other = _other_case(path)
        if other is not None:  # (found on Windows, which does not tell them apart; not on the server)
            return f"找不到照片 {path.name}；文件夹里有 {other}：文件名的大小写要与这里写的一致"
        return f"找不到照片 {path.name}；请把照片放在 data/photos/ 文件夹里，文件名与这里写的一致"
    if path.stat().st_size > MAX_BYTES:
        return f"照片 {path.name} 超过 20 MB，请换一张较小的照片"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in ("JPEG", "PNG"):
                    return f"照片 {path.name} 不是 JPG 或 PNG 图片"
                if image.width * image.height > MAX_PIXELS:
                    return f"照片 {path.name} 的像素太多（{image.width}×{image.height}），请换一张较小的照片"
                image.verify()
            with Image.open(path) as image:  # (verify reads a JPEG's headers only: a cut-off file passed)
                # (a JPEG decoded at an eighth of its size: a phone's photo in milliseconds)
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):  # (Pillow's own limit, above ours:
        # a phone's 108-megapixel photo was said to be damaged)
        return f"照片 {path.name} 的像素太多，请换一张较小的照片"
    except (OSError, SyntaxError, ValueError):
        return f"照片 {path.name} 无法打开，文件可能已损坏或不是图片"
    return None


def _other_case(path: Path) -> str | None:
    """The name of a file beside ``path`` that differs from it in case alone (``M001.JPG``), if any."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.name.lower() == path.name.lower()]
    except OSError:
        return None
    return min(names) if names else None


class PhotoChecks:
    """:func:`check_photo` with memory: a photo found usable is not opened again while its file is the same.

    Why: a county's 2,300 photos took 0.3 s to open on every build. The same file is known by its size,
    modification and change times and inode; the change time is set by the system on every write and
    cannot be set back by hand, so a photo written anew is checked anew. Kept in the cache folder under
    a salt naming this module and Pillow's version.
    """

    def __init__(self, folder: Path) -> None:
        self.store = DiskCache(folder, _SALT, ".photos")
        stored = self.store.get(b"usable photos")
        self.known: dict[str, tuple[int, ...]] = {}
        if stored is not None:
            with contextlib.suppress(Exception):  # an entry of another layout: check every photo again
                known = pickle.loads(stored)
                if isinstance(known, dict):
                    self.known = known
        self.usable: dict[str, tuple[int, ...]] = {}
        self.checked_ahead: dict[str, tuple[int, ...]] = {}
        """Photos found usable by :meth:`check_ahead` in this build (not stored: :meth:`save` stores those used)."""

    def check(self, path: Path) -> str | None:
        """Why ``path`` cannot be used as a photo, or None when it can (see :func:`check_photo`)."""
        found = _identity(path)
        if found is None:
            return check_photo(path)
        key, same = found
        if not self.knows(key, same):
            trouble = check_photo(path)
            if trouble is not None:
                return trouble
        self.usable[key] = same
        return None

    def knows(self, key: str, same: tuple[int, ...]) -> bool:
        """Whether the file named ``key`` was found usable as it is now (``same``: :func:`_identity`), by an
        earlier build or ahead in this one: it is not opened again."""
        return self.known.get(key) == same or self.checked_ahead.get(key) == same

    def ahead(self, folder: Path) -> PhotosAhead:
        """The photos of ``folder`` to be checked by a second process (``ParseCache.validate_ahead``)."""
        return PhotosAhead(self, folder)

    def learn(self, found: dict[str, tuple[int, ...]]) -> None:
        """Take the photos found usable by :class:`PhotosAhead` as known: they are not opened again."""
        self.checked_ahead = found

    def save(self) -> None:
        """Remember the photos found usable by this build (and only those)."""
        if self.usable != self.known:
            self.store.put(b"usable photos", pickle.dumps(self.usable, protocol=pickle.HIGHEST_PROTOCOL))


@frozen
class PhotosAhead:
    """Every photo of ``folder`` not known usable, checked by a second process while this one validates records.

    Why: opening a cold county's 2,359 photos took 0.7 s after its records were read. A photo no post names
    is checked for nothing; one found unusable is checked again when a post names it, for its message.
    """

    checks: PhotoChecks
    folder: Path

    def seconds(self) -> float:
        """About how long the check takes: 0.2 ms a photo and 7 ms a megabyte (measured: a county's 2,359
        small photos in 0.5 s, a 7 MB one in 53 ms). Asked only when a second process is started."""
        sizes = [identity[1][0] for path in self._photos() if (identity := _identity(path)) is not None]
        return len(sizes) * 0.0002 + sum(sizes) * 7e-9

    def __call__(self) -> dict[str, tuple[int, ...]]:
        """The photos found usable, for :meth:`PhotoChecks.learn`."""
        found: dict[str, tuple[int, ...]] = {}
        for path in self._photos():
            identity = _identity(path)
            if identity is not None and not self.checks.knows(*identity) and check_photo(path) is None:
                found[identity[0]] = identity[1]
        return found

    def _photos(self) -> list[Path]:
        try:  # (a folder that cannot be listed is reported when read)
            return sorted(path for path in self.folder.iterdir() if path.suffix.lower() in PHOTO_SUFFIXES)
        except OSError:
            return []


def _identity(path: Path) -> tuple[str, tuple[int, ...]] | None:
    """The photo file ``path`` by its absolute name, and the same file by its size, modification and change
    times and inode (see :class:`PhotoChecks`); None when it cannot be looked at."""
    try:
        status = path.stat()
    except OSError:
        return None
    return str(path.absolute()), (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
    )


_SALT = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).digest()
