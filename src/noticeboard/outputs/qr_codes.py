"""QR codes on printed boards: inline SVG leading to the board's live page, cached by URL.

Why a cache: a code takes about 6 ms to make (segno tries all eight masks to find
the one that scans best from paper), which is 12 s for a county's 2,000 branches;
the same URLs come back at every build.
"""

from __future__ import annotations

from pathlib import Path

import segno

from noticeboard.registries.disk_cache import DiskCache


class QrCodes:
    """Inline SVG QR codes (error correction M), kept by URL in memory and, when given, on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        salt = f"segno {segno.__version__}\n".encode()
        self.store = DiskCache(folder, salt, ".svg") if folder is not None else None
        self.made: dict[str, str] = {}

    def svg(self, url: str) -> str:
        if url not in self.made:
            self.made[url] = self._load(url)
        return self.made[url]

    def _load(self, url: str) -> str:
        stored = self.store.get(url.encode()) if self.store else None
        if stored is not None:
            return stored.decode("utf-8")
        code = segno.make(url, error="m", micro=False)
        svg = str(code.svg_inline(border=2, omitsize=True, dark="#000", light="#fff"))
        if self.store:
            self.store.put(url.encode(), svg.encode("utf-8"))
        return svg
