"""Pioneer-post photos as published: upright, small and clean, made at build time.

Why: the office copies photos straight from phones. Those are several megabytes
(too heavy for a phone on a slow network), may lie on their side (the EXIF
orientation flag) and carry EXIF metadata such as the GPS position of where
they were taken. Each photo is turned upright, cropped to a 3:4 portrait,
shrunk to :data:`WEB_SIZE` and saved as a fresh JPEG without any metadata.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from noticeboard.registries.disk_cache import DiskCache

WEB_SIZE = (240, 320)
"""Width and height of the published photo: sharp on a phone and on a printed board."""
QUALITY = 82


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
