"""QR codes on printed boards: inline SVG leading to the board's live page, cached by URL.

Why zxing-cpp (its writer is Zint's QR encoder, in C++): a poster's code must be chosen the way the
standard says (the smallest version for error correction level M, the mask with the lowest penalty, so
it scans well from paper), and a pure-Python encoder took 6 ms a code to try its eight masks — 12 s of a
county's cold build for 2,000 branches' posters; this one takes 0.3 ms. The same library reads the codes
back in the tests. Why a cache all the same: the same URLs come back at every build.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from noticeboard.registries.disk_cache import DiskCache, parts_digest

QUIET_ZONE = 2
"""Light modules around the code (the poster's white margin adds to them)."""
DARK = 0
"""A dark module in the encoder's image of the code (one byte a module: 0 dark, 255 light)."""


class QrCodes:
    """Inline SVG QR codes (error correction M), kept by URL in memory and, when given, on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        salt = parts_digest(version("zxing-cpp").encode(), Path(__file__).read_bytes())  # encoder, drawing
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
        svg = qr_svg(url)
        if self.store:
            self.store.put(url.encode(), svg.encode("utf-8"))
        return svg


def qr_svg(text: str) -> str:
    """The QR code of ``text`` as one SVG: a white square, and each row's runs of dark modules as strokes one
    module wide, each move relative to the last (a poster set holds thousands of codes: a rectangle per
    run took twice the bytes)."""
    modules = qr_modules(text)
    side = len(modules) + 2 * QUIET_ZONE
    path: list[str] = []
    x_at = y_at = 0
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            if path:
                path.append(f"m{start - x_at} {y - y_at}h{x - start}")
            else:
                path.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE + 0.5:g}h{x - start}")
            x_at, y_at = x, y
    return (
        f'<svg viewBox="0 0 {side} {side}" role="img" aria-label="二维码">'
        f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
        f'<path stroke="#000" d="{"".join(path)}"/></svg>'
    )


def qr_modules(text: str) -> list[list[bool]]:
    """The modules of the QR code of ``text``, row by row (True: dark), without the quiet zone."""
    import zxingcpp  # (imported when first drawn: 10 ms of a build's start, and most rebuilds draw none)

    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    cells = bytes(memoryview(image))  # type: ignore[arg-type]  # (a buffer; the library's stub does not say so)
    return [[cells[y * width + x] == DARK for x in range(width)] for y in range(height)]
