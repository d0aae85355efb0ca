"""A rebuild updates the last build's folder in place (``website.update_in_place``): only what changed is
touched, and the folder ends as a fresh one would be — no stale file, no empty folder left behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from noticeboard.last_build import manifest
from noticeboard.website import BATCH, SiteFolder, as_left, update_in_place


def _write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def _tree(root: Path) -> dict[str, str]:
    """Every file's text, and every folder as ``path/``."""
    return {
        path.relative_to(root).as_posix() + ("" if path.is_file() else "/"): (
            path.read_text(encoding="utf-8") if path.is_file() else ""
        )
        for path in root.rglob("*")
    }


def test_changed_files_are_moved_in_stale_ones_removed_with_their_folders_and_the_rest_left_alone(
    tmp_path: Path,
) -> None:
    final, partial = tmp_path / "site", tmp_path / "site.partial"
    _write(
        final,
        {
            "index.html": "旧首页",
            "branches/a/index.html": "甲支部",
            "branches/b/index.html": "乙支部",
            "stories/tea/index.html": "茶叶",  # the story was removed: its folders go too
            "print/c": "一个文件，现在是文件夹",
            "search/search_index.json": "{}",
        },
    )
    kept = final / "branches" / "a" / "index.html"
    kept_inode = kept.stat().st_ino
    _write(
        partial,
        {
            "index.html": "新首页",
            "branches/b/index.html": "乙支部（新）",
            "print/c/index.html": "海报",
            "stories/road/index.html": "道路",
        },
    )
    outputs = {
        path: size_time for path, size_time in manifest(final).items() if path == "branches/a/index.html"
    }
    moved = manifest(partial)

    listed = update_in_place(partial, final, outputs, moved, manifest(final))

    assert _tree(final) == {
        "index.html": "新首页",
        "branches/": "",
        "branches/a/": "",
        "branches/a/index.html": "甲支部",
        "branches/b/": "",
        "branches/b/index.html": "乙支部（新）",
        "print/": "",
        "print/c/": "",
        "print/c/index.html": "海报",
        "stories/": "",
        "stories/road/": "",
        "stories/road/index.html": "道路",
    }
    assert kept.stat().st_ino == kept_inode, "an unchanged file is not written again"
    assert listed == manifest(final), "what the next build is told the folder holds"
    assert not partial.exists()


def test_a_folder_where_a_file_now_goes_is_replaced_by_the_file(tmp_path: Path) -> None:
    final, partial = tmp_path / "site", tmp_path / "site.partial"
    _write(final, {"feed/index.html": "旧的"})
    _write(partial, {"feed": "新的"})
    update_in_place(partial, final, {}, manifest(partial), manifest(final))
    assert _tree(final) == {"feed": "新的"}


def test_a_file_the_last_build_listed_but_someone_removed_since_is_no_error(tmp_path: Path) -> None:
    final, partial = tmp_path / "site", tmp_path / "site.partial"
    _write(final, {"a/index.html": "甲", "b/index.html": "乙"})
    listing = manifest(final)
    (final / "b" / "index.html").unlink()
    _write(partial, {"a/index.html": "甲（新）"})
    update_in_place(partial, final, {}, manifest(partial), listing)
    assert _tree(final) == {"a/": "", "a/index.html": "甲（新）"}


def test_an_update_that_fails_half_way_leaves_every_page_there_old_or_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk, or a file held open on Windows: the new files go in first, so no page is removed."""
    final, partial = tmp_path / "site", tmp_path / "site.partial"
    _write(final, {"a/index.html": "甲", "b/index.html": "乙", "gone/index.html": "已删除的支部"})
    _write(partial, {"a/index.html": "甲（新）", "b/index.html": "乙（新）"})
    replace, moves = Path.replace, []

    def fail_second(self: Path, target: Path) -> Path:
        moves.append(self)
        if len(moves) == 2:
            raise OSError(28, "No space left on device")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", fail_second)
    with pytest.raises(OSError, match="No space"):
        update_in_place(partial, final, {}, manifest(partial), manifest(final))
    assert set(_tree(final)) >= {"a/index.html", "b/index.html", "gone/index.html"}


def test_a_flushed_site_folder_has_written_everything_placed_and_runs_no_thread(tmp_path: Path) -> None:
    """Kept pages are placed as the build is planned, before the steps that fork a second process (to
    render pages and posters): a fork is refused while a thread runs, so the writing threads must end."""
    site = tmp_path / "site"
    folder = SiteFolder(site, None, {})
    for n in range(BATCH * 3):  # (several batches: several threads)
        folder.place(f"branches/b{n}/index.html", b"key", lambda n=n: f"支部 {n}")
    folder.flush()
    assert [thread.name for thread in threading.enumerate() if thread.name.startswith("nb-write")] == []
    assert (site / "branches/b150/index.html").read_text(encoding="utf-8") == "支部 150"
    with folder:  # (and it goes on placing afterwards)
        folder.place("print/index.html", b"key", lambda: "海报")
    assert len(folder.files) == BATCH * 3 + 1


LEFT = (1_000, 1_733_000_123_456_789_012)
"""A file as a build left it: its size and time (in nanoseconds)."""


@pytest.mark.parametrize(
    ("found", "same"),
    [
        (LEFT, True),
        ((1_000, 1_733_000_123_000_000_000), True),  # given back by GitLab's cache (a zip): whole seconds
        ((1_000, 1_733_000_124_000_000_000), False),  # whole seconds, but another second: written since
        ((1_000, 1_733_000_122_000_000_000), False),
        ((1_000, 1_733_000_123_456_789_013), False),  # written again in the same second
        ((999, 1_733_000_123_000_000_000), False),  # another size
        (None, False),  # gone
    ],
)
def test_a_file_is_the_one_the_last_build_left_when_its_size_and_time_are(
    found: tuple[int, int] | None, same: bool
) -> None:
    assert as_left(found, LEFT) is same
