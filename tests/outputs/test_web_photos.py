"""Pioneer photos as published: a phone's big photo comes out small, upright and clean, and looks as it
would had it been decoded whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat, PngImagePlugin

from noticeboard.outputs import web_photos
from noticeboard.outputs.web_photos import QUALITY, RESAMPLE, WEB_SIZE, Photos


def phone_photo(size: tuple[int, int] = (4000, 3000), orientation: int = 6) -> bytes:
    """A landscape photo as a phone stores it, lying on its side: its left third red, the rest a gradient,
    with the EXIF orientation that turns it upright (6: turn 90° clockwise) and a GPS position."""
    image = Image.radial_gradient("L").resize(size).convert("RGB")
    image.paste((200, 20, 20), (0, 0, size[0] // 3, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (26.0, 34.0, 58.0), 3: "E", 4: (106.0, 42.0, 7.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def published(source: bytes, folder: Path) -> Image.Image:
    """The photo as the site publishes it, from a file in ``folder``."""
    path = folder / "photo.jpg"
    path.write_bytes(source)
    return Image.open(io.BytesIO(Photos().web(path, Photos.digest(path))))


def decoded_whole(source: bytes) -> Image.Image:
    """The published photo made from the whole decoded image (what :func:`_shrink` did before it decoded
    big JPEGs at a fraction of their size)."""
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(source))).convert("RGB")
    image = ImageOps.fit(image, WEB_SIZE, Image.Resampling[RESAMPLE], centering=(0.5, 0.35))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, optimize=True)
    return Image.open(out)


def test_a_big_phone_photo_is_published_small_upright_and_without_metadata(tmp_path: Path) -> None:
    photo = published(phone_photo(), tmp_path)
    assert photo.size == WEB_SIZE
    assert not photo.getexif()
    top = photo.crop((0, 0, WEB_SIZE[0], 20)).convert("RGB")
    red, green, _ = ImageStat.Stat(top).mean
    assert red > 150 and green < 60, "the photo's left edge, its top once upright, is not at the top"


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_photos_comment_is_not_published(tmp_path: Path, kind: str) -> None:
    """A comment written into the photo (a JPEG's COM segment, a PNG's text chunk) stays with the office."""
    image = Image.new("RGB", (300, 400), (90, 120, 150))
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, kind, comment="家住翠竹巷 7 号 13912345678")
    else:
        text = PngImagePlugin.PngInfo()
        text.add_text("comment", "家住翠竹巷 7 号 13912345678")
        image.save(out, kind, pnginfo=text)
    assert "翠竹巷".encode() in out.getvalue()  # (the source has it)
    path = tmp_path / f"photo.{kind.lower()}"
    path.write_bytes(out.getvalue())
    web = Photos().web(path, Photos.digest(path))
    assert "comment" not in Image.open(io.BytesIO(web)).info
    assert b"13912345678" not in web and "翠竹巷".encode() not in web


def test_a_sixteen_bit_grey_scan_keeps_its_greys(tmp_path: Path) -> None:
    """A scanner's 16-bit greyscale PNG was published solid white: each value above 255 clipped."""
    scan = Image.linear_gradient("L").resize((300, 400)).convert("I").point(lambda value: value * 256)
    scan = scan.convert("I;16")
    out = io.BytesIO()
    scan.save(out, "PNG")
    path = tmp_path / "scan.png"
    path.write_bytes(out.getvalue())
    grey = Image.open(io.BytesIO(Photos().web(path, Photos.digest(path)))).convert("L")
    top, bottom = (
        ImageStat.Stat(grey.crop((0, y, WEB_SIZE[0], y + 20))).mean[0] for y in (0, WEB_SIZE[1] - 20)
    )
    assert top < 60 and bottom > 190, (top, bottom)  # dark above, light below, as scanned


def test_a_big_photo_looks_as_it_would_decoded_whole(tmp_path: Path) -> None:
    source = phone_photo(orientation=1)
    fast, whole = published(source, tmp_path).convert("RGB"), decoded_whole(source).convert("RGB")
    difference = ImageStat.Stat(ImageChops.difference(fast, whole)).mean
    assert max(difference) < 3, difference  # of 255: no visible change


def test_a_small_photo_is_published_at_the_web_size_too(tmp_path: Path) -> None:
    assert published(phone_photo((300, 400), orientation=1), tmp_path).size == WEB_SIZE


def test_a_photo_made_once_is_taken_from_the_cache_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(phone_photo((800, 600)))
    first = Photos(tmp_path / "photos").web(path, Photos.digest(path))

    def not_again(source: bytes) -> bytes:
        raise AssertionError("made again")

    monkeypatch.setattr(web_photos, "_shrink", not_again)
    assert Photos(tmp_path / "photos").web(path, Photos.digest(path)) == first
