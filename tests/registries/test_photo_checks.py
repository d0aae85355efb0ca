"""Photos found usable are not opened again on the next build while their files are the same; a photo
written anew, even at the same size and time, is checked again and its problem reported."""

from __future__ import annotations

import io
import os
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


def test_a_cold_load_opens_the_photos_in_its_second_process_and_reports_a_damaged_one_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With enough files to validate in two processes, the second also opens every photo meanwhile: this
    process opens only the photo found unusable, to report it with the post that names it."""
    from registries.test_records_written_meanwhile import _data

    data = tmp_path / "data"
    paths = _data(data)
    for path, photo in zip(paths, ("good.jpg", "cut.JPG"), strict=False):
        text = path.read_text(encoding="utf-8").replace(
            "  points:", POST.replace("m001.jpg", photo) + "  points:"
        )
        path.write_text(text, encoding="utf-8")
    (data / "photos").mkdir()
    for name in ("good.jpg", "unnamed.png"):
        (data / "photos" / name).write_bytes(jpeg())
    (data / "photos" / "cut.JPG").write_bytes(jpeg()[:300])
    log = tmp_path / "opened.log"
    original = photos.check_photo

    def logged(path: Path) -> str | None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {path.name}\n")
        return original(path)

    monkeypatch.setattr(photos, "check_photo", logged)
    with pytest.raises(RegistryError) as caught:
        load_registry(data, root=tmp_path, cache_dir=tmp_path / "cache", fork=True)
    assert (
        [problem for problem in caught.value.problems if "cut.JPG" in str(problem)]
        == [
            problem
            for problem in caught.value.problems
            if "b001.yml" in str(problem) and "无法打开" in str(problem)
        ]
        != []
    )
    opened = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    here = str(os.getpid())
    assert sorted(name for pid, name in opened if pid != here) == ["cut.JPG", "good.jpg", "unnamed.png"]
    assert [name for pid, name in opened if pid == here] == ["cut.JPG"], "only the unusable one again"
    (data / "photos" / "cut.JPG").write_bytes(jpeg())
    log.unlink()
    load_registry(data, root=tmp_path, cache_dir=tmp_path / "cache", fork=True)
    opened = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(opened) == [[here, "cut.JPG"], [here, "good.jpg"]], "the records cached: no second process"
