"""Photos found usable are not opened again on the next build while their files are the same; a photo
written anew, even at the same size and time, is checked again and its problem reported."""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

import noticeboard.registries.photos as photos
from noticeboard.registries import RegistryError, load_registry
from support.township import Township

MEMBERS = "data/members/qingshan-1.yml"
POST = "  post:\n    title: 政策宣传岗\n    duties: 每月入户宣讲一次\n    since: 2024-03-01\n    photo: m001.jpg\n"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "red").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    original = photos.check_photo

    def counting(path: Path) -> str | None:
        seen.append(path)
        return original(path)

    monkeypatch.setattr(photos, "check_photo", counting)
    return seen


def test_a_usable_photo_is_opened_once_and_a_damaged_one_reported_on_every_build(
    town: Township, tmp_path: Path, opened: list[Path]
) -> None:
    town.replace(
        MEMBERS, "  private:\n    phone: '13900000001'\n", POST + "  private:\n    phone: '13900000001'\n"
    )
    photo = town.data / "photos" / "m001.jpg"
    photo.parent.mkdir()
    photo.write_bytes(jpeg())

    def load() -> object:
        return load_registry(
            town.data, stories_dir=town.stories, root=town.root, cache_dir=tmp_path / "cache"
        )

    load()
    assert opened == [photo]
    opened.clear()
    load()
    assert opened == [], "the same file: not opened again"
    status = photo.stat()
    damaged = b"\0" * status.st_size
    photo.write_bytes(damaged)
    os.utime(photo, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same modification time
    for _ in range(2):
        with pytest.raises(RegistryError) as caught:
            load()
        assert any("m001.jpg 无法打开" in str(problem) for problem in caught.value.problems)
    assert len(opened) == 2


@pytest.fixture
def opened_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[tuple[str, str]]]:
    """The photos opened since last asked, each with whether this process opened it (``here``) or another."""
    log = tmp_path / "opened.log"
    original = photos.check_photo

    def logged(path: Path) -> str | None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {path.name}\n")
        return original(path)

    def read() -> list[tuple[str, str]]:
        if not log.exists():
            return []
        lines = log.read_text(encoding="utf-8").split("\n")[:-1]
        log.unlink()
        here = str(os.getpid())
        return sorted(("here" if pid == here else "other", name) for pid, name in map(str.split, lines))

    monkeypatch.setattr(photos, "check_photo", logged)
    return read


def _county(data: Path, named: dict[str, bytes], unnamed: dict[str, bytes]) -> None:
    """Enough files to be validated in two processes, the first ones' members at posts with the ``named``
    photos, and other photos besides."""
    from registries.test_records_written_meanwhile import _data

    for path, photo in zip(_data(data), named, strict=False):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("  points:", POST.replace("m001.jpg", photo) + "  points:"), encoding="utf-8"
        )
    (data / "photos").mkdir()
    for name, content in {**named, **unnamed}.items():
        (data / "photos" / name).write_bytes(content)


def test_a_cold_load_opens_the_photos_in_its_second_process_once_for_the_next_loads_too(
    tmp_path: Path, opened_where: Callable[[], list[tuple[str, str]]]
) -> None:
    data = tmp_path / "data"
    _county(data, {"m1.jpg": jpeg(), "m2.JPG": jpeg()}, {})  # (every photo named: as a county's demo)
    for _ in range(2):  # the second time from the cache: no second process, nothing opened
        registry = load_registry(data, root=tmp_path, cache_dir=tmp_path / "cache", fork=True)
        assert sorted(registry.photos) == ["m1.jpg", "m2.JPG"]
        assert opened_where() == ([("other", "m1.jpg"), ("other", "m2.JPG")] if _ == 0 else [])


def test_a_damaged_photo_found_by_the_second_process_is_opened_again_here_to_be_reported(
    tmp_path: Path, opened_where: Callable[[], list[tuple[str, str]]]
) -> None:
    data = tmp_path / "data"
    _county(data, {"good.jpg": jpeg(), "cut.JPG": jpeg()[:300]}, {"unnamed.png": jpeg()})
    with pytest.raises(RegistryError) as caught:
        load_registry(data, root=tmp_path, cache_dir=tmp_path / "cache", fork=True)
    reported = [str(problem) for problem in caught.value.problems]
    assert (
        [problem for problem in reported if "cut.JPG" in problem]
        == [problem for problem in reported if "b001.yml" in problem and "无法打开" in problem]
        != []
    )
    assert opened_where() == [
        ("here", "cut.JPG"),
        ("other", "cut.JPG"),
        ("other", "good.jpg"),
        ("other", "unnamed.png"),
    ]


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is ``width`` × ``height``: what Pillow reads before its pixels."""
    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")  # (IHDR's width and height)
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


@pytest.mark.parametrize("size", [(9000, 7000), (12000, 9000), (20000, 10000)])
def test_a_photo_of_too_many_pixels_is_said_to_be_so(tmp_path: Path, size: tuple[int, int]) -> None:
    """Above our 60 million pixels, and above Pillow's own limits (89 and 179 million), which it raises
    before the size can be read: a phone's 108-megapixel photo was said to be damaged."""
    path = tmp_path / "m001.png"
    path.write_bytes(_png_claiming(*size))
    assert photos.check_photo(path) is not None and "的像素太多" in photos.check_photo(path)


def test_a_photo_named_in_another_case_is_said_to_be_so(tmp_path: Path) -> None:
    """Windows opens m001.JPG for m001.jpg; the server building the site does not."""
    (tmp_path / "m001.JPG").write_bytes(b"")
    assert photos.check_photo(tmp_path / "m001.jpg") == (
        "找不到照片 m001.jpg；文件夹里有 m001.JPG：文件名的大小写要与这里写的一致"
    )
    assert "请把照片放在 data/photos/" in (photos.check_photo(tmp_path / "m002.jpg") or "")
