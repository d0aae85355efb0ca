"""Pioneer-post photos (党员先锋岗照片): checked with the data, made small and clean at build time.

Why: the office copies photos straight from phones. Those are several megabytes
(too heavy for a phone on a slow network), may lie on their side (the EXIF
orientation flag) and carry EXIF metadata such as the GPS position of where
they were taken. Each photo is turned upright, cropped to a 3:4 portrait,
shrunk to :data:`WEB_SIZE` and saved as a fresh JPEG without any metadata.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from noticeboard.registries.disk_cache import DiskCache

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are refused: no phone photo is that big, and a build must not swallow one."""
MAX_PIXELS = 60_000_000
"""Larger images are refused (a decompression bomb looks like a small file)."""
WEB_SIZE = (240, 320)
"""Width and height of the published photo: sharp on a phone and on a printed board."""
QUALITY = 82


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


@dataclass(frozen=True)
class WebPhoto:
    """A published photo: its file name under ``assets/photos/``, its bytes and size."""

    name: str
    data: bytes
    width: int
    height: int


def _shrink(source: bytes) -> bytes:
    """Upright, 3:4, :data:`WEB_SIZE`, JPEG, no metadata (the same bytes every time)."""
    with Image.open(io.BytesIO(source)) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(background, image)
        image = image.convert("RGB")
        # Faces sit in the upper part of a portrait: crop from a little above the centre.
        image = ImageOps.fit(image, WEB_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.35))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True)  # no exif=, no icc_profile=: none kept
        return out.getvalue()


class Photos:
    """Web photos by source file, made once and kept in ``folder`` between builds."""

    def __init__(self, folder: Path | None = None) -> None:
        salt = f"photo {WEB_SIZE} {QUALITY} Pillow {PIL.__version__}\n".encode()
        self.store = DiskCache(folder, salt, ".jpg") if folder is not None else None

    def web(self, path: Path) -> WebPhoto:
        source = path.read_bytes()
        data = self.store.get(source) if self.store else None
        if data is None:
            data = _shrink(source)
            if self.store:
                self.store.put(source, data)
        name = hashlib.sha256(data).hexdigest()[:16] + ".jpg"
        return WebPhoto(name, data, *WEB_SIZE)
