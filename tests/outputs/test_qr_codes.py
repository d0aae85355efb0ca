"""The posters' QR codes: each leads to its page's URL, as drawn; the files earlier versions kept them in are removed.

(The printed posters' codes are read back from Chromium's PDF in ``test_print.py``.)"""

from __future__ import annotations

import re
from pathlib import Path

import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from noticeboard.outputs.qr_codes import QUIET_ZONE, qr_modules, qr_svg
from noticeboard.outputs.rendered import forget_legacy_caches

URL = "https://noticeboard.example.org/branches/qingshan-1/"
SLUG = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=40)


def drawn(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The side of the SVG's square and the modules its strokes cover (a stroke one module wide along the
    middle of a row of modules, from where the last one ended)."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])  # type: ignore[index]
    path = re.search(r'<path stroke="#000" d="([^"]*)"', svg)[1]  # type: ignore[index]
    steps = re.findall(r"([Mm])(-?\d+) (-?[\d.]+)h(\d+)", path)
    assert "".join(f"{m}{x} {y}h{n}" for m, x, y, n in steps) == path  # nothing else in the path
    covered: set[tuple[int, int]] = set()
    at_x, at_y = 0.0, 0.0
    for move, x, y, width in steps:
        at_x, at_y = (float(x), float(y)) if move == "M" else (at_x + float(x), at_y + float(y))
        assert at_y % 1 == 0.5, "a stroke off the middle of a row"
        covered |= {(int(at_x) + step, int(at_y)) for step in range(int(width))}
        at_x += int(width)
    return side, covered


def scan(svg: str) -> list[zxingcpp.Barcode]:
    """The codes a phone reads in the drawn SVG (four pixels a module)."""
    side, covered = drawn(svg)
    image = Image.new("L", (side, side), 255)
    for x, y in covered:
        image.putpixel((x, y), 0)
    return zxingcpp.read_barcodes(image.resize((side * 4, side * 4), Image.Resampling.NEAREST))


@settings(max_examples=60, deadline=None)
@given(township=SLUG, branch=SLUG, year=st.integers(2020, 2099))
def test_the_drawn_code_leads_to_the_url(township: str, branch: str, year: int) -> None:
    url = f"https://dangjian.example.gov.cn/{township}/branches/{branch}/{year}/"
    assert [code.text for code in scan(qr_svg(url))] == [url]


def test_the_svg_draws_every_dark_module_inside_a_quiet_zone() -> None:
    modules = qr_modules(URL)
    side, covered = drawn(qr_svg(URL))
    assert side == len(modules) + 2 * QUIET_ZONE
    assert covered == {
        (x + QUIET_ZONE, y + QUIET_ZONE)
        for y, row in enumerate(modules)
        for x, dark in enumerate(row)
        if dark
    }
    assert [code.text for code in scan(qr_svg(URL))] == [URL]


def test_error_correction_is_level_m() -> None:
    """Level M: a code partly covered (a scratch, a drawing pin: up to 15 %) still reads."""
    assert [code.ec_level for code in scan(qr_svg(URL))] == ["M"]


def test_the_codes_files_of_earlier_versions_are_removed_from_the_cache(tmp_path: Path) -> None:
    """Earlier versions kept each code in a file of its own (a county's 10 MB, kept by CI's cache for ever)."""
    (tmp_path / "qr" / "ab").mkdir(parents=True)
    (tmp_path / "qr" / "ab" / "cdef.svg").write_text("<svg/>")
    (tmp_path / "rendered").mkdir()
    (tmp_path / "rendered" / "standalone.sqlite").write_bytes(b"")
    (tmp_path / "rendered" / "standalone-0.sqlite").write_bytes(b"kept")
    forget_legacy_caches(tmp_path)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == [
        "rendered",
        "rendered/standalone-0.sqlite",
    ]
