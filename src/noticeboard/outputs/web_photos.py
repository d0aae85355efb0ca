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
from functools import cache
from pathlib import Path

import PIL

from noticeboard.registries.disk_cache import SharedPack, parts_digest
from noticeboard.registries.whole_files import whole_file

WEB_SIZE = (240, 320)
"""Width and height of the published photo: sharp on a phone and on a printed board."""
QUALITY = 82
RESAMPLE = "BICUBIC"
"""Pillow's filter that shrinks a photo (its name in ``Image.Resampling``), Pillow's own for thumbnails. At
240 × 320 Lanczos showed no more, and it was most of a photo's time: a county's 2,359 demo photos took 3.8 ms
each with it, 2.3 ms with this; a phone's 4000 × 3000 photo 21.6 ms, 16.1 ms."""


DRAFT = 2 * max(WEB_SIZE)
"""A JPEG is decoded at the smallest of 1/2, 1/4 or 1/8 of its size that keeps both sides at least this:
a phone's 4000 × 3000 photo decoded whole took 0.2 s (20 s for a township's hundred pioneer photos
at a cold build), at 1/4 it takes 0.02 s, and twice the published size leaves nothing to see."""


def _shrink(source: bytes) -> bytes:
    """Upright, 3:4, :data:`WEB_SIZE`, JPEG, no metadata (the same bytes every time)."""
    from PIL import Image, ImageOps  # (imported when first used: Pillow takes 40 ms of a build's start)

    with Image.open(io.BytesIO(source)) as opened:
        opened.draft("RGB", (DRAFT, DRAFT))  # (either side may become the width once turned upright)
        image = ImageOps.exif_transpose(opened)
        # 16-bit grey (a scanner's PNG) scaled to 8 bits: converted as it is, every value above 255 was white.
        if image.mode.startswith("I"):
            image = image.convert("I").point(lambda value: value / 256).convert("L")
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(background, image)
        image = image.convert("RGB")
        # Faces sit in the upper part of a portrait: crop from a little above the centre.
        image = ImageOps.fit(image, WEB_SIZE, Image.Resampling[RESAMPLE], centering=(0.5, 0.35))
        # Pillow carries a source's comment (a JPEG's COM segment, a PNG's "comment" text) through every
        # step and writes it back on saving: a clerk's note or a phone's caption would be published.
        image.info.clear()
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True)  # no exif=, no icc_profile=: none kept
        return out.getvalue()


@cache
def _making() -> bytes:
    """What a web photo's bytes depend on beyond its source: this code, Pillow, the size and quality."""
    return parts_digest(
        Path(__file__).read_bytes(), PIL.__version__.encode(), repr((WEB_SIZE, QUALITY)).encode()
    )


class Photos:
    """Web photos by source file, made once and kept in ``folder`` between builds."""

    def __init__(self, folder: Path | None = None) -> None:
        self.store = SharedPack(folder, b"photo 2\n") if folder is not None else None

    @staticmethod
    def digest(path: Path) -> bytes:
        """The hash of everything the web photo of ``path`` is made from (its file is named by it, so pages
        link it before it is made)."""
        return hashlib.sha256(_making() + hashlib.sha256(whole_file(path)).digest()).digest()

    def web(self, path: Path, key: bytes) -> bytes:
        """The web photo of the source photo at ``path``, whose :meth:`digest` is ``key`` (taken when the
        page linking it was made: the source is not read and hashed again)."""
        data = self.store.get(key) if self.store else None
        if data is None:
            data = _shrink(path.read_bytes())
            if self.store:
                self.store.put(key, data)
        return data
