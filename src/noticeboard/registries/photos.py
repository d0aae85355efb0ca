"""Pioneer-post photos (党员先锋岗照片) as the data is read: each is checked to be a usable image.

Why when reading: a photo that is missing, huge or not a picture is a problem in
the data, reported with every other problem before anything is built. The
published web version is made by ``outputs.web_photos``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: no phone photo is that big, and a build must not swallow one."""
MAX_PIXELS = 60_000_000
"""Larger images are refused (a decompression bomb looks like a small file)."""


def check_photo(path: Path) -> str | None:
    """Why ``path`` cannot be used as a photo, in words for the office, or None when it can."""
    if not path.is_file():
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
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"照片 {path.name} 无法打开，文件可能已损坏或不是图片"
    return None
