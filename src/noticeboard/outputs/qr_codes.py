"""QR codes on printed boards: inline SVG leading to the board's live page.

Why zxing-cpp (its writer is Zint's QR encoder, in C++): a poster's code must be chosen the way the
standard says (the smallest version for error correction level M, the mask with the lowest penalty, so
it scans well from paper), and a pure-Python encoder took 6 ms a code to try its eight masks — 12 s of a
county's cold build for 2,000 branches' posters; this one takes 0.3 ms. The same library reads the codes
back in the tests. Why no cache on disk: a code is drawn only when its poster's sheets are (they are kept
between builds), and writing a code's file took as long as making it (0.35 ms, 2 s of a county's cold
build). A process remembers the codes it made: a page's code is on each of its posters' sheets (a
county's 2,220 addresses are on 12,017 sheets).
"""

from __future__ import annotations

import re
from functools import lru_cache

QUIET_ZONE = 2
"""Light modules around the code (the poster's white margin adds to them)."""
DARK = 0
"""A dark module in the encoder's image of the code (one byte a module: 0 dark, 255 light)."""
_DARK_ONE = bytes(int(cell == DARK) for cell in range(256))
"""Each byte of the encoder's image as 1 (dark) or 0 (light): a table for ``bytes.translate``."""
_RUNS = re.compile(b"\x01+")


@lru_cache(maxsize=4096)  # (a code is about 1.5 kB)
def qr_svg(text: str) -> str:
    """The QR code of ``text`` as one SVG: a white square, and each row's runs of dark modules as strokes one
    module wide, each move relative to the last (a poster set holds thousands of codes: a rectangle per
    run took twice the bytes)."""
    modules = qr_modules(text)
    side = len(modules) + 2 * QUIET_ZONE
    path: list[str] = []
    x_at = y_at = 0
    for y, row in enumerate(modules):
        for run in _RUNS.finditer(row):
            start, x = run.span()
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


def qr_modules(text: str) -> list[bytes]:
    """The modules of the QR code of ``text``, row by row (1: dark, 0: light), without the quiet zone."""
    import zxingcpp  # (imported when first drawn: 10 ms of a build's start, and most rebuilds draw none)

    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    cells = bytes(memoryview(image)).translate(_DARK_ONE)  # type: ignore[arg-type]  # (a buffer; the library's stub does not say so)
    return [cells[y * width : (y + 1) * width] for y in range(height)]
